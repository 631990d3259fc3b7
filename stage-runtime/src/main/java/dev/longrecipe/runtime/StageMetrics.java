package dev.longrecipe.runtime;

import dev.longrecipe.schema.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stage's meters, tagged {@code stage=<id>}. In Prometheus: {@code longrecipe_stage_progress} (0..1 of the
 * attempt in progress), {@code longrecipe_stage_completed_total}, {@code longrecipe_stage_republished_total},
 * {@code longrecipe_stage_failures_total{retriable=…}}, {@code longrecipe_stage_skipped_total}.
 */
public final class StageMetrics {
    private final AtomicLong progressBits = new AtomicLong(Double.doubleToLongBits(0));
    private final Counter completed;
    private final Counter republished;
    private final Counter skipped;
    private final Counter fatalFailures;
    private final Counter retriableFailures;

    public StageMetrics(MeterRegistry registry, Stage stage) {
        String tag = stage.id();
        Gauge.builder("longrecipe.stage.progress", progressBits, bits -> Double.longBitsToDouble(bits.get()))
                .description("fraction done of the attempt in progress").tag("stage", tag).register(registry);
        completed = Counter.builder("longrecipe.stage.completed").description("attempts completed")
                .tag("stage", tag).register(registry);
        republished = Counter.builder("longrecipe.stage.republished")
                .description("redelivered events answered with the stored completion").tag("stage", tag)
                .register(registry);
        skipped = Counter.builder("longrecipe.stage.skipped").description("events acknowledged without work")
                .tag("stage", tag).register(registry);
        fatalFailures = Counter.builder("longrecipe.stage.failures").description("events parked on the dead-letter topic")
                .tag("stage", tag).tag("retriable", "false").register(registry);
        retriableFailures = Counter.builder("longrecipe.stage.failures")
                .description("events parked on the dead-letter topic").tag("stage", tag).tag("retriable", "true")
                .register(registry);
    }

    void progress(double fraction) {
        progressBits.set(Double.doubleToLongBits(fraction));
    }

    public double progress() {
        return Double.longBitsToDouble(progressBits.get());
    }

    void completed() {
        completed.increment();
    }

    void republished() {
        republished.increment();
    }

    void skipped() {
        skipped.increment();
    }

    void failed(boolean retriable) {
        (retriable ? retriableFailures : fatalFailures).increment();
    }
}
