package dev.longrecipe.evaluator.task;

import java.util.ArrayList;
import java.util.List;

/** RULER niah_multiquery: four needles with different keys, all four asked about in one question. */
public final class NiahMultiQuery implements BenchmarkTask {
    public static final String NAME = "niah_multiquery";
    private static final NiahSpec SPEC = new NiahSpec(4, 1, 4, HaystackKind.ESSAY, KeyType.WORDS);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "4 keys in 4 needles, all queried; all values expected";
    }

    @Override
    public List<TaskSample> samples(TaskContext ctx, int length) {
        List<TaskSample> out = new ArrayList<>();
        for (int i = 0; i < ctx.samplesPerTask(); i++) {
            out.add(NiahSampleGenerator.generate(ctx, SPEC, NAME, length, Integer.toString(i), null));
        }
        return out;
    }
}
