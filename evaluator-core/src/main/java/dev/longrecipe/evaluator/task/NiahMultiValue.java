package dev.longrecipe.evaluator.task;

import java.util.ArrayList;
import java.util.List;

/** RULER niah_multivalue: one key with four values in four needles; all four are expected. */
public final class NiahMultiValue implements BenchmarkTask {
    public static final String NAME = "niah_multivalue";
    private static final NiahSpec SPEC = new NiahSpec(1, 4, 1, HaystackKind.ESSAY, KeyType.WORDS);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "1 key, 4 values in 4 needles; all values expected";
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
