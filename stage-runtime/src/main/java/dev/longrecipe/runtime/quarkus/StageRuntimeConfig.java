package dev.longrecipe.runtime.quarkus;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** {@code longrecipe.stage.*}: how the runtime treats failures and progress (defaults fit every stage). */
@ConfigMapping(prefix = "longrecipe.stage")
public interface StageRuntimeConfig {
    /** Tries of an attempt when storage or the broker is unreachable, before stage.failed + dead-letter. */
    @WithDefault("3")
    int maxTries();

    /** Wait before the second try, doubled for each further one. */
    @WithDefault("2s")
    Duration retryBackoff();

    /** Least time between two stage.progress events of one attempt. */
    @WithDefault("1s")
    Duration progressInterval();
}
