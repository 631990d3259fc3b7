package dev.longrecipe.model.tools;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MainOptionsTest {
    private static final String USAGE = "options: --steps N --ratio r --recompute true|false [--model DIR]";

    @Test
    void givenOptionsAreReadAndMissingOnesTakeTheirDefault() {
        MainOptions o = MainOptions.parse(new String[]{"--steps", "7", "--model", "m", "--steps", "9"}, USAGE);
        assertThat(o.integer("--steps", 4)).isEqualTo(9); // the later value wins
        assertThat(o.path("--model", null)).isEqualTo(Path.of("m"));
        assertThat(o.real("--ratio", 0.3)).isEqualTo(0.3);
        assertThat(o.flag("--recompute", false)).isFalse();
        assertThat(o.text("--ratio", "none")).isEqualTo("none");
    }

    @Test
    void anOptionTheUsageDoesNotNameIsRefusedWithTheUsage() {
        assertThatThrownBy(() -> MainOptions.parse(new String[]{"--step", "7"}, USAGE))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown option --step; " + USAGE);
    }
}
