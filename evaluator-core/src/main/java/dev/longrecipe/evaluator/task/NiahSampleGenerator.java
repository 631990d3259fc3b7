package dev.longrecipe.evaluator.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * Builds one RULER needle sample: keys and values, needles shuffled and placed at their depths, the haystack sized to
 * the length, the question about the queried keys. Everything random comes from the sample's own seed.
 */
final class NiahSampleGenerator {
    private NiahSampleGenerator() {
    }

    /**
     * @param depths needle depths in placement order, or {@code null} to spread the needles evenly
     *               ((i + ½) / n: 12.5 %, 37.5 %, 62.5 %, 87.5 % for four)
     */
    static TaskSample generate(TaskContext ctx, NiahSpec spec, String task, int length, String sampleKey,
                               List<Double> depths) {
        String variant = spec.haystack().variantName();
        SplittableRandom rng = new SplittableRandom(Seeds.derive(ctx.seed(), task, variant, length, sampleKey));

        // keys and values, all distinct
        Set<String> usedKeys = new HashSet<>();
        Set<String> usedValues = new HashSet<>();
        Map<String, List<String>> valuesByKey = new LinkedHashMap<>();
        List<String[]> needlePairs = new ArrayList<>();
        while (valuesByKey.size() < spec.keys()) {
            String key = spec.keyType().draw(rng);
            if (!usedKeys.add(key)) {
                continue;
            }
            List<String> values = new ArrayList<>();
            while (values.size() < spec.valuesPerKey()) {
                String value = ctx.valueType().draw(rng);
                if (usedValues.add(value)) {
                    values.add(value);
                    needlePairs.add(new String[]{key, value});
                }
            }
            valuesByKey.put(key, values);
        }

        // needles in a random order, so the queried one lands at any of the depths
        List<String> needles = new ArrayList<>();
        for (String[] kv : needlePairs) {
            needles.add(RulerTemplate.needle(ctx.valueType(), kv[0], kv[1]));
        }
        shuffle(needles, rng);
        List<Double> placed = depths != null ? depths : evenDepths(needles.size());
        if (placed.size() != needles.size()) {
            throw new IllegalArgumentException(task + ": " + needles.size() + " needles but " + placed.size()
                    + " depths");
        }

        // which keys the question asks about, and the values that answer it
        List<String> keys = new ArrayList<>(valuesByKey.keySet());
        shuffle(keys, rng);
        List<String> queries = keys.subList(0, spec.queries());
        List<String> expected = new ArrayList<>();
        for (String q : queries) {
            expected.addAll(valuesByKey.get(q));
        }

        long corpusOffset = rng.nextLong(ctx.corpus().size());
        HaystackUnits units = spec.haystack() == HaystackKind.ESSAY
                ? new EssayUnits(ctx.corpus(), corpusOffset)
                : new DistractorUnits(ctx.valueType(), spec.haystack().distractorKeys(), rng.split(), usedKeys,
                        usedValues, ctx.corpus(), corpusOffset);
        List<String> queryList = List.copyOf(queries);
        ContextFitter fitter = new ContextFitter(ctx.tokens(),
                context -> RulerTemplate.prompt(ctx.valueType(), context, queryList, expected.size()));
        ContextFitter.FittedContext fitted = fitter.fit(units, needles, placed, length - ctx.maxNewTokens(), task,
                variant, ctx.maxNewTokens());
        return new TaskSample(task, variant, length, sampleKey, placed, fitted.prompt(), fitted.promptTokens(),
                ctx.maxNewTokens(), needles, fitted.needlePositions(), expected);
    }

    static List<Double> evenDepths(int n) {
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add((i + 0.5) / n);
        }
        return out;
    }

    private static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }
}
