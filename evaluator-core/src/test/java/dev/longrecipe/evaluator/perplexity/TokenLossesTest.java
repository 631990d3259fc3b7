package dev.longrecipe.evaluator.perplexity;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.longrecipe.evaluator.Fixtures;
import dev.longrecipe.evaluator.FullForward;
import dev.longrecipe.model.llama.LlamaModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TokenLossesTest {

    @Test
    void chunkedCachedLossesEqualOneFullForwardPass() {
        try (LlamaModel model = LlamaModel.load(Fixtures.QWEN2, Device.cpu())) {
            Random rng = new Random(5);
            int n = 90;
            int[] tokens = new int[n];
            for (int i = 0; i < n; i++) {
                tokens[i] = rng.nextInt(512);
            }
            // reference: one forward over everything, log-softmax in Java
            double[] expected = new double[n - 1];
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray logits = FullForward.logits(model, scope, tokens, n);   // (1, n, V)
                float[] flat = logits.toFloatArray();
                int v = 512;
                for (int t = 0; t < n - 1; t++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j < v; j++) {
                        max = Math.max(max, flat[t * v + j]);
                    }
                    double sum = 0;
                    for (int j = 0; j < v; j++) {
                        sum += Math.exp(flat[t * v + j] - max);
                    }
                    expected[t] = -(flat[t * v + tokens[t + 1]] - max - Math.log(sum));
                }
            }
            for (int chunk : new int[]{1, 17, 200}) {
                double[] got = TokenLosses.of(model, tokens, chunk);
                assertThat(got).hasSize(n - 1);
                for (int t = 0; t < n - 1; t++) {
                    assertThat(got[t]).as("chunk %d position %d", chunk, t).isCloseTo(expected[t], within(1e-4));
                }
            }
        }
    }

    @Test
    void bucketsAverageLossesOverTextsAndPositions() {
        double[] a = {1, 1, 2, 2, 3, 3};
        double[] b = {3, 3, 2, 2, 1, 1};
        List<PerplexityByPosition.Bucket> buckets = PerplexityByPosition.buckets(List.of(a, b), 3);
        assertThat(buckets).extracting(PerplexityByPosition.Bucket::meanLoss).containsExactly(2.0, 2.0, 2.0);
        List<PerplexityByPosition.Bucket> one = PerplexityByPosition.buckets(List.of(a), 2);
        assertThat(one.get(0).meanLoss()).isEqualTo(4.0 / 3);
        assertThat(one.get(0).perplexity()).isCloseTo(Math.exp(4.0 / 3), within(1e-12));
        assertThat(one.get(0).fromPosition()).isEqualTo(1);
        assertThat(one.get(1).toPosition()).isEqualTo(6);
        assertThatThrownBy(() -> PerplexityByPosition.buckets(List.of(a), 7))
                .hasMessageContaining("evaluator.perplexityBuckets");
    }
}
