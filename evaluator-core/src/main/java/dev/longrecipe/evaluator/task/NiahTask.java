package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.score.Metric;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * RULER's niah task ({@code niah.py}) with one set of arguments from {@code synthetic.yaml}: {@code keys} keys get
 * {@code valuesPerKey} needles each ("One of the special magic numbers for KEY is: VALUE."), the needles are shuffled
 * and placed ({@link NeedleDepths}), the haystack fills the length, and the question asks for the values of
 * {@code queries} keys drawn at random. Expected: the queried keys' values, in query order. Scored by
 * {@code string_match_all}; budget 128 tokens.
 */
final class NiahTask extends RulerTask {
    private static final List<String> COMMON_DEVIATIONS = List.of(
            "haystack sized by exact token count to fill the length (RULER steps by 500 words or 25 lines)",
            "a sample's keys are distinct and so are its values (RULER does not check)",
            "needle order: RULER's shuffle by a fixed seed, here the run seed and the task");

    private final NiahSpec spec;

    NiahTask(String name, NiahSpec spec, String description) {
        super(new About(name, description, 128, Metric.STRING_MATCH_ALL, true, deviations(spec)));
        this.spec = spec;
    }

    private static List<String> deviations(NiahSpec spec) {
        List<String> out = new ArrayList<>(COMMON_DEVIATIONS);
        if (spec.haystack() == HaystackKind.ESSAY) {
            out.add("essay haystack: the run's haystack corpus (by default the King James text), not Paul Graham's"
                    + " essays; sentences as the corpus splits them, not NLTK's sent_tokenize");
        }
        if (spec.haystack() == HaystackKind.NEEDLE) {
            out.add("distractor needles never repeat a real needle's key or value");
        }
        if (spec.keyType() == KeyType.WORDS) {
            out.add("word keys: adjective-noun pairs from our own lists (KeyWords), not wonderwords'");
        }
        return List.copyOf(out);
    }

    NiahSpec spec() {
        return spec;
    }

    @Override
    public List<TaskSample> samples(TaskContext ctx, int length) {
        return eachIndex(ctx, i -> sample(ctx, length, i));
    }

    private TaskSample sample(TaskContext ctx, int length, int index) {
        String name = name();
        String variant = spec.haystack().variantName();
        SplittableRandom rng = new SplittableRandom(Seeds.derive(ctx.seed(), name, length, index));
        ValueType valueType = spec.valueType();

        // keys, each with its values, and a needle for each value (RULER's order: key by key)
        Set<String> usedKeys = new HashSet<>();
        Set<String> usedValues = new HashSet<>();
        Map<String, List<String>> valuesByKey = new LinkedHashMap<>();
        List<String> needles = new ArrayList<>();
        while (valuesByKey.size() < spec.keys()) {
            String key = spec.keyType().draw(rng);
            if (!usedKeys.add(key)) {
                continue;
            }
            List<String> values = new ArrayList<>();
            while (values.size() < spec.valuesPerKey()) {
                String value = valueType.draw(rng);
                if (usedValues.add(value)) {
                    values.add(value);
                    needles.add(RulerTemplate.needle(valueType, key, value));
                }
            }
            valuesByKey.put(key, values);
        }
        Shuffles.fixedShuffle(needles, Seeds.derive(ctx.seed(), name, "needle-order"));

        NeedlePlacement placement = spec.haystack() == HaystackKind.ESSAY
                ? NeedleDepths.essay(rng, needles.size())
                : NeedleDepths.lineIndexes(rng.nextLong(), needles.size(), true);

        // the queried keys (random.sample: random order) and their values
        List<String> queries = Shuffles.sample(new ArrayList<>(valuesByKey.keySet()), spec.queries(), rng);
        List<String> expected = new ArrayList<>();
        for (String q : queries) {
            expected.addAll(valuesByKey.get(q));
        }

        HaystackUnits units = switch (spec.haystack()) {
            case ESSAY -> new EssayUnits(ctx.corpus(), 0); // RULER's essay haystack always starts at its beginning
            case NOISE -> new NoiseUnits(NoiseUnits.NOISE, "\n");
            case NEEDLE -> new DistractorUnits(valueType, spec.keyType(), rng.split(), usedKeys, usedValues);
        };
        int budget = ctx.budgetOf(this);
        ContextFitter fitter = new ContextFitter(ctx.tokens(),
                context -> RulerTemplate.prompt(valueType, context, queries, expected.size()));
        ContextFitter.FittedContext fitted = fitter.fit(units, needles, placement, length - budget, name, variant,
                budget, PromptDoesNotFitException.needles(needles.size()));
        return new TaskSample(name, variant, length, Integer.toString(index), fitted.depths(), fitted.prompt(),
                fitted.promptTokens(), budget, needles, fitted.needlePositions(), expected);
    }
}
