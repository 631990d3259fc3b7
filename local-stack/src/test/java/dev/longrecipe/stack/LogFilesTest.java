package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogFilesTest {

    @TempDir
    Path dir;

    @Test
    void startsAreAppendedEachWithABanner() throws IOException {
        Path log = dir.resolve("logs/trainer-service.log");
        assertThat(LogFiles.beforeStart(log)).isZero();
        LogFiles.banner(log, "trainer-service", 101);
        append(log, "step 40 checkpoint written\nkilled\n");
        long offset = LogFiles.beforeStart(log);
        LogFiles.banner(log, "trainer-service", 202);
        append(log, "resumed from step 40\n");

        String text = Files.readString(log);
        assertThat(text).contains("step 40 checkpoint written", "resumed from step 40");
        assertThat(text.lines().filter(l -> l.startsWith(LogFiles.BANNER_PREFIX)))
                .hasSize(2)
                .allMatch(l -> l.matches("===== \\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ trainer-service started, pid \\d+ ====="))
                .anyMatch(l -> l.contains("pid 101")).anyMatch(l -> l.contains("pid 202"));
        assertThat(Files.readString(log).substring((int) offset)).startsWith("===== ").contains("pid 202")
                .doesNotContain("pid 101");
    }

    @Test
    void aLogAtTheLimitIsRotatedBeforeTheNextStartKeepingThreeBackups() throws IOException {
        Path log = dir.resolve("kafka.log");
        for (int start = 1; start <= 5; start++) {
            LogFiles.beforeStart(log, 100, 3);
            append(log, "start " + start + " " + "x".repeat(100) + "\n");
        }
        assertThat(Files.readString(log)).startsWith("start 5");
        assertThat(Files.readString(LogFiles.backup(log, 1))).startsWith("start 4");
        assertThat(Files.readString(LogFiles.backup(log, 2))).startsWith("start 3");
        assertThat(Files.readString(LogFiles.backup(log, 3))).startsWith("start 2");
        assertThat(LogFiles.backup(log, 4)).doesNotExist();
    }

    @Test
    void aSmallLogIsNotRotated() throws IOException {
        Path log = dir.resolve("s3.log");
        append(log, "small\n");
        assertThat(LogFiles.beforeStart(log, 100, 3)).isEqualTo(6);
        assertThat(LogFiles.rotateLive(log, 100, 3)).isFalse();
        assertThat(LogFiles.backup(log, 1)).doesNotExist();
    }

    @Test
    void aLiveLogIsCopiedAndTruncatedSoItsWriterGoesOnAtTheStart() throws IOException {
        Path log = dir.resolve("merger-service.log");
        // the writer holds the file open in append mode, as a redirected process does
        try (var writer = Files.newOutputStream(log, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            writer.write(("before " + "x".repeat(200) + "\n").getBytes());
            writer.flush();
            assertThat(LogFiles.rotateLive(log, 100, 3)).isTrue();
            writer.write("after\n".getBytes());
        }
        assertThat(Files.readString(log)).isEqualTo("after\n");
        assertThat(Files.readString(LogFiles.backup(log, 1))).startsWith("before ");
    }

    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
