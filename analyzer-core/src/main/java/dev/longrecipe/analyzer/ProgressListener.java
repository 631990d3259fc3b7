package dev.longrecipe.analyzer;

/** Told after every analysed sample (the service turns these into progress events). */
@FunctionalInterface
public interface ProgressListener {

    ProgressListener NONE = (done, total) -> { };

    /** {@code done} of {@code total} samples are analysed. */
    void sampleAnalysed(int done, int total);
}
