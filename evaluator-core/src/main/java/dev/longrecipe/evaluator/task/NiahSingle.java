package dev.longrecipe.evaluator.task;

import java.util.ArrayList;
import java.util.List;

/**
 * One needle in running text, on a depth grid: evaluator.depths evenly spaced depths from 0 % to 100 % (50 % when
 * there is one), evaluator.samplesPerTask samples at each. The depth × length grid is the classic NIAH heatmap.
 */
public final class NiahSingle implements BenchmarkTask {
    public static final String NAME = "niah_single";
    private static final NiahSpec SPEC = new NiahSpec(1, 1, 1, HaystackKind.ESSAY, KeyType.WORDS);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String description() {
        return "one needle (word key) in corpus text, on a depth × length grid";
    }

    @Override
    public List<TaskSample> samples(TaskContext ctx, int length) {
        List<TaskSample> out = new ArrayList<>();
        List<Double> grid = depthGrid(ctx.depths());
        for (int d = 0; d < grid.size(); d++) {
            for (int i = 0; i < ctx.samplesPerTask(); i++) {
                out.add(NiahSampleGenerator.generate(ctx, SPEC, NAME, length, "depth" + d + "/" + i,
                        List.of(grid.get(d))));
            }
        }
        return out;
    }

    /** {@code n} depths evenly spaced over [0, 1]; {0.5} for one. */
    public static List<Double> depthGrid(int n) {
        if (n == 1) {
            return List.of(0.5);
        }
        List<Double> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add((double) i / (n - 1));
        }
        return out;
    }
}
