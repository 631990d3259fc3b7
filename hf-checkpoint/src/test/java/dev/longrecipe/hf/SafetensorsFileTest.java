package dev.longrecipe.hf;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsFileTest {

    static final Path FIXTURES = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"), "hf-reference");

    @Test
    void readsTransformersSavedModelShapesAndValues() {
        try (SafetensorsFile f = SafetensorsFile.open(FIXTURES.resolve("llama-default/model.safetensors"))) {
            assertThat(f.tensors()).hasSize(21);
            assertThat(f.metadata()).containsEntry("format", "pt");
            TensorInfo embed = f.info("model.embed_tokens.weight");
            assertThat(embed.dtype()).isEqualTo(DType.F32);
            assertThat(embed.shape()).containsExactly(512, 64);
            assertThat(embed.numel()).isEqualTo(512 * 64);
            assertThat(f.info("model.layers.0.self_attn.k_proj.weight").shape()).containsExactly(32, 64);
            // golden values read from the same file with Python's struct module
            float[] e = f.readFloat32("model.embed_tokens.weight");
            assertThat(e).hasSize(512 * 64);
            assertThat(e[0]).isEqualTo((float) -0.036244865506887436);
            assertThat(e[1]).isEqualTo((float) -0.052511066198349);
            assertThat(e[2]).isEqualTo((float) 0.04084962606430054);
            assertThat(f.readFloat32("model.norm.weight")[1]).isEqualTo((float) 1.0153908729553223);
        }
    }

    @Test
    void keepsHeaderOrderOfTensors() {
        try (SafetensorsFile f = SafetensorsFile.open(FIXTURES.resolve("llama-default/model.safetensors"))) {
            assertThat(f.tensors().keySet()).startsWith("lm_head.weight", "model.embed_tokens.weight",
                    "model.layers.0.input_layernorm.weight");
        }
    }

    @Test
    void readsIntegerReferenceTensorsAsLong() {
        try (SafetensorsFile f = SafetensorsFile.open(FIXTURES.resolve("llama-default/reference.safetensors"))) {
            assertThat(f.info("input_ids").dtype()).isEqualTo(DType.I32);
            assertThat(f.info("input_ids").shape()).containsExactly(2, 40);
            assertThat(f.readInt64("input_ids")).startsWith(331, 55, 86, 241, 425);
            long[] contiguous = f.readInt64("position_ids_contiguous");
            assertThat(java.util.Arrays.copyOf(contiguous, 40)).containsExactly(LongStream.range(0, 40).toArray());
            assertThat(f.readInt64("position_ids_skipped")).startsWith(0, 73, 92, 93, 108);
            assertThat(f.info("logits_contiguous").shape()).containsExactly(2, 40, 512);
        }
    }

    @Test
    void everyFixtureModelOpensWithTheSameParameterShapes() {
        for (String model : new String[] {"llama-default", "llama-linear4", "llama-tied-theta1m", "qwen2"}) {
            try (SafetensorsFile f = SafetensorsFile.open(FIXTURES.resolve(model + "/model.safetensors"))) {
                assertThat(f.info("model.embed_tokens.weight").shape()).as(model).containsExactly(512, 64);
                assertThat(f.info("model.layers.1.mlp.up_proj.weight").shape()).as(model).containsExactly(176, 64);
            }
        }
    }

    @Test
    void rawIsAReadOnlyViewOfTheTensorBytes() {
        try (SafetensorsFile f = SafetensorsFile.open(FIXTURES.resolve("llama-default/model.safetensors"))) {
            var raw = f.raw("model.norm.weight");
            assertThat(raw.isReadOnly()).isTrue();
            assertThat(raw.remaining()).isEqualTo(64 * 4);
            assertThat(raw.getFloat(4)).isEqualTo((float) 1.0153908729553223);
        }
    }

    @Test
    void unknownTensorAndWrongDecoderAreClearErrors() {
        try (SafetensorsFile f = SafetensorsFile.open(FIXTURES.resolve("llama-default/reference.safetensors"))) {
            assertThatThrownBy(() -> f.info("nope")).hasMessageContaining("no tensor named 'nope'");
            assertThatThrownBy(() -> f.readFloat32("input_ids")).hasMessageContaining("is I32")
                    .hasMessageContaining("F32, F16 and BF16");
            assertThatThrownBy(() -> f.readInt64("loss_skipped")).hasMessageContaining("is F32");
        }
    }

    @Test
    void dtypeParseListsValidNames() {
        assertThat(DType.parse("BF16")).isEqualTo(DType.BF16);
        assertThatThrownBy(() -> DType.parse("float32")).hasMessageContaining("'float32'")
                .hasMessageContaining("F32, F16, BF16");
    }
}
