package dev.longrecipe.cli.demo;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.cli.platform.ServiceLauncher;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Wall time and CPU time of one run, measured in laps. CPU is what the five service processes used since the last lap
 * (runs of the demo go one at a time, so it is this run's work; Kafka and S3 are not counted); a service started since
 * the last lap (restarted after a crash) counts from its own start. The comparison adds every lap to its
 * {@link CompareLedger} as it goes, so a run that is cut off (killed, machine gone) keeps all but its last lap.
 */
final class RunCost {
    /** Seconds measured. */
    record Measured(double wallSeconds, double cpuSeconds) {
    }

    /** CPU seconds used so far by each live process that counts, by pid. */
    interface CpuSource {
        Map<Long, Double> cpuSecondsByPid() throws IOException;
    }

    private final CpuSource cpu;
    private long lapNanos;
    private Map<Long, Double> lapCpu;

    RunCost(CpuSource cpu, long nanoTime) throws IOException {
        this.cpu = cpu;
        this.lapNanos = nanoTime;
        this.lapCpu = cpu.cpuSecondsByPid();
    }

    static RunCost start(Platform platform) throws IOException {
        return new RunCost(() -> serviceCpuSeconds(platform), System.nanoTime());
    }

    /** What was used since the previous lap (or the start); the next lap counts from here. */
    Measured lap(long nanoTime) throws IOException {
        Map<Long, Double> now = cpu.cpuSecondsByPid();
        double used = 0;
        for (Map.Entry<Long, Double> process : now.entrySet()) {
            used += Math.max(0, process.getValue() - lapCpu.getOrDefault(process.getKey(), 0.0));
        }
        Measured lap = new Measured((nanoTime - lapNanos) / 1e9, used);
        lapNanos = nanoTime;
        lapCpu = now;
        return lap;
    }

    double secondsSinceLap(long nanoTime) {
        return (nanoTime - lapNanos) / 1e9;
    }

    private static Map<Long, Double> serviceCpuSeconds(Platform platform) throws IOException {
        Map<Long, Double> byPid = new HashMap<>();
        for (ServiceLauncher.RunningService s : platform.services()) {
            ProcessHandle.of(s.pid()).flatMap(h -> h.info().totalCpuDuration())
                    .ifPresent(cpu -> byPid.put(s.pid(), cpu.toMillis() / 1000.0));
        }
        return byPid;
    }
}
