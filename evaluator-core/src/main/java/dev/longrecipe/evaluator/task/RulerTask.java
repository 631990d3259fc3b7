package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.score.Metric;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

/**
 * A RULER task's {@link About} and the steps its samples share: one sample per index, and, for the tasks sized by a count of words
 * or documents, the largest count that fits and the needle-free sample made from it.
 */
abstract class RulerTask implements BenchmarkTask {
    private final About about;

    RulerTask(About about) {
        this.about = about;
    }

    @Override
    public About about() {
        return about;
    }

    String name() {
        return about.name();
    }

    /** Samples 0 … samplesPerTask − 1, each made from its index by {@code sample}. */
    static List<TaskSample> eachIndex(TaskContext ctx, IntFunction<TaskSample> sample) {
        List<TaskSample> out = new ArrayList<>();
        for (int i = 0; i < ctx.samplesPerTask(); i++) {
            out.add(sample.apply(i));
        }
        return out;
    }

    /**
     * The largest count in [{@code least}, {@code most}] whose prompt leaves room for the answer budget within the
     * length ({@link CountFitter}).
     *
     * @param mustFit what the prompt holds at the least count, for the message when even that does not fit
     */
    CountFitter.Fitted largestCount(TaskContext ctx, String variant, int length, int budget, int least, int most,
                                    IntFunction<String> promptOf, String mustFit) {
        return CountFitter.largest(ctx.tokens(), least, most, length - budget, promptOf,
                () -> new PromptDoesNotFitException(name(), variant, length,
                        CountFitter.tokensOf(ctx.tokens(), least, promptOf), budget, mustFit));
    }

    /** A sample without needles (no depths, no needle positions). */
    TaskSample sampleWithoutNeedles(String variant, int length, int index, String prompt, int promptTokens,
                                    int budget, List<String> expected) {
        return new TaskSample(name(), variant, length, Integer.toString(index), List.of(), prompt, promptTokens, budget,
                List.of(), List.of(), expected);
    }
}
