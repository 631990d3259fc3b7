package dev.longrecipe.evaluator.memory;

import dev.longrecipe.evaluator.Fixtures;
import dev.longrecipe.model.config.ModelConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MemoryPlanTest {
    private static final ModelConfig TINY = ModelConfig.read(Fixtures.LLAMA_DEFAULT.resolve("config.json"));
    private static final long ATTN = 1L << 25;

    @Test
    void weightsAreTheFixtureModelsFloat32Size() {
        // model.safetensors is float32 plus a small header
        long file = Fixtures.LLAMA_DEFAULT.resolve("model.safetensors").toFile().length();
        assertThat(MemoryPlan.weightBytes(TINY)).isBetween(file - 4096, file);
    }

    @Test
    void keyValueCacheGrowsLinearlyWithLength() {
        assertThat(MemoryPlan.kvCacheBytes(TINY, 2000)).isEqualTo(2 * MemoryPlan.kvCacheBytes(TINY, 1000));
        // 2 (k, v) × 2 kv heads × 16 dims × 4 bytes × (2 layers + 1 being appended) per token
        assertThat(MemoryPlan.kvCacheBytes(TINY, 1)).isEqualTo(2 * 2 * 16 * 4 * 3);
    }

    @Test
    void aTightBudgetShrinksThePrefillChunkBeforeFailing() {
        MemoryPlan roomy = MemoryPlan.plan(TINY, 4096, 1L << 30, ATTN);
        assertThat(roomy.prefillChunk()).isEqualTo(MemoryPlan.MAX_PREFILL_CHUNK);
        long tight = roomy.weightBytes() + roomy.kvCacheBytes() + MemoryPlan.activationBytes(TINY, 8, 4096, ATTN);
        MemoryPlan small = MemoryPlan.plan(TINY, 4096, tight, ATTN);
        assertThat(small.prefillChunk()).isEqualTo(8);
        assertThat(small.totalBytes()).isLessThanOrEqualTo(tight);
    }

    @Test
    void theBatchTakesEveryRowsCacheAndShrinksToWhatFitsBeforeTheChunkDoes() {
        MemoryPlan roomy = MemoryPlan.plan(TINY, 4096, 1L << 30, ATTN, MemoryPlan.DEFAULT_BATCH_SIZE);
        assertThat(roomy.batchSize()).isEqualTo(8);
        assertThat(roomy.prefillChunk()).isEqualTo(MemoryPlan.MAX_PREFILL_CHUNK);
        // eight rows and the one being read
        assertThat(roomy.kvCacheBytes()).isEqualTo(9 * MemoryPlan.kvCacheBytes(TINY, 4096));
        // room for three rows' caches and one token per row, not for four rows (a row's cache is larger than the
        // activations of a few tokens)
        long threeRows = MemoryPlan.weightBytes(TINY) + 4 * MemoryPlan.kvCacheBytes(TINY, 4096)
                + MemoryPlan.activationBytes(TINY, 3, 4096, ATTN, 3);
        MemoryPlan three = MemoryPlan.plan(TINY, 4096, threeRows, ATTN, 8);
        assertThat(three.batchSize()).isEqualTo(3);
        assertThat(three.prefillChunk()).isEqualTo(3);
        assertThat(three.totalBytes()).isLessThanOrEqualTo(threeRows);
        // one row: the same plan as one prompt at a time
        long oneRow = MemoryPlan.weightBytes(TINY) + MemoryPlan.kvCacheBytes(TINY, 4096)
                + MemoryPlan.activationBytes(TINY, 8, 4096, ATTN);
        assertThat(MemoryPlan.plan(TINY, 4096, oneRow, ATTN, 8)).isEqualTo(MemoryPlan.plan(TINY, 4096, oneRow, ATTN));
        assertThat(MemoryPlan.plan(TINY, 4096, oneRow, ATTN, 8).batchSize()).isEqualTo(1);
        assertThatThrownBy(() -> MemoryPlan.plan(TINY, 4096, oneRow, ATTN, 0)).hasMessageContaining("batchSize");
    }

    @Test
    void aLengthBeyondTheBudgetFailsNamingTheLongestThatFitsAndTheFix() {
        long budget = 8L << 20;
        int longest = MemoryPlan.longestFitting(TINY, budget, ATTN);
        assertThat(longest).isGreaterThan(1000).isLessThan(1_000_000);
        MemoryPlan.plan(TINY, longest, budget, ATTN);
        assertThatThrownBy(() -> MemoryPlan.plan(TINY, longest + 1000, budget, ATTN))
                .isInstanceOf(InsufficientMemoryException.class)
                .hasMessageContaining("length " + (longest + 1000) + " does not fit in memory")
                .hasMessageContaining("the longest length that fits is " + longest + " tokens")
                .hasMessageContaining("Lower evaluator.lengths to at most " + longest);
    }
}
