package dev.longrecipe.runtime.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code longrecipe.stage.*}: how the runtime treats failures and progress (defaults fit every stage). */
@ConfigMapping(prefix = "longrecipe.stage")
public interface StageRuntimeConfig {
    /** First wait after an S3 call or a publish failed with a passing error; doubled per failure. */
    @WithDefault("1s")
    Duration retryBackoff();

    /** Longest wait between two tries of one call. */
    @WithDefault("30s")
    Duration maxBackoff();

    /**
     * How long one call keeps trying while S3 or the broker is away, from its first failure; then the attempt fails
     * with {@code retriable=true} (not dead-lettered) and `longrecipe rerun RUN STAGE` resumes it. The default rides
     * out a 10-minute outage.
     */
    @WithDefault("15m")
    Duration outageBudget();

    /**
     * How long a stopping service (SIGTERM) waits for the attempt in progress to save its work and stop: the trainer
     * finishes its step and writes a checkpoint. 0 (the default): no wait, the attempt resumes from what it saved
     * before. Keep it below the pod's {@code terminationGracePeriodSeconds}.
     */
    @WithDefault("0s")
    Duration stopGrace();

    /** Least time between two stage.progress events of one attempt. */
    @WithDefault("1s")
    Duration progressInterval();
}
