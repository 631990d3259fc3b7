package dev.longrecipe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;

/**
 * When a process started, recorded so that a recycled pid is never taken for it — and so that a step of the wall
 * clock does not make a running process look like a stranger. On Linux, Java's {@link ProcessHandle.Info#startInstant}
 * is the kernel's boot time as it is reported <em>now</em> plus the process's start in ticks since boot, so every clock
 * step (NTP, a resumed VM) moves it: measured here, a 47 s step made a running Kafka, S3 server and all five services
 * look exited. On Linux the start is therefore the boot id and the start in clock ticks since boot
 * ({@code /proc/PID/stat}), which no clock step changes; where those are not readable (macOS, which keeps the start
 * time itself) the start instant is compared, within a second.
 *
 * @param epochMillis    the start instant as Java reports it; 0 when unknown
 * @param bootId         {@code /proc/sys/kernel/random/boot_id}; null off Linux or in records written before it was kept
 * @param ticksSinceBoot field 22 of {@code /proc/PID/stat}; 0 when unknown
 */
public record ProcessStart(long epochMillis, String bootId, long ticksSinceBoot) {
    /** Start instants read twice from /proc may differ by a clock tick; anything closer than this is the same. */
    private static final long SAME_START_TOLERANCE_MILLIS = 1_000;
    private static final Path BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

    public static ProcessStart of(ProcessHandle process) {
        long millis = process.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
        Optional<String> boot = currentBootId();
        Optional<Long> ticks = startTicksOf(process.pid());
        return boot.isPresent() && ticks.isPresent() ? new ProcessStart(millis, boot.get(), ticks.get())
                : new ProcessStart(millis, null, 0);
    }

    /** A start as a state file records it; {@code startTicks} is null in files written before it was kept. */
    public static ProcessStart recorded(long epochMillis, String bootId, Long startTicks) {
        return new ProcessStart(epochMillis, bootId, startTicks == null ? 0 : startTicks);
    }

    /** The live process {@code pid} if it is the one that started at this start. */
    public Optional<ProcessHandle> liveProcess(long pid) {
        return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).filter(this::isStartOf);
    }

    /** Whether {@code process} (alive or not) is the one that started at this start. Unknown starts match any. */
    public boolean isStartOf(ProcessHandle process) {
        if (bootId != null && ticksSinceBoot > 0) {
            Optional<String> boot = currentBootId();
            Optional<Long> ticks = startTicksOf(process.pid());
            if (boot.isPresent() && ticks.isPresent()) {
                return bootId.equals(boot.get()) && ticksSinceBoot == ticks.get();
            }
        }
        return epochMillis == 0 || process.info().startInstant()
                .map(i -> Math.abs(i.toEpochMilli() - epochMillis) < SAME_START_TOLERANCE_MILLIS)
                .orElse(true);
    }

    private static Optional<String> currentBootId() {
        try {
            return Optional.of(Files.readString(BOOT_ID).trim()).filter(s -> !s.isEmpty());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Field 22 of /proc/PID/stat; the fields are counted after the command name, which may hold spaces. */
    private static Optional<Long> startTicksOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[19])); // fields[0] is field 3 (state)
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
