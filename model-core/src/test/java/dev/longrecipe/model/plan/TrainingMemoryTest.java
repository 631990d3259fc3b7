package dev.longrecipe.model.plan;

import dev.longrecipe.model.bench.TrainBenchmark;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.testing.Fixtures;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TrainingMemoryTest {
    private static final long CHUNK = LlamaModel.DEFAULT_ATTENTION_CHUNK_ELEMENTS;
    private final ModelConfig c = TrainBenchmark.benchmarkModel(1 << 16);

    @Test
    void parameterCountIsTheLoadedModelsTensorSizes() {
        try (LlamaModel model = LlamaModel.load(Fixtures.model("qwen2"), ai.djl.Device.cpu())) {
            long loaded = model.parameters().values().stream().mapToLong(p -> p.getShape().size()).sum();
            assertThat(TrainingMemory.parameterCount(model.config())).isEqualTo(loaded);
        }
    }

    @Test
    void stateIsFourFloatsPerParameterAndDoesNotDependOnLength() {
        TrainingMemory m = TrainingMemory.estimate(c, 1, 1024, true, CHUNK, 0);
        long p = TrainingMemory.parameterCount(c);
        assertThat(m.weightBytes()).isEqualTo(4 * p);
        assertThat(m.gradientBytes()).isEqualTo(4 * p);
        assertThat(m.optimizerBytes()).isEqualTo(8 * p);
        assertThat(TrainingMemory.estimate(c, 1, 32768, true, CHUNK, 0).weightBytes()).isEqualTo(4 * p);
    }

    @Test
    void recomputedActivationsGrowLinearlyInLengthOnceAttentionIsChunked() {
        double at64k = TrainingMemory.estimate(c, 1, 65536, true, CHUNK, 0).activationBytes();
        double at128k = TrainingMemory.estimate(c, 1, 131072, true, CHUNK, 0).activationBytes();
        double at256k = TrainingMemory.estimate(c, 1, 262144, true, CHUNK, 0).activationBytes();
        assertThat((at256k - at128k) / (at128k - at64k)).isCloseTo(2.0, within(0.05));
    }

    @Test
    void theWholeGraphGrowsQuadraticallyAndRecomputationIsSmallerAtLength() {
        double at8k = TrainingMemory.estimate(c, 1, 8192, false, CHUNK, 0).activationBytes();
        double at16k = TrainingMemory.estimate(c, 1, 16384, false, CHUNK, 0).activationBytes();
        assertThat(at16k / at8k).as("doubling T more than triples it").isGreaterThan(3.0);
        assertThat(TrainingMemory.estimate(c, 1, 4096, true, CHUNK, 0).totalBytes())
                .isLessThan(TrainingMemory.estimate(c, 1, 4096, false, CHUNK, 0).totalBytes());
        assertThat(TrainingMemory.estimate(c, 2, 4096, true, CHUNK, 0).activationBytes())
                .isGreaterThan(TrainingMemory.estimate(c, 1, 4096, true, CHUNK, 0).activationBytes());
    }

    @Test
    void aRecomputedStepTakesOneForwardMoreThanTheWholeGraph() {
        double whole = TrainingFlops.perSample(c, 2048, false);
        double recomputed = TrainingFlops.perSample(c, 2048, true);
        assertThat(recomputed / whole).isCloseTo(4.0 / 3.0, within(1e-9));
        assertThat(TrainingFlops.perSample(c, 4096, false)).isGreaterThan(2 * whole); // attention is T²
    }
}
