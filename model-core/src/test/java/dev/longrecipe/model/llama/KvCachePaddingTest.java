package dev.longrecipe.model.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.model.testing.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Left-padded batches with an attention mask (the key-padding mask the cache carries): every real token's logits
 * are those of its row alone; reserved (in-place) caches and dropped rows change nothing.
 */
class KvCachePaddingTest {
    private static final int LONG = 23;
    private static final int SHORT = 9;
    private static final int STEPS = 5;

    private static long[] randomIds(long seed, int n) {
        Random rng = new Random(seed);
        long[] ids = new long[n];
        for (int i = 0; i < n; i++) {
            ids[i] = 3 + rng.nextInt(200);
        }
        return ids;
    }

    /** Logits (len + STEPS rows of V) of one row alone: the prompt in one pass, then STEPS fed tokens. */
    private static List<float[]> alone(LlamaModel model, long[] prompt, long[] fed) {
        List<float[]> rows = new ArrayList<>();
        try (KvCache cache = model.newKvCache(); NDManager m = model.manager().newSubManager()) {
            int n = prompt.length;
            NDArray logits = model.score(m.create(new long[][]{prompt}),
                    m.arange(0L, (long) n, 1L, ai.djl.ndarray.types.DataType.INT64).reshape(1, n), cache);
            for (int i = 0; i < n; i++) {
                rows.add(logits.get(new NDIndex("0, {}", i)).toFloatArray());
            }
            for (int s = 0; s < STEPS; s++) {
                logits = model.score(m.create(new long[][]{{fed[s]}}), m.create(new long[][]{{n + s}}), cache);
                rows.add(logits.get(new NDIndex("0, 0")).toFloatArray());
            }
        }
        return rows;
    }

    /**
     * Two rows: prompt a (LONG tokens) and prompt b (SHORT), the STEPS tokens fed to each after it, and the logits of
     * each row alone ({@link #alone}).
     */
    private record TwoRows(long[] a, long[] b, long[] fedA, long[] fedB, List<float[]> refA, List<float[]> refB) {
        static TwoRows of(LlamaModel model) {
            long[] a = randomIds(1, LONG);
            long[] b = randomIds(2, SHORT);
            long[] fedA = randomIds(3, STEPS);
            long[] fedB = randomIds(4, STEPS);
            return new TwoRows(a, b, fedA, fedB, alone(model, a, fedA), alone(model, b, fedB));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-default", "qwen2"})
    void paddedBatchRowsGiveTheLogitsOfEachRowAlone(String fixture) {
        try (LlamaModel model = LlamaModel.load(Fixtures.model(fixture), Device.cpu())) {
            TwoRows rows = TwoRows.of(model);
            for (int chunk : new int[]{LONG, 7, 1}) {
                for (boolean reserve : new boolean[]{false, true}) {
                    String what = fixture + " chunk " + chunk + (reserve ? " reserved" : "");
                    batched(model, rows, chunk, reserve, what);
                }
            }
        }
    }

    /** Row 0 = a, row 1 = b left-padded to a's length; prefill in chunks, two steps together, then b alone. */
    private static void batched(LlamaModel model, TwoRows rows, int chunk, boolean reserve, String what) {
        long[] a = rows.a();
        long[] b = rows.b();
        long[] fedA = rows.fedA();
        long[] fedB = rows.fedB();
        List<float[]> refA = rows.refA();
        List<float[]> refB = rows.refB();
        int pad = LONG - SHORT;
        try (KvCache cache = model.newKvCache(); NDManager m = model.manager().newSubManager()) {
            if (reserve) {
                cache.reserve(LONG + STEPS);
            }
            for (int start = 0; start < LONG; start += chunk) {
                int end = Math.min(LONG, start + chunk);
                int c = end - start;
                long[][] ids = new long[2][c];
                long[][] pos = new long[2][c];
                boolean[] real = new boolean[2 * c];
                for (int col = start; col < end; col++) {
                    ids[0][col - start] = a[col];
                    pos[0][col - start] = col;
                    real[col - start] = true;
                    ids[1][col - start] = col >= pad ? b[col - pad] : 0;
                    pos[1][col - start] = Math.max(0, col - pad);
                    real[c + col - start] = col >= pad;
                }
                NDArray logits = model.score(m.create(ids), m.create(pos), m.create(real, new Shape(2, c)), cache);
                for (int col = start; col < end; col++) {
                    assertClose(logits.get(new NDIndex("0, {}", col - start)).toFloatArray(), refA.get(col),
                            what + " prompt a @" + col);
                    if (col >= pad) {
                        assertClose(logits.get(new NDIndex("1, {}", col - start)).toFloatArray(),
                                refB.get(col - pad), what + " prompt b @" + (col - pad));
                    }
                }
            }
            for (int s = 0; s < 2; s++) {
                NDArray logits = model.score(m.create(new long[][]{{fedA[s]}, {fedB[s]}}),
                        m.create(new long[][]{{LONG + s}, {SHORT + s}}), null, cache);
                assertClose(logits.get(new NDIndex("0, 0")).toFloatArray(), refA.get(LONG + s), what + " a step " + s);
                assertClose(logits.get(new NDIndex("1, 0")).toFloatArray(), refB.get(SHORT + s), what + " b step " + s);
            }
            cache.keepRows(new int[]{1});
            assertThat(cache.batchSize()).isEqualTo(1);
            for (int s = 2; s < STEPS; s++) {
                NDArray logits = model.score(m.create(new long[][]{{fedB[s]}}), m.create(new long[][]{{SHORT + s}}),
                        null, cache);
                assertClose(logits.get(new NDIndex("0, 0")).toFloatArray(), refB.get(SHORT + s), what + " b step " + s);
            }
            assertThat(cache.length()).isEqualTo(LONG + STEPS);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-default", "qwen2"})
    void rowsReadAloneAndPutIntoABatchDecodeAsAlone(String fixture) {
        try (LlamaModel model = LlamaModel.load(Fixtures.model(fixture), Device.cpu());
             KvCache cache = model.newKvCache(); NDManager m = model.manager().newSubManager()) {
            TwoRows rows = TwoRows.of(model);
            cache.reserve(LONG + STEPS);
            long[][] prompts = {rows.b(), rows.a()}; // row 0 = the short prompt, padded
            for (int row = 0; row < 2; row++) {
                try (KvCache single = model.newKvCache()) {
                    int n = prompts[row].length;
                    long[] pos = new long[n];
                    for (int i = 0; i < n; i++) {
                        pos[i] = i;
                    }
                    model.score(m.create(new long[][]{prompts[row]}), m.create(new long[][]{pos}), single);
                    cache.putRow(row, 2, LONG, single);
                }
            }
            assertThat(cache.length()).isEqualTo(LONG);
            for (int s = 0; s < STEPS; s++) {
                NDArray logits = model.score(m.create(new long[][]{{rows.fedB()[s]}, {rows.fedA()[s]}}),
                        m.create(new long[][]{{SHORT + s}, {LONG + s}}), null, cache);
                assertClose(logits.get(new NDIndex("0, 0")).toFloatArray(), rows.refB().get(SHORT + s),
                        fixture + " b " + s);
                assertClose(logits.get(new NDIndex("1, 0")).toFloatArray(), rows.refA().get(LONG + s),
                        fixture + " a " + s);
            }
        }
    }

    private static void assertClose(float[] actual, float[] expected, String what) {
        assertThat(Fixtures.relativeError(actual, expected)).as(what).isLessThan(1e-5);
    }

    @Test
    void anAllRealMaskAndAReservedCacheChangeNothing() {
        try (LlamaModel model = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
             NDManager m = model.manager().newSubManager()) {
            long[][] ids = {randomIds(5, 12), randomIds(6, 12)};
            long[][] pos = new long[2][12];
            for (int i = 0; i < 12; i++) {
                pos[0][i] = i;
                pos[1][i] = i + 3;
            }
            float[] plain = model.score(m.create(ids), m.create(pos)).toFloatArray();
            float[] masked = model.score(m.create(ids), m.create(pos), m.ones(new Shape(2, 12)), null).toFloatArray();
            assertThat(masked).containsExactly(plain);
            try (KvCache reserved = model.newKvCache(); KvCache plainCache = model.newKvCache()) {
                reserved.reserve(40);
                float[] first = model.score(m.create(ids), m.create(pos), reserved).toFloatArray();
                assertThat(first).containsExactly(model.score(m.create(ids), m.create(pos), plainCache).toFloatArray());
                long[][] next = {{7}, {8}};
                long[][] nextPos = {{12}, {15}};
                assertThat(model.score(m.create(next), m.create(nextPos), reserved).toFloatArray())
                        .containsExactly(model.score(m.create(next), m.create(nextPos), plainCache).toFloatArray());
                assertThatThrownBy(() -> reserved.reserve(80)).isInstanceOf(IllegalStateException.class);
            }
        }
    }

    @Test
    void aMaskOfTheWrongShapeOrACacheOfAnotherBatchFails() {
        try (LlamaModel model = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
             NDManager m = model.manager().newSubManager();
             KvCache cache = model.newKvCache()) {
            NDArray ids = m.create(new long[][]{{5, 6, 7}, {8, 9, 10}});
            NDArray pos = m.create(new long[][]{{0, 1, 2}, {0, 1, 2}});
            assertThatThrownBy(() -> model.score(ids, pos, m.ones(new Shape(2, 2)), null))
                    .hasMessageContaining("attention mask");
            model.score(ids, pos, cache);
            assertThatThrownBy(() -> model.score(m.create(new long[][]{{5}}), m.create(new long[][]{{3}}), cache))
                    .hasMessageContaining("keepRows");
        }
    }
}
