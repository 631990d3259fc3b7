package dev.longrecipe.schema;

import java.util.function.Consumer;

/**
 * How a stage function (a {@code *-core}) reports progress to its door: the service turns it into
 * {@code stage.progress} events and gauges, the CLI into a progress bar. Every core reports a fraction and a message;
 * the analyzer also reports each analysed sample and the trainer each optimizer step, which a door may take in full
 * by overriding {@link #samplesAnalysed} or {@link #stepTrained} (by default they become a fraction and a message).
 */
@FunctionalInterface
public interface ProgressListener {
    /** A listener that ignores progress. */
    ProgressListener NONE = (fraction, message) -> { };

    /**
     * @param fraction done so far, in [0, 1]
     * @param message  what is happening, for a person
     */
    void report(double fraction, String message);

    /** The analyzer has analysed {@code done} of {@code total} samples. */
    default void samplesAnalysed(int done, int total) {
        report(total == 0 ? 1 : (double) done / total, "analysed sample " + done + " of " + total);
    }

    /** The trainer finished one optimizer step; called on the training thread, so keep it quick. */
    default void stepTrained(TrainingStep step) {
        report(step.fraction(), step.phase() + " step " + step.step() + "/" + step.steps());
    }

    /** A listener that takes every training step whole; fraction-and-message reports go to {@code others}. */
    static ProgressListener ofSteps(Consumer<TrainingStep> steps, ProgressListener others) {
        return new ProgressListener() {
            @Override
            public void report(double fraction, String message) {
                others.report(fraction, message);
            }

            @Override
            public void stepTrained(TrainingStep step) {
                steps.accept(step);
            }
        };
    }

    /** A listener that takes every sample count of the analyzer; fraction-and-message reports go to {@code others}. */
    static ProgressListener ofSamples(SampleCounts samples, ProgressListener others) {
        return new ProgressListener() {
            @Override
            public void report(double fraction, String message) {
                others.report(fraction, message);
            }

            @Override
            public void samplesAnalysed(int done, int total) {
                samples.analysed(done, total);
            }
        };
    }

    /** Receives the analyzer's sample counts. */
    @FunctionalInterface
    interface SampleCounts {
        void analysed(int done, int total);
    }
}
