package dev.longrecipe.cli.demo;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.cli.platform.ServiceLauncher;
import java.io.IOException;
import java.time.Duration;

/**
 * Wall time and CPU time of one run: CPU is what the five service processes used between {@link #start} and
 * {@link #stop} (runs of the demo go one at a time, so it is this run's work, Kafka and S3 not counted).
 */
record RunCost(long startNanos, double startCpuSeconds, Platform platform) {
    /** Seconds measured. */
    record Measured(double wallSeconds, double cpuSeconds) {
    }

    static RunCost start(Platform platform) throws IOException {
        return new RunCost(System.nanoTime(), serviceCpuSeconds(platform), platform);
    }

    Measured stop() throws IOException {
        return new Measured((System.nanoTime() - startNanos) / 1e9,
                Math.max(0, serviceCpuSeconds(platform) - startCpuSeconds));
    }

    private static double serviceCpuSeconds(Platform platform) throws IOException {
        double total = 0;
        for (ServiceLauncher.RunningService s : platform.services()) {
            total += ProcessHandle.of(s.pid()).flatMap(h -> h.info().totalCpuDuration())
                    .map(Duration::toMillis).orElse(0L) / 1000.0;
        }
        return total;
    }
}
