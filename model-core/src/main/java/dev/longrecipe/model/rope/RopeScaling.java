package dev.longrecipe.model.rope;

/**
 * One RoPE type from transformers' {@code modeling_rope_utils.py}. Implementations are registered in
 * {@link RopeScalings}.
 */
public interface RopeScaling {

    /** The {@code rope_type} name in config.json. */
    String type();

    /**
     * Frequencies for a forward pass whose largest position id is {@code seqLen - 1}. Only "dynamic" depends on
     * {@code seqLen} (it grows its base past max_position_embeddings); every other type extrapolates unchanged.
     */
    RopeFrequencies frequencies(long seqLen);
}
