package dev.longrecipe.runtime;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What the stage is waiting for right now: for each {@link Dependency} that is away, since when, for which call, and
 * the last error. Read by the readiness check (DOWN while waiting) and the {@code longrecipe_stage_waiting{for=…}}
 * gauge; a listener hears when a wait starts (the runner publishes a progress message then, if it can).
 */
public final class Outages {
    /** One dependency being waited for. */
    public record Wait(Dependency dependency, String what, Instant since, String lastError) {
        /** E.g. "waiting for S3 (upload 'runs/r/trainer/1/x') since 2025-01-01T10:00:00Z: Connection refused". */
        public String describe() {
            return "waiting for " + dependency.label() + " (" + what + ") since " + since + ": " + lastError;
        }
    }

    private final Map<Dependency, Wait> waits = new EnumMap<>(Dependency.class);
    private final StageMetrics metrics;
    private volatile Consumer<Wait> onWaitStarted = w -> { };

    public Outages(StageMetrics metrics) {
        this.metrics = metrics;
    }

    void onWaitStarted(Consumer<Wait> listener) {
        this.onWaitStarted = listener;
    }

    void waiting(Dependency dependency, String what, Instant since, Throwable error) {
        Wait wait = new Wait(dependency, what, since, error.getMessage() == null
                ? error.getClass().getSimpleName() : error.getMessage());
        boolean started;
        synchronized (waits) {
            started = waits.put(dependency, wait) == null;
        }
        if (metrics != null) {
            metrics.waiting(dependency, true);
        }
        if (started) {
            try {
                onWaitStarted.accept(wait);
            } catch (RuntimeException ignored) {
                // telling about the wait must never break the wait
            }
        }
    }

    void ended(Dependency dependency) {
        synchronized (waits) {
            waits.remove(dependency);
        }
        if (metrics != null) {
            metrics.waiting(dependency, false);
        }
    }

    /** The dependencies being waited for now (empty when all answer). */
    public List<Wait> current() {
        synchronized (waits) {
            return List.copyOf(waits.values());
        }
    }
}
