package dev.longrecipe.analyzer;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.analyzer.delta.DeltaEntropy;
import dev.longrecipe.analyzer.delta.SampleDeltas;
import dev.longrecipe.analyzer.testing.Fixtures;
import dev.longrecipe.model.llama.LlamaModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The scorer on the fixture models: llama-default (H) vs llama-linear4 (H′): same vocabulary of 512, different RoPE. */
class ModelPairScorerTest {

    static final int T = 48;
    static final int V = 512;
    static LlamaModel base;
    static LlamaModel reference;

    @BeforeAll
    static void load() {
        base = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
        reference = LlamaModel.load(Fixtures.model("llama-linear4"), Device.cpu());
    }

    @AfterAll
    static void close() {
        base.close();
        reference.close();
    }

    static int[] tokenIds() {
        int[] ids = new int[T];
        for (int i = 0; i < T; i++) {
            ids[i] = (i * 37 + 11) % V;
        }
        return ids;
    }

    /** Logits (T, V) of {@code model} for {@code ids} at positions 0…T−1, flattened, through model-core alone. */
    static float[] logitsByModelCore(LlamaModel model, int[] ids) {
        try (NDManager m = model.manager().newSubManager()) {
            NDArray input = m.create(Arrays.stream(ids).asLongStream().toArray(), new Shape(1, T));
            NDArray positions = m.arange(0L, (long) T, 1L, DataType.INT64).reshape(1, T);
            return model.score(input, positions).toFloatArray();
        }
    }

    @Test
    void deltasEqualGoldLogitDifferencesOfLogitsComputedSeparatelyByModelCore() {
        int[] ids = tokenIds();
        SampleDeltas deltas = new ModelPairScorer(base, reference).score(ids);

        float[] h = logitsByModelCore(base, ids);
        float[] hPrime = logitsByModelCore(reference, ids);
        int changed = 0;
        for (int t = 1; t < T; t++) {
            float expected = hPrime[(t - 1) * V + ids[t]] - h[(t - 1) * V + ids[t]];
            assertThat(deltas.delta(t)).as("position %d", t).isCloseTo(expected, within(1e-5f));
            float[] rowH = Arrays.copyOfRange(h, (t - 1) * V, t * V);
            float[] rowHPrime = Arrays.copyOfRange(hPrime, (t - 1) * V, t * V);
            assertThat(deltas.entropyAt(t)).isCloseTo(DeltaEntropy.of(rowHPrime, rowH, V), within(1e-9));
            if (Math.abs(expected) > 1e-4) {
                changed++;
            }
        }
        // the two fixture models differ (RoPE and weights), so the comparison is not between zeros
        assertThat(changed).isGreaterThan(T / 2);
    }

    @Test
    void identicalModelsGiveExactlyZeroDeltasAndTheMaximumEntropy() {
        SampleDeltas deltas = new ModelPairScorer(base, base).score(tokenIds());
        for (int t = 1; t < T; t++) {
            assertThat(deltas.delta(t)).as("position %d", t).isZero();
            assertThat(deltas.entropyAt(t)).isCloseTo(Math.log(V), within(1e-9));
        }
    }
}
