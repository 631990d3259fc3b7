package dev.longrecipe.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the runner behaves around the handler.
 *
 * @param workRoot         local scratch root ({@code longrecipe.work-dir}); each attempt gets a fresh folder below it,
 *                         deleted afterwards (and at start-up when a killed attempt left it)
 * @param retry            how each S3 call and each Kafka publish is retried while its dependency is away
 *                         ({@code longrecipe.stage.retry-backoff}, {@code max-backoff}, {@code outage-budget})
 * @param progressInterval least time between two progress events of one attempt
 */
public record RunnerSettings(Path workRoot, RetryPolicy retry, Duration progressInterval) {
}
