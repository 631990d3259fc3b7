package dev.longrecipe.runtime;

import dev.longrecipe.schema.Stage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stage's meters, tagged {@code stage=<id>}. In Prometheus: {@code longrecipe_stage_progress} (0..1 of the
 * attempt in progress), {@code longrecipe_stage_completed_total}, {@code longrecipe_stage_republished_total},
 * {@code longrecipe_stage_failures_total{retriable=…}}, {@code longrecipe_stage_skipped_total}, and what the running
 * attempt last reported: {@code longrecipe_stage_rate{unit=…}}, {@code longrecipe_stage_eta_seconds} and one
 * {@code longrecipe_stage_metric{name=…}} per progress metric (training: loss, tokensPerSecond, step …).
 */
public final class StageMetrics {
    private final AtomicLong progressBits = new AtomicLong(Double.doubleToLongBits(0));
    private final MeterRegistry registry;
    private final String stageTag;
    private final AtomicLong etaBits = new AtomicLong(Double.doubleToLongBits(0));
    private final Map<String, AtomicLong> rates = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> values = new ConcurrentHashMap<>();
    private final Counter completed;
    private final Counter republished;
    private final Counter skipped;
    private final Counter fatalFailures;
    private final Counter retriableFailures;
    private final Counter duplicates;
    private final Counter progressDropped;
    private final Map<Dependency, AtomicLong> waiting = new ConcurrentHashMap<>();

    public StageMetrics(MeterRegistry registry, Stage stage) {
        String tag = stage.id();
        this.registry = registry;
        this.stageTag = tag;
        Gauge.builder("longrecipe.stage.eta.seconds", etaBits, bits -> Double.longBitsToDouble(bits.get()))
                .description("estimated seconds left in the attempt in progress").tag("stage", tag).register(registry);
        Gauge.builder("longrecipe.stage.progress", progressBits, bits -> Double.longBitsToDouble(bits.get()))
                .description("fraction done of the attempt in progress").tag("stage", tag).register(registry);
        completed = Counter.builder("longrecipe.stage.completed").description("attempts completed")
                .tag("stage", tag).register(registry);
        republished = Counter.builder("longrecipe.stage.republished")
                .description("redelivered events answered with the stored completion").tag("stage", tag)
                .register(registry);
        skipped = Counter.builder("longrecipe.stage.skipped").description("events acknowledged without work")
                .tag("stage", tag).register(registry);
        String failures = "attempts that failed: fatal ones dead-lettered, retriable ones (a dependency away past the"
                + " outage budget) not";
        fatalFailures = Counter.builder("longrecipe.stage.failures").description(failures)
                .tag("stage", tag).tag("retriable", "false").register(registry);
        retriableFailures = Counter.builder("longrecipe.stage.failures").description(failures).tag("stage", tag)
                .tag("retriable", "true").register(registry);
        duplicates = Counter.builder("longrecipe.stage.duplicates")
                .description("inputs whose completion was already announced: acknowledged, nothing published")
                .tag("stage", tag).register(registry);
        progressDropped = Counter.builder("longrecipe.stage.progress.dropped")
                .description("stage.progress events dropped because the broker was away or the queue was full")
                .tag("stage", tag).register(registry);
        for (Dependency d : Dependency.values()) {
            AtomicLong flag = new AtomicLong();
            waiting.put(d, flag);
            Gauge.builder("longrecipe.stage.waiting", flag, AtomicLong::get)
                    .description("1 while the stage waits for this dependency to come back").tag("stage", tag)
                    .tag("for", d.tag()).register(registry);
        }
    }

    void progress(double fraction) {
        progressBits.set(Double.doubleToLongBits(fraction));
    }

    /** The running attempt's rate, ETA and free-form metrics, as last reported. */
    void reported(double rate, String rateUnit, double etaSeconds, Map<String, Double> metrics) {
        etaBits.set(Double.doubleToLongBits(etaSeconds));
        if (rateUnit != null && !rateUnit.isBlank()) {
            gauge(rates, "longrecipe.stage.rate", "unit", rateUnit, "work per second of the attempt in progress")
                    .set(Double.doubleToLongBits(rate));
        }
        metrics.forEach((name, value) -> gauge(values, "longrecipe.stage.metric", "name", name,
                "a number the attempt in progress reported (loss, tokens/s, step …)")
                .set(Double.doubleToLongBits(value)));
    }

    private AtomicLong gauge(Map<String, AtomicLong> gauges, String meter, String tagName, String tagValue,
            String description) {
        return gauges.computeIfAbsent(tagValue, v -> {
            AtomicLong bits = new AtomicLong(Double.doubleToLongBits(0));
            Gauge.builder(meter, bits, b -> Double.longBitsToDouble(b.get())).description(description)
                    .tag("stage", stageTag).tag(tagName, v).register(registry);
            return bits;
        });
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

    void duplicate() {
        duplicates.increment();
    }

    void progressDropped() {
        progressDropped.increment();
    }

    public double progressDroppedCount() {
        return progressDropped.count();
    }

    void waiting(Dependency dependency, boolean waitingNow) {
        waiting.get(dependency).set(waitingNow ? 1 : 0);
    }

    void failed(boolean retriable) {
        (retriable ? retriableFailures : fatalFailures).increment();
    }
}
