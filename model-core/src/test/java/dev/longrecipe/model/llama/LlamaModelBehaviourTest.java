package dev.longrecipe.model.llama;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.config.UnsupportedArchitectureException;
import dev.longrecipe.model.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LlamaModelBehaviourTest {

    @Test
    void queryChunkedAttentionGivesTheSameLogitsAsOneChunk() {
        try (LlamaModel model = LlamaModel.load(Fixtures.model("qwen2"), Device.cpu());
             SafetensorsFile ref = Fixtures.reference("qwen2");
             NDManager step = model.manager().newSubManager()) {
            NDArray ids = Fixtures.int64(ref, "input_ids", step);
            NDArray pos = Fixtures.int64(ref, "position_ids_skipped", step);
            float[] whole = model.score(ids, pos).toFloatArray();
            // B=2, H=4, S=40: 2*4*40*7 elements -> chunks of 7 queries (6 chunks, the last one shorter)
            model.setAttentionChunkElements(2L * 4 * 40 * 7);
            float[] chunked = model.score(ids, pos).toFloatArray();
            assertThat(Fixtures.relativeError(chunked, whole)).isLessThan(1e-6);
        }
    }

    @Test
    void cachedGreedyDecodingGivesTheTokensAndLogitsOfFullRecomputation() {
        try (LlamaModel model = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
             SafetensorsFile ref = Fixtures.reference("llama-default");
             NDManager step = model.manager().newSubManager();
             KvCache cache = model.newKvCache()) {
            NDArray prompt = Fixtures.int64(ref, "input_ids", step).get(new NDIndex("0:1, 0:10"));   // (1, 10)
            List<Long> tokens = new ArrayList<>();
            for (long id : prompt.toLongArray()) {
                tokens.add(id);
            }
            // cached: prompt once, then one token per step
            NDArray logits = model.score(prompt, positions(step, 0, 10), cache);
            List<Long> cachedTokens = new ArrayList<>();
            List<float[]> cachedLast = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                float[] last = lastRow(logits);
                cachedLast.add(last);
                long next = argmax(last);
                cachedTokens.add(next);
                long position = 10 + i;
                logits = model.score(step.create(new long[][]{{next}}), positions(step, position, 1), cache);
            }
            assertThat(cache.length()).isEqualTo(22);
            // full recomputation of the whole sequence at every step
            List<Long> fullTokens = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                long[] seq = tokens.stream().mapToLong(Long::longValue).toArray();
                NDArray full = model.score(step.create(new long[][]{seq}), positions(step, 0, seq.length));
                float[] last = lastRow(full);
                assertThat(Fixtures.relativeError(cachedLast.get(i), last)).as("step " + i).isLessThan(1e-5);
                long next = argmax(last);
                fullTokens.add(next);
                tokens.add(next);
            }
            assertThat(cachedTokens).isEqualTo(fullTokens);
        }
    }

    @Test
    void v4ConfigFormLoadsToTheSameModel(@TempDir Path tmp) throws IOException {
        Path v4 = tmp.resolve("v4");
        Files.createDirectories(v4);
        Path source = Fixtures.model("llama-linear4");
        Files.copy(source.resolve("config.v4.json"), v4.resolve("config.json"));
        Files.copy(source.resolve("model.safetensors"), v4.resolve("model.safetensors"));
        try (LlamaModel a = LlamaModel.load(source, Device.cpu());
             LlamaModel b = LlamaModel.load(v4, Device.cpu());
             SafetensorsFile ref = Fixtures.reference("llama-linear4");
             NDManager step = a.manager().newSubManager()) {
            assertThat(b.config()).isEqualTo(a.config());
            NDArray ids = Fixtures.int64(ref, "input_ids", step);
            NDArray pos = Fixtures.int64(ref, "position_ids_skipped", step);
            assertThat(b.score(ids, pos).toFloatArray()).containsExactly(a.score(ids, pos).toFloatArray());
        }
    }

    @Test
    void unsupportedArchitectureFolderIsRefusedNamingSupportedOnes(@TempDir Path tmp) throws IOException {
        Path dir = copyOf(Fixtures.model("llama-default"), tmp.resolve("gpt2"));
        String config = Files.readString(dir.resolve("config.json")).replace("LlamaForCausalLM", "GPT2LMHeadModel");
        Files.writeString(dir.resolve("config.json"), config);
        assertThatThrownBy(() -> LlamaModel.load(dir, Device.cpu()))
                .isInstanceOf(UnsupportedArchitectureException.class)
                .hasMessageContaining("unsupported architecture GPT2LMHeadModel (supported: LlamaForCausalLM");
    }

    @Test
    void pickleOnlyFolderIsRefused(@TempDir Path tmp) throws IOException {
        Path dir = tmp.resolve("pickle");
        Files.createDirectories(dir);
        Files.copy(Fixtures.model("llama-default").resolve("config.json"), dir.resolve("config.json"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[]{(byte) 0x80, 2, 'c'});
        assertThatThrownBy(() -> LlamaModel.load(dir, Device.cpu()))
                .hasMessageContaining("pytorch_model.bin");
    }

    @Test
    void outOfVocabularyIdsAreAnErrorNotACrash() {
        try (LlamaModel model = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
             NDManager step = model.manager().newSubManager()) {
            NDArray ids = step.create(new long[][]{{1, 512}});
            assertThatThrownBy(() -> model.score(ids, positions(step, 0, 2)))
                    .hasMessageContaining("token ids must be in [0, 512)");
        }
    }

    @Test
    void wrongTensorShapeNamesExpectedAndFound(@TempDir Path tmp) throws IOException {
        Path dir = copyOf(Fixtures.model("llama-default"), tmp.resolve("bad"));
        String config = Files.readString(dir.resolve("config.json")).replace("\"intermediate_size\": 176",
                "\"intermediate_size\": 128");
        Files.writeString(dir.resolve("config.json"), config);
        assertThatThrownBy(() -> LlamaModel.load(dir, Device.cpu()))
                .hasMessageContaining("expected shape [128, 64]").hasMessageContaining("found [176, 64]");
    }

    @Test
    void dynamicNtkRopeMatchesDefaultRopeInsideTheWindowAndTheGrownBasePastIt() {
        try (LlamaModel dynamic = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
             LlamaModel plain = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
             SafetensorsFile ref = Fixtures.reference("llama-default");
             NDManager step = dynamic.manager().newSubManager()) {
            dynamic.setRope(new RopeParameters("dynamic", 10000, 2.0, null, null, null, null, null, null, null, null,
                    null), 256);
            NDArray ids = Fixtures.int64(ref, "input_ids", step);
            NDArray contiguous = Fixtures.int64(ref, "position_ids_contiguous", step);
            assertThat(dynamic.score(ids, contiguous).toFloatArray())
                    .containsExactly(plain.score(ids, contiguous).toFloatArray());
            // skipped positions reach up to 999 (> 256): the whole pass uses base theta * (2 * len/256 - 1)^(16/14)
            NDArray skipped = Fixtures.int64(ref, "position_ids_skipped", step);
            long len = skipped.max().getLong() + 1;
            double grown = ((dev.longrecipe.model.rope.DynamicNtkRope) dynamic.rope()).grownBase(len);
            assertThat(grown).isCloseTo(10000 * Math.pow(2.0 * len / 256 - 1, 16.0 / 14), within(1e-6));
            plain.setRope(RopeParameters.defaultRope(grown), 256);
            float[] expected = plain.score(ids, skipped).toFloatArray();
            assertThat(Fixtures.relativeError(dynamic.score(ids, skipped).toFloatArray(), expected)).isLessThan(1e-6);
        }
    }

    @Test
    void mistralSlidingWindowLimitsAttentionToTheLastWindowTokens(@TempDir Path tmp) throws IOException {
        Path wide = mistral(tmp.resolve("wide"), 4096);
        Path narrow = mistral(tmp.resolve("narrow"), 8);
        try (LlamaModel llama = LlamaModel.load(Fixtures.model("llama-default"), Device.cpu());
             LlamaModel wideWindow = LlamaModel.load(wide, Device.cpu());
             LlamaModel narrowWindow = LlamaModel.load(narrow, Device.cpu());
             SafetensorsFile ref = Fixtures.reference("llama-default");
             NDManager step = llama.manager().newSubManager()) {
            NDArray ids = Fixtures.int64(ref, "input_ids", step);
            NDArray pos = Fixtures.int64(ref, "position_ids_contiguous", step);
            float[] full = llama.score(ids, pos).toFloatArray();
            assertThat(wideWindow.score(ids, pos).toFloatArray()).containsExactly(full);
            NDArray windowed = narrowWindow.score(ids, pos);
            NDArray reference = llama.score(ids, pos);
            // the first 8 tokens see everything before them either way; token 20 lost tokens 0..12
            assertThat(windowed.get(new NDIndex(":, 0:8, :")).toFloatArray())
                    .containsExactly(reference.get(new NDIndex(":, 0:8, :")).toFloatArray());
            assertThat(Fixtures.relativeError(windowed.get(new NDIndex(":, 20, :")).toFloatArray(),
                    reference.get(new NDIndex(":, 20, :")).toFloatArray())).isGreaterThan(1e-3);
        }
    }

    private static Path mistral(Path dir, int window) throws IOException {
        copyOf(Fixtures.model("llama-default"), dir);
        String config = Files.readString(dir.resolve("config.json"))
                .replace("LlamaForCausalLM", "MistralForCausalLM")
                .replace("\"model_type\": \"llama\"", "\"model_type\": \"mistral\", \"sliding_window\": " + window);
        Files.writeString(dir.resolve("config.json"), config);
        return dir;
    }

    static NDArray positions(NDManager m, long start, long length) {
        return m.arange(start, start + length, 1L, DataType.INT64).reshape(1, length);
    }

    static float[] lastRow(NDArray logits) {
        long t = logits.getShape().get(1);
        return logits.get(new NDIndex("0, {}, :", t - 1)).toFloatArray();
    }

    static long argmax(float[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static Path copyOf(Path source, Path target) throws IOException {
        Files.createDirectories(target);
        for (String f : List.of("config.json", "model.safetensors", "generation_config.json")) {
            Files.copy(source.resolve(f), target.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        return target;
    }
}
