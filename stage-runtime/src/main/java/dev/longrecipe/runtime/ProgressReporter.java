package dev.longrecipe.runtime;

import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.StageProgress;
import java.time.Duration;
import java.util.Map;

/**
 * Progress of one attempt: every report updates the {@code longrecipe_stage_progress} gauge; at most one
 * {@code stage.progress} event per interval is published (plus the final one), with an ETA extrapolated from the
 * fraction done so far. Events go through the {@link ProgressSender}'s queue, so reporting never waits for the broker
 * (an event the broker cannot take is dropped and counted); only the final COMPLETED/FAILED event waits, at most
 * {@link #FINAL_WAIT}, for the broker.
 */
final class ProgressReporter {
    /** How long the final progress event may hold up the end of an attempt. */
    static final Duration FINAL_WAIT = Duration.ofSeconds(2);

    private final Stage stage;
    private final String runId;
    private final int attempt;
    private final ProgressSender sender;
    private final StageMetrics metrics;
    private final long intervalNanos;
    private final long startNanos = System.nanoTime();
    private long lastPublishedNanos = Long.MIN_VALUE;

    ProgressReporter(Stage stage, String runId, int attempt, ProgressSender sender, StageMetrics metrics,
            Duration interval) {
        this.stage = stage;
        this.runId = runId;
        this.attempt = attempt;
        this.sender = sender;
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
        Event<StageProgress> event = event(state, StageProgress.COMPLETED.equals(state) ? 1 : metrics.progress(), 0, "", 0,
                message, Map.of());
        sender.sendAndWait(runId, Json.write(event), FINAL_WAIT);
    }

    /** A RUNNING progress event with the fraction last reported and this message (e.g. what is being waited for). */
    void note(String message) {
        send(StageProgress.RUNNING, metrics.progress(), 0, "", -1, message, Map.of());
    }

    private void send(String state, double fraction, double rate, String rateUnit, double eta, String message,
            Map<String, Double> values) {
        sender.send(runId, Json.write(event(state, fraction, rate, rateUnit, eta, message, values)));
    }

    private Event<StageProgress> event(String state, double fraction, double rate, String rateUnit, double eta,
            String message, Map<String, Double> values) {
        return new Event<>(EventHeader.of(runId, attempt, Map.of(), false),
                new StageProgress(stage.id(), state, fraction, rate, rateUnit, eta, message, values));
    }
}
