package dev.longrecipe.runtime;

import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.StageProgress;
import java.time.Duration;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Progress of one attempt: every report updates the {@code longrecipe_stage_progress} gauge; at most one
 * {@code stage.progress} event per interval is published (plus the final one), with an ETA extrapolated from the
 * fraction done so far. A progress event that cannot be published is logged, never fails the attempt.
 */
final class ProgressReporter {
    private static final Logger LOG = Logger.getLogger(ProgressReporter.class);

    private final Stage stage;
    private final String runId;
    private final int attempt;
    private final EventPublisher publisher;
    private final StageMetrics metrics;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private long lastPublishedNanos = Long.MIN_VALUE;

    ProgressReporter(Stage stage, String runId, int attempt, EventPublisher publisher, StageMetrics metrics,
            Duration interval) {
        this.stage = stage;
        this.runId = runId;
        this.attempt = attempt;
        this.publisher = publisher;
        this.metrics = metrics;
        this.intervalNanos = interval.toNanos();
    }

    synchronized void report(double fraction, double rate, String rateUnit, String message, Map<String, Double> values) {
        double f = Math.max(0, Math.min(1, fraction));
        metrics.progress(f);
        long now = System.nanoTime();
        double elapsed = (now - startNanos) / 1e9;
        double eta = f > 0 ? elapsed * (1 - f) / f : -1;
        metrics.reported(rate, rateUnit, eta, values);
        if (lastPublishedNanos != Long.MIN_VALUE && now - lastPublishedNanos < intervalNanos && f < 1) {
            return;
        }
        lastPublishedNanos = now;
        send(StageProgress.RUNNING, f, rate, rateUnit, eta, message, values);
    }

    void finished(String state, String message) {
        if (StageProgress.COMPLETED.equals(state)) {
            metrics.progress(1);
        }
        send(state, StageProgress.COMPLETED.equals(state) ? 1 : metrics.progress(), 0, "", 0, message, Map.of());
    }

    private void send(String state, double fraction, double rate, String rateUnit, double eta, String message,
            Map<String, Double> values) {
        StageProgress event = new StageProgress(StageProgress.SCHEMA_VERSION, Events.newId(), runId, Events.now(),
                stage.id(), attempt, state, fraction, rate, rateUnit, eta, message, values);
        try {
            publisher.publish(Topics.STAGE_PROGRESS, runId, Json.write(event));
        } catch (RuntimeException e) {
            LOG.warnf("progress of %s attempt %d of run %s not published: %s", stage.id(), attempt, runId,
                    e.getMessage());
        }
    }
}
