package dev.longrecipe.analyzer.delta;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SampleDeltasTest {

    // logits (T=3, V=4): row t scores token t+1
    private static final float[] BASE = {
            0f, 1f, 2f, 3f,
            4f, 5f, 6f, 7f,
            9f, 9f, 9f, 9f};
    private static final float[] REFERENCE = {
            0f, 1.5f, 2f, 3f,
            4f, 5f, 6f, 4f,
            9f, 9f, 9f, 9f};

    @Test
    void goldLogitOfTokenTComesFromRowTMinusOne() {
        int[] ids = {2, 1, 3};
        SampleDeltas d = SampleDeltas.compute(ids, new ArrayLogitRows(BASE, 3, 4), new ArrayLogitRows(REFERENCE, 3, 4));
        assertThat(d.goldBase()).containsExactly(1f, 7f);
        assertThat(d.goldReference()).containsExactly(1.5f, 4f);
        assertThat(d.delta(1)).isEqualTo(0.5f);
        assertThat(d.delta(2)).isEqualTo(-3f);
        assertThat(d.entropyAt(1)).isCloseTo(DeltaEntropy.of(new float[] {0f, 1.5f, 2f, 3f},
                new float[] {0f, 1f, 2f, 3f}, 4), within(1e-12));
    }

    @Test
    void aTokenIdOutsideTheVocabularyIsRejectedWithItsPosition() {
        assertThatThrownBy(() -> SampleDeltas.compute(new int[] {0, 4}, new ArrayLogitRows(BASE, 3, 4),
                new ArrayLogitRows(REFERENCE, 3, 4)))
                .hasMessageContaining("token id 4 at position 1").hasMessageContaining("vocabulary of 4");
    }

    @Test
    void modelsWithDifferentVocabulariesAreRejected() {
        assertThatThrownBy(() -> SampleDeltas.compute(new int[] {0, 1}, new ArrayLogitRows(BASE, 3, 4),
                new ArrayLogitRows(new float[6], 3, 2)))
                .hasMessageContaining("must share one tokenizer and vocabulary");
    }
}
