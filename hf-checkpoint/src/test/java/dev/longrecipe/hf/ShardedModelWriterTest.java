package dev.longrecipe.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShardedModelWriterTest {

    @TempDir
    Path tmp;

    /** Five BF16 tensors of 64, 64, 32, 96, 16 elements (128, 128, 64, 192, 32 bytes). */
    static List<TensorSpec> plan() {
        long[] sizes = {64, 64, 32, 96, 16};
        List<TensorSpec> plan = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            plan.add(new TensorSpec("layer." + i + ".weight", DType.BF16, new long[] {sizes[i]}));
        }
        return plan;
    }

    private void writeAll(ShardedModelWriter w, List<TensorSpec> plan) {
        for (int i = 0; i < plan.size(); i++) {
            w.writeFloat32(plan.get(i).name(), SafetensorsWriterTest.randomFloats((int) plan.get(i).numel(), i));
        }
    }

    @Test
    void shardsAtTheSizeLimitAndReadsBackThroughTheIndex() throws IOException {
        Path out = tmp.resolve("model");
        List<TensorSpec> plan = plan();
        try (ShardedModelWriter w = new ShardedModelWriter(out, plan, 256)) {
            assertThat(w.shardFileNames()).containsExactly("model-00001-of-00003.safetensors",
                    "model-00002-of-00003.safetensors", "model-00003-of-00003.safetensors");
            writeAll(w, plan);
        }
        JsonNode index = new ObjectMapper().readTree(out.resolve("model.safetensors.index.json").toFile());
        assertThat(index.at("/metadata/total_size").asLong()).isEqualTo(128 + 128 + 64 + 192 + 32);
        assertThat(index.at("/weight_map/layer.2.weight").asText()).isEqualTo("model-00002-of-00003.safetensors");
        assertThat(out.resolve("model.safetensors")).doesNotExist();
        try (HfModelFolder folder = HfModelFolder.open(out)) {
            assertThat(folder.shardCount()).isEqualTo(3);
            assertThat(folder.tensorNames()).containsExactly(plan.stream().map(TensorSpec::name).toArray(String[]::new));
            assertThat(folder.largestShardBytes()).isEqualTo(256);
            assertThat(folder.dtype()).isEqualTo(DType.BF16);
            for (int i = 0; i < plan.size(); i++) {
                float[] written = SafetensorsWriterTest.randomFloats((int) plan.get(i).numel(), i);
                float[] expected = Float32Codec.decode(Float32Codec.encode(written, DType.BF16), DType.BF16);
                assertThat(folder.readFloat32(plan.get(i).name())).containsExactly(expected);
            }
        }
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString()).toList()).containsExactly("model");
    }

    @Test
    void writesOneFileWithoutIndexWhenEverythingFits() {
        Path out = tmp.resolve("single");
        List<TensorSpec> plan = plan();
        try (ShardedModelWriter w = new ShardedModelWriter(out, plan, 1 << 20)) {
            writeAll(w, plan);
            w.addFile("config.json", "{\"model_type\":\"llama\"}".getBytes());
        }
        assertThat(out.resolve("model.safetensors")).exists();
        assertThat(out.resolve("model.safetensors.index.json")).doesNotExist();
        try (HfModelFolder folder = HfModelFolder.open(out)) {
            assertThat(folder.shardCount()).isEqualTo(1);
            assertThat(folder.config().get("model_type").asText()).isEqualTo("llama");
        }
    }

    @Test
    void unfinishedFolderIsRemovedAndNeverPublished() throws IOException {
        Path out = tmp.resolve("broken");
        List<TensorSpec> plan = plan();
        ShardedModelWriter w = new ShardedModelWriter(out, plan, 256);
        w.writeFloat32(plan.get(0).name(), new float[64]);
        w.writeFloat32(plan.get(1).name(), new float[64]);
        w.writeFloat32(plan.get(2).name(), new float[32]);
        assertThatThrownBy(w::close).isInstanceOf(IllegalStateException.class).hasMessageContaining("nothing was published");
        assertThat(out).doesNotExist();
        try (var list = Files.list(tmp)) {
            assertThat(list).isEmpty();
        }
    }

    @Test
    void existingOutputFolderIsRefused() throws IOException {
        Path out = Files.createDirectory(tmp.resolve("exists"));
        assertThatThrownBy(() -> new ShardedModelWriter(out, plan(), 256)).hasMessageContaining("already exists");
    }
}
