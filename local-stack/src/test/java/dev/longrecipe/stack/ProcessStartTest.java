package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ProcessStartTest {
    private static final ProcessHandle SELF = ProcessHandle.current();

    @Test
    void aProcessIsTheOneThatStartedAtItsStart() {
        assertThat(ProcessStart.of(SELF).isStartOf(SELF)).isTrue();
    }

    @Test
    void onLinuxAClockStepDoesNotHideARunningProcess() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only: /proc/PID/stat");
        ProcessStart now = ProcessStart.of(SELF);
        assertThat(now.bootId()).isNotBlank();
        assertThat(now.ticksSinceBoot()).isPositive();
        // what the record holds after the wall clock was stepped 47 s (measured on this machine): Java's start instant
        // moved with the reported boot time, the start in ticks since boot did not
        ProcessStart recordedBeforeTheStep = new ProcessStart(now.epochMillis() - 47_000, now.bootId(),
                now.ticksSinceBoot());
        assertThat(recordedBeforeTheStep.isStartOf(SELF)).isTrue();
    }

    @Test
    void aRecycledPidIsNotTakenForTheProcessRecorded() {
        assumeTrue(Files.isReadable(Path.of("/proc/self/stat")), "Linux only: /proc/PID/stat");
        ProcessStart now = ProcessStart.of(SELF);
        assertThat(new ProcessStart(now.epochMillis(), now.bootId(), now.ticksSinceBoot() - 1).isStartOf(SELF))
                .as("started one tick earlier: another process that had this pid").isFalse();
        assertThat(new ProcessStart(now.epochMillis(), "another-boot", now.ticksSinceBoot()).isStartOf(SELF))
                .as("recorded before a reboot").isFalse();
    }

    @Test
    void recordsWithoutTicksCompareTheStartInstant() {
        ProcessStart now = ProcessStart.of(SELF);
        assertThat(new ProcessStart(now.epochMillis(), null, 0).isStartOf(SELF)).isTrue();
        assertThat(new ProcessStart(now.epochMillis() - 47_000, null, 0).isStartOf(SELF)).isFalse();
        assertThat(new ProcessStart(0, null, 0).isStartOf(SELF)).as("start unknown (oldest records)").isTrue();
    }
}
