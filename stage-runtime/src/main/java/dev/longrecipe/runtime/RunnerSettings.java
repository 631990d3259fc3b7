package dev.longrecipe.runtime;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the runner behaves around the handler.
 *
 * @param workRoot         local scratch root ({@code longrecipe.work-dir}); each attempt gets a fresh folder below it,
 *                         deleted afterwards
 * @param maxTries         tries of an attempt on a retriable failure (storage/broker unreachable) before it fails
 * @param retryBackoff     wait before the second try; doubled for each further try
 * @param progressInterval least time between two progress events of one attempt
 */
public record RunnerSettings(Path workRoot, int maxTries, Duration retryBackoff, Duration progressInterval) {
    public RunnerSettings {
        if (maxTries < 1) {
            throw new IllegalArgumentException("longrecipe.stage.max-tries must be at least 1, got " + maxTries);
        }
    }
}
