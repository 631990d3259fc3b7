package dev.longrecipe.model.rope;

/**
 * What RoPE needs for one forward pass: the inverse frequency of each rotated pair of dimensions and the factor
 * that multiplies cos and sin (transformers' {@code attention_scaling}; 1 except for YaRN).
 *
 * @param inverseFrequencies headDim/2 values, float32 as transformers computes them
 * @param attentionScaling   multiplier of cos and sin
 */
public record RopeFrequencies(float[] inverseFrequencies, double attentionScaling) {
    public RopeFrequencies {
        if (inverseFrequencies == null || inverseFrequencies.length == 0) {
            throw new IllegalArgumentException("inverse frequencies must not be empty");
        }
        if (!(attentionScaling > 0)) {
            throw new IllegalArgumentException("attention scaling must be positive but was " + attentionScaling);
        }
    }
}
