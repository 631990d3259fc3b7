package dev.longrecipe.model.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.model.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;


import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest
    @MethodSource(Fixtures.EACH_MODEL)
    void v5RopeParametersAndV4RopeScalingFormsGiveEqualConfigs(String name) {
        ModelConfig v5 = ModelConfig.read(Fixtures.model(name).resolve("config.json"));
        ModelConfig v4 = ModelConfig.read(Fixtures.model(name).resolve("config.v4.json"));
        assertThat(v4).isEqualTo(v5);
    }

    @Test
    void readsFixtureArchitecturesBiasesTyingAndRope() {
        ModelConfig qwen = ModelConfig.read(Fixtures.model("qwen2").resolve("config.json"));
        assertThat(qwen.architecture()).isEqualTo(Architecture.QWEN2);
        assertThat(qwen.attentionBias()).isTrue();
        assertThat(qwen.outputBias()).isFalse();
        assertThat(qwen.rope()).isEqualTo(RopeParameters.defaultRope(1e6));

        ModelConfig tied = ModelConfig.read(Fixtures.model("llama-tied-theta1m").resolve("config.json"));
        assertThat(tied.tieWordEmbeddings()).isTrue();
        assertThat(tied.numKeyValueHeads()).isEqualTo(2);
        assertThat(tied.queryGroupSize()).isEqualTo(2);
        assertThat(tied.headDim()).isEqualTo(16);

        ModelConfig linear = ModelConfig.read(Fixtures.model("llama-linear4").resolve("config.json"));
        assertThat(linear.rope().ropeType()).isEqualTo("linear");
        assertThat(linear.rope().factor()).isEqualTo(4.0);
        assertThat(linear.rope().theta()).isEqualTo(10000.0);
    }

    @Test
    void unsupportedArchitectureIsRejectedNamingTheSupportedOnes() {
        ObjectNode c = fixtureJson("llama-default");
        c.putArray("architectures").add("GPT2LMHeadModel");
        assertThatThrownBy(() -> ModelConfig.parse(c))
                .isInstanceOf(UnsupportedArchitectureException.class)
                .hasMessageContaining("unsupported architecture GPT2LMHeadModel")
                .hasMessageContaining("LlamaForCausalLM, MistralForCausalLM, Qwen2ForCausalLM");
    }

    @Test
    void headDimDefaultsToHiddenOverHeadsWhenAbsent() {
        ObjectNode c = fixtureJson("llama-default");
        c.remove("head_dim");
        c.put("hidden_size", 96);
        assertThat(ModelConfig.parse(c).headDim()).isEqualTo(24);
    }

    @Test
    void ropeScalingWithOldTypeKeyAndTopLevelThetaIsRead() {
        ObjectNode c = fixtureJson("llama-default");
        c.remove("rope_parameters");
        c.put("rope_theta", 500000.0);
        ObjectNode scaling = c.putObject("rope_scaling");
        scaling.put("type", "llama3");
        scaling.put("factor", 8.0);
        scaling.put("low_freq_factor", 1.0);
        scaling.put("high_freq_factor", 4.0);
        scaling.put("original_max_position_embeddings", 8192);
        RopeParameters rope = ModelConfig.parse(c).rope();
        assertThat(rope.ropeType()).isEqualTo("llama3");
        assertThat(rope.theta()).isEqualTo(500000.0);
        assertThat(rope.originalMaxPositionEmbeddings()).isEqualTo(8192);
        assertThat(rope.highFreqFactor()).isEqualTo(4.0);
    }

    @Test
    void mistralReadsSlidingWindowAndHasNoBiases() {
        ObjectNode c = fixtureJson("llama-default");
        c.putArray("architectures").add("MistralForCausalLM");
        c.put("sliding_window", 128);
        ModelConfig m = ModelConfig.parse(c);
        assertThat(m.architecture()).isEqualTo(Architecture.MISTRAL);
        assertThat(m.slidingWindow()).isEqualTo(128);
        assertThat(m.attentionBias()).isFalse();
    }

    @Test
    void badValuesAreErrorsThatNameTheField() {
        ObjectNode gqa = fixtureJson("llama-default");
        gqa.put("num_key_value_heads", 3);
        assertThatThrownBy(() -> ModelConfig.parse(gqa)).hasMessageContaining("num_key_value_heads (3)");

        ObjectNode missing = fixtureJson("llama-default");
        missing.remove("vocab_size");
        assertThatThrownBy(() -> ModelConfig.parse(missing)).hasMessageContaining("missing 'vocab_size'");

        ObjectNode unknownRopeKey = fixtureJson("llama-default");
        ((ObjectNode) unknownRopeKey.get("rope_parameters")).put("short_factor", 1.0);
        assertThatThrownBy(() -> ModelConfig.parse(unknownRopeKey)).hasMessageContaining("'short_factor'");

        ObjectNode act = fixtureJson("llama-default");
        act.put("hidden_act", "gelu");
        assertThatThrownBy(() -> ModelConfig.parse(act)).hasMessageContaining("hidden_act 'gelu'");
    }

    @Test
    void applyToKeepsTheSourceRopeFormAndRecordsNewRopeAndWindow() {
        ModelConfig base = ModelConfig.parse(fixtureJson("llama-default"));
        ModelConfig extended = base.withRope(RopeParameters.defaultRope(2.5e6), 4096);

        ObjectNode v5 = extended.applyTo(fixtureJson("llama-default"));
        assertThat(v5.get("rope_parameters").get("rope_theta").asDouble()).isEqualTo(2.5e6);
        assertThat(v5.get("max_position_embeddings").asInt()).isEqualTo(4096);
        assertThat(v5.has("rope_scaling")).isFalse();
        assertThat(ModelConfig.parse(v5)).isEqualTo(extended);

        ObjectNode v4Source = (ObjectNode) readJson(Fixtures.model("llama-default").resolve("config.v4.json"));
        ObjectNode v4 = extended.applyTo(v4Source);
        assertThat(v4.has("rope_parameters")).isFalse();
        assertThat(v4.get("rope_theta").asDouble()).isEqualTo(2.5e6);
        assertThat(ModelConfig.parse(v4)).isEqualTo(extended);
    }

    static ObjectNode fixtureJson(String name) {
        return (ObjectNode) readJson(Fixtures.model(name).resolve("config.json"));
    }

    static com.fasterxml.jackson.databind.JsonNode readJson(java.nio.file.Path p) {
        try {
            return JSON.readTree(p.toFile());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
