package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.score.Metric;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * RULER's vt ({@code variable_tracking.py}, num_chains 1, num_hops 4): one chain {@code VAR A = 12345},
 * {@code VAR B = VAR A }, … five variables long, its assignments inserted in order at random lines of the noise
 * haystack ("The grass is green. …" lines joined by spaces). The question asks which variables hold the value; the
 * expected answer is the chain's five names. RULER puts a one-shot example first: the same task at 500 tokens with
 * three-letter names, its question cut the way RULER cuts it (whitespace collapsed, the last word of the question
 * dropped), followed by its answer. Scored by {@code string_match_all}; budget 30 tokens.
 */
final class VariableTracking extends RulerTask {
    static final String NAME = "vt";
    static final int NUM_HOPS = 4;
    /** RULER sizes the one-shot example at 500 tokens with vt's own budget of 30. */
    static final int EXAMPLE_LENGTH = 500;
    static final int EXAMPLE_BUDGET = 30;

    VariableTracking() {
        super(new About(NAME, "variable tracking: 1 chain of 4 hops in noise, one-shot example first", 30,
                Metric.STRING_MATCH_ALL, false,
                List.of("noise lines counted by exact token count (RULER steps by 10 lines; the example by 5)",
                        "the example's names are drawn once (RULER draws them and then redraws them, same distribution)")));
    }

    @Override
    public List<TaskSample> samples(TaskContext ctx, int length) {
        return eachIndex(ctx, i -> sample(ctx, length, i));
    }

    private TaskSample sample(TaskContext ctx, int length, int index) {
        SplittableRandom rng = new SplittableRandom(Seeds.derive(ctx.seed(), NAME, length, index));

        // the one-shot example: RULER's template with whitespace collapsed and the question's last word dropped
        String[] words = RulerTemplate.VT.strip().split("\\s+");
        String exampleTemplate = String.join(" ", List.of(words).subList(0, words.length - 1))
                + RulerTemplate.VT_ANSWER;
        Chain example = Chain.draw(rng, 3);
        ContextFitter.FittedContext ex = fitChain(ctx, example, exampleTemplate, rng.nextLong(), EXAMPLE_LENGTH,
                EXAMPLE_BUDGET, "");
        String exampleText = ex.prompt() + " " + String.join(" ", example.names()) + "\n\n";

        Chain chain = Chain.draw(rng, 5);
        int budget = ctx.budgetOf(this);
        ContextFitter.FittedContext fitted = fitChain(ctx, chain, RulerTemplate.VT + RulerTemplate.VT_ANSWER,
                rng.nextLong(), length, budget, exampleText + "\n\n");
        return sampleWithoutNeedles("noise", length, index, fitted.prompt(), fitted.promptTokens(), budget,
                chain.names());
    }

    private static ContextFitter.FittedContext fitChain(TaskContext ctx, Chain chain, String template,
                                                        long placementSeed, int length, int budget, String before) {
        Map<String, String> fields = Map.of("query", chain.value(), "num_v", Integer.toString(NUM_HOPS + 1));
        ContextFitter fitter = new ContextFitter(ctx.tokens(), context -> {
            Map<String, String> all = new java.util.HashMap<>(fields);
            all.put("context", context.replace(". \n", ".\n"));
            return before + RulerTemplate.format(template, all);
        });
        return fitter.fit(new NoiseUnits(NoiseUnits.NOISE + "\n", " "), chain.statements(),
                NeedleDepths.lineIndexes(placementSeed, chain.statements().size(), false), length - budget, NAME,
                "noise", budget, "instructions, question, one-shot example and " + (NUM_HOPS + 1)
                        + " variable assignments");
    }

    /** One chain: distinct upper-case names, the value, and its assignments in order. */
    private record Chain(List<String> names, String value, List<String> statements) {
        static Chain draw(SplittableRandom rng, int nameLength) {
            Set<String> names = new LinkedHashSet<>();
            while (names.size() < NUM_HOPS + 1) {
                StringBuilder s = new StringBuilder(nameLength);
                for (int i = 0; i < nameLength; i++) {
                    s.append((char) ('A' + rng.nextInt(26)));
                }
                names.add(s.toString());
            }
            List<String> n = List.copyOf(names);
            String value = Integer.toString(rng.nextInt(10000, 99999)); // numpy randint(10000, 99999): high excluded
            List<String> statements = new ArrayList<>();
            statements.add("VAR " + n.get(0) + " = " + value);
            for (int j = 0; j < NUM_HOPS; j++) {
                statements.add("VAR " + n.get(j + 1) + " = VAR " + n.get(j) + " ");
            }
            return new Chain(n, value, List.copyOf(statements));
        }
    }
}
