package dev.longrecipe.draw;

import dev.longrecipe.schema.Json;
import org.junit.jupiter.api.Test;

import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SegmenterSettingsTest {

    @Test
    void sampleLengthIsRatioTimesTargetRounded() {
        assertThat(SegmenterSettings.builder().targetLength(81920).ratio(0.3).build().sampleLength()).isEqualTo(24576);
        assertThat(SegmenterSettings.builder().targetLength(131072).ratio(0.3).build().sampleLength()).isEqualTo(39322);
    }

    @Test
    void everyProblemIsListedWithItsFix() {
        assertThatThrownBy(() -> SegmenterSettings.builder().method("yarn").ratio(1.5).transform("max-skip")
                .threads(0).partition(2, 2).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("method 'yarn' is unknown; valid: [longrecipe, longrecipe-random, pose, rpes, flt]")
                .hasMessageContaining("ratio must be in (0, 1]")
                .hasMessageContaining("max-skip needs maxSkip")
                .hasMessageContaining("threads must be ≥ 1")
                .hasMessageContaining("partition 2 of 2 is invalid");
    }

    @Test
    void anchorSettingsAreCheckedForLongrecipeOnly() {
        assertThatThrownBy(() -> SegmenterSettings.builder().anchorTypes(Set.of()).build())
                .hasMessageContaining("pos-types needs anchorTypes");
        assertThatThrownBy(() -> SegmenterSettings.builder().anchorTypes(Set.of("NUMERAL")).build())
                .hasMessageContaining("'NUMERAL' is not a Universal POS tag");
        assertThat(SegmenterSettings.builder().method("pose").anchorTypes(Set.of()).build().usesAnchors()).isFalse();
    }

    @Test
    void releasedCodeIsAnOptionOfTheSentenceMethodsOnly() {
        assertThatThrownBy(() -> SegmenterSettings.builder().method("rpes").releasedCode(true).build())
                .hasMessageContaining("releasedCode applies to longrecipe and longrecipe-random only");
        SegmenterSettings s = SegmenterSettings.builder().releasedCode(true).build();
        assertThat(s.toBuilder().build()).isEqualTo(s);
    }

    @Test
    void aBosTokenNeedsRoomForTextAndSurvivesTheManifestRoundTrip() throws Exception {
        assertThatThrownBy(() -> SegmenterSettings.builder().bosTokenId(-2).build())
                .hasMessageContaining("bosTokenId must be a token id ≥ 0, or −1");
        assertThatThrownBy(() -> SegmenterSettings.builder().targetLength(10).ratio(0.1).bosTokenId(1).build())
                .hasMessageContaining("fewer than 2 tokens");
        SegmenterSettings s = SegmenterSettings.builder().bos(OptionalInt.of(128000)).build();
        assertThat(s.bos()).hasValue(128000);
        assertThat(s.toBuilder().build()).isEqualTo(s);
        assertThat(Json.MAPPER.readValue(Json.write(s), SegmenterSettings.class)).isEqualTo(s);
        assertThat(SegmenterSettings.builder().build().bos()).isEmpty();
    }
}
