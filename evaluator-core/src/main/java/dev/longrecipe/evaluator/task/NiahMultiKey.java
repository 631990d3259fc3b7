package dev.longrecipe.evaluator.task;

import java.util.ArrayList;
import java.util.List;

/**
 * RULER niah_multikey: four needles with different keys, one asked about, in three haystacks: corpus text, lines of
 * distractor needles with word keys, lines of distractor needles with UUID keys (RULER's multikey_1/2/3).
 * evaluator.samplesPerTask samples per haystack.
 */
public final class NiahMultiKey implements BenchmarkTask {
    public static final String NAME = "niah_multikey";
    private static final List<NiahSpec> VARIANTS = List.of(
            new NiahSpec(4, 1, 1, HaystackKind.ESSAY, KeyType.WORDS),
            new NiahSpec(4, 1, 1, HaystackKind.WORD_KEY_DISTRACTORS, KeyType.WORDS),
            new NiahSpec(4, 1, 1, HaystackKind.UUID_KEY_DISTRACTORS, KeyType.UUIDS));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "4 needles, 1 queried; haystack of text, word-key distractors or UUID-key distractors";
    }

    @Override
    public List<TaskSample> samples(TaskContext ctx, int length) {
        List<TaskSample> out = new ArrayList<>();
        for (NiahSpec variant : VARIANTS) {
            for (int i = 0; i < ctx.samplesPerTask(); i++) {
                out.add(NiahSampleGenerator.generate(ctx, variant, NAME, length, Integer.toString(i), null));
            }
        }
        return out;
    }
}
