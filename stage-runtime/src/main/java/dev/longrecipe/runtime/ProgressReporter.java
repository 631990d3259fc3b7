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
 * progress this attempt has made itself ({@link TimeLeft}). Events go through the {@link ProgressSender}'s queue, so
 * reporting never waits for the broker (an event the broker cannot take is dropped and counted); only the final
 * COMPLETED/FAILED event waits, at most {@link #FINAL_WAIT}, for the broker.
 */
final class ProgressReporter {
    /** How long the final progress event may hold up the end of an attempt. */
    static final Duration FINAL_WAIT = Duration.ofSeconds(2);

    /**
     * Where a stage's progress goes, the same for each of its attempts: the stage's gauges and its
     * {@code stage.progress} events, at most one per {@code interval}.
     */
    record Channel(Stage stage, ProgressSender sender, StageMetrics metrics, Duration interval) {
        ProgressReporter reporter(String runId, int attempt) {
            return new ProgressReporter(this, runId, attempt);
        }
    }

    private final Channel channel;
    private final String runId;
    private final int attempt;
    private final TimeLeft timeLeft = new TimeLeft();
    private long lastPublishedNanos = Long.MIN_VALUE;

    private ProgressReporter(Channel channel, String runId, int attempt) {
        this.channel = channel;
        this.runId = runId;
        this.attempt = attempt;
    }

    synchronized void report(double fraction, double rate, String rateUnit, String message, Map<String, Double> values) {
        double f = Math.max(0, Math.min(1, fraction));
        channel.metrics().progress(f);
        long now = System.nanoTime();
        double eta = timeLeft.at(now, f);
        channel.metrics().reported(rate, rateUnit, eta, values);
        if (lastPublishedNanos != Long.MIN_VALUE && now - lastPublishedNanos < channel.interval().toNanos()
                && f < 1) {
            return;
        }
        lastPublishedNanos = now;
        channel.sender().send(runId, json(StageProgress.RUNNING, f, rate, rateUnit, eta, message, values));
    }

    void finished(String state, String message) {
        if (StageProgress.COMPLETED.equals(state)) {
            channel.metrics().progress(1);
        }
        channel.sender().sendAndWait(runId, json(state, channel.metrics().progress(), 0, "", 0, message, Map.of()),
                FINAL_WAIT);
    }

    /** A RUNNING progress event with the fraction last reported and this message (e.g. what is being waited for). */
    void note(String message) {
        channel.sender().send(runId, json(StageProgress.RUNNING, channel.metrics().progress(), 0, "", -1, message,
                Map.of()));
    }

    private String json(String state, double fraction, double rate, String rateUnit, double eta, String message,
            Map<String, Double> values) {
        return Json.write(new Event<>(EventHeader.of(runId, attempt, Map.of(), false),
                new StageProgress(channel.stage().id(), state, fraction, rate, rateUnit, eta, message, values)));
    }
}
