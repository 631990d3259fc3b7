package dev.longrecipe.hf;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HfModelFolderTest {

    @TempDir
    Path tmp;

    @Test
    void opensTransformersFolderWithConfigAndAuxiliaryFiles() {
        Path dir = SafetensorsFileTest.FIXTURES.resolve("qwen2");
        try (HfModelFolder folder = HfModelFolder.open(dir)) {
            assertThat(folder.config().get("model_type").asText()).isEqualTo("qwen2");
            assertThat(folder.configFile()).isEqualTo(dir.resolve("config.json"));
            assertThat(folder.dtype()).isEqualTo(DType.F32);
            assertThat(folder.tensorNames()).contains("model.layers.0.self_attn.q_proj.bias");
            assertThat(folder.info("model.layers.0.self_attn.q_proj.bias").shape()).containsExactly(64);
            assertThat(folder.readFloat32("model.norm.weight")).hasSize(64);
            assertThat(folder.auxiliaryFiles()).containsExactly(dir.resolve("generation_config.json"));
        }
    }

    @Test
    void pickleOnlyFolderIsRefusedWithConversionAdvice() throws IOException {
        Files.writeString(tmp.resolve("config.json"), "{}");
        Files.write(tmp.resolve("pytorch_model.bin"), new byte[16]);
        assertThatThrownBy(() -> HfModelFolder.open(tmp)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("pytorch_model.bin").hasMessageContaining("runs arbitrary code")
                .hasMessageContaining("safe_serialization=True");
    }

    @Test
    void folderWithoutWeightsIsRefused() throws IOException {
        Files.writeString(tmp.resolve("config.json"), "{}");
        assertThatThrownBy(() -> HfModelFolder.open(tmp)).hasMessageContaining("neither model.safetensors nor model.safetensors.index.json");
        assertThatThrownBy(() -> HfModelFolder.open(tmp.resolve("missing"))).hasMessageContaining("is not a folder");
    }

    @Test
    void indexNamingATensorItsShardLacksIsRefused() throws IOException {
        Files.copy(SafetensorsFileTest.FIXTURES.resolve("llama-default/model.safetensors"), tmp.resolve("shard-a.safetensors"));
        Files.writeString(tmp.resolve("model.safetensors.index.json"),
                "{\"metadata\":{},\"weight_map\":{\"lm_head.weight\":\"shard-a.safetensors\",\"ghost.weight\":\"shard-a.safetensors\"}}");
        assertThatThrownBy(() -> HfModelFolder.open(tmp)).isInstanceOf(SafetensorsFormatException.class)
                .hasMessageContaining("'ghost.weight'").hasMessageContaining("shard-a.safetensors");
    }

    @Test
    void indexPointingOutsideTheFolderIsRefused() throws IOException {
        Files.writeString(tmp.resolve("model.safetensors.index.json"),
                "{\"weight_map\":{\"w\":\"../elsewhere.safetensors\"}}");
        assertThatThrownBy(() -> HfModelFolder.open(tmp)).hasMessageContaining("not a file name in this folder");
    }
}
