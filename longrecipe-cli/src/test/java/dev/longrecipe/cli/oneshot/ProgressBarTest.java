package dev.longrecipe.cli.oneshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ProgressBarTest {
    /** What the bar drew (a new bar and text for each test). */
    private final StringWriter text = new StringWriter();
    private final ProgressBar bar = new ProgressBar(new PrintWriter(text));

    @Test
    void rendersFilledCellsPercentAndMessage() {
        assertThat(ProgressBar.render(42, "merged x")).isEqualTo("[########............]  42% merged x");
        assertThat(ProgressBar.render(100, "")).isEqualTo("[####################] 100%");
    }

    @Test
    void longMessagesAreCutToKeepOneLine() {
        String line = ProgressBar.render(5, "m".repeat(500));
        assertThat(line).hasSize(8 + ProgressBar.WIDTH + ProgressBar.MAX_MESSAGE).endsWith("…");
    }

    @Test
    void redrawsInPlaceAndPutsLinesAboveTheBar() {
        bar.update(0.10, "a longer first message");
        bar.update(0.505, "short");
        bar.update(0.509, "short");                    // same percent and message: not drawn again
        bar.println("step 1 loss 2.0");
        bar.finish();

        String out = text.toString();
        assertThat(out).startsWith("\r[##..................]  10% a longer first message");
        // the shorter line is padded over the longer one, the unchanged update adds nothing
        assertThat(out).contains("\r[##########..........]  50% short" + " ".repeat(17) + "\r");
        assertThat(out.split("50% short", -1)).hasSize(3); // drawn once by update, once again after the line
        assertThat(out).contains("step 1 loss 2.0" + System.lineSeparator()).endsWith(System.lineSeparator());
    }

    @Test
    void theFinalMessageAlwaysShows() {
        bar.update(1.0, "merged model.norm.weight");
        bar.update(1.0, "done");
        assertThat(text.toString()).endsWith("100% done" + " ".repeat("merged model.norm.weight".length() - 4));
    }

    @Test
    void fractionsOutsideZeroToOneAreClamped() {
        bar.update(1.7, "");
        assertThat(text.toString()).contains("100%");
    }
}
