package dev.longrecipe.stack;

import dev.longrecipe.stack.child.ParentWatchdog;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

/**
 * Starts a server in a child JVM (same Java as this one) and stops server processes.
 *
 * <p>Children get small-footprint, fast-start flags, their own temp directory (so nothing lands in
 * /tmp: no hsperfdata, no unpacked native libraries), stdout+stderr appended to one log file after a start
 * banner (see {@link LogFiles}), and —
 * when {@code parentPid} is given — a watchdog that exits them when that JVM dies (see
 * {@code child.ParentWatchdog}).
 */
final class ChildJvm {

    /** Grace period servers get to shut down cleanly (Kafka needs about 2 s) before they are killed. */
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private static final List<String> FAST_START_FLAGS = List.of(
            "-XX:+UseSerialGC", "-Xmx512m", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xshare:auto",
            "-Djava.awt.headless=true");

    private ChildJvm() {
    }

    /**
     * Launches {@code mainClass} with {@code args}.
     *
     * @param systemProperties extra {@code -D} settings, each as "key=value"
     */
    static Process launch(String mainClass, List<Path> classpath, List<String> systemProperties, List<String> args,
                          Path logFile, Path tmpDir, Path stateDir, OptionalLong parentPid) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(FAST_START_FLAGS);
        command.add("-Djava.io.tmpdir=" + tmpDir);
        // names the stack in `ps` output, so a person can tell which state directory a server belongs to
        command.add("-Dlongrecipe.stack.dir=" + stateDir);
        parentPid.ifPresent(pid -> command.add("-D" + ParentWatchdog.PARENT_PID_PROPERTY + "=" + pid));
        systemProperties.forEach(p -> command.add("-D" + p));
        command.add("-cp");
        command.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
        command.add(mainClass);
        command.addAll(args);
        try {
            Files.createDirectories(logFile.getParent());
            Files.createDirectories(tmpDir);
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(stateDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
            File devNull = new File("/dev/null");
            if (devNull.exists()) {
                builder.redirectInput(devNull);
            }
            Process process = builder.start();
            LogFiles.banner(logFile, componentOf(logFile), process.pid());
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + mainClass + " (command: " + String.join(" ", command) + ")",
                    e);
        }
    }

    /** {@code kafka} for {@code kafka.log}: the name a start banner gives the server. */
    private static String componentOf(Path logFile) {
        String name = logFile.getFileName().toString();
        return name.endsWith(".log") ? name.substring(0, name.length() - ".log".length()) : name;
    }

    /**
     * Asks every process to stop (SIGTERM), waits up to {@code grace} for all of them together, then
     * kills what is left.
     */
    static void stop(List<ProcessHandle> processes, Duration grace) {
        processes.forEach(ProcessHandle::destroy);
        long deadline = System.nanoTime() + grace.toNanos();
        for (ProcessHandle process : processes) {
            long remaining = Math.max(0, deadline - System.nanoTime());
            if (!awaitExit(process, remaining)) {
                process.destroyForcibly();
                if (!awaitExit(process, TimeUnit.SECONDS.toNanos(5))) {
                    throw new IllegalStateException("Process " + process.pid() + " survived SIGKILL for 5 s");
                }
            }
        }
    }

    private static boolean awaitExit(ProcessHandle process, long nanos) {
        try {
            process.onExit().get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Size of a log file, 0 when it does not exist yet. */
    static long size(Path logFile) {
        try {
            return Files.exists(logFile) ? Files.size(logFile) : 0;
        } catch (IOException e) {
            return 0;
        }
    }

    /** What a server wrote to its log from byte {@code offset} on (one start's output in an appended log). */
    static String readFrom(Path logFile, long offset) {
        try (SeekableByteChannel channel = Files.newByteChannel(logFile)) {
            channel.position(Math.min(offset, channel.size()));
            return new String(Channels.newInputStream(channel).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** The last {@code lines} lines of a server log, for error messages. */
    static String tail(Path logFile, int lines) {
        try {
            List<String> all = Files.readAllLines(logFile);
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(cannot read " + logFile + ": " + e.getMessage() + ")";
        }
    }
}
