package dev.longrecipe.model.rope;

/**
 * A RoPE type whose frequencies are computed once, from the config alone: every type but "dynamic", which grows its
 * base with the sequence. They extrapolate unchanged past max_position_embeddings.
 */
abstract class FixedRope implements RopeScaling {
    private final String type;
    private final RopeFrequencies frequencies;

    FixedRope(String type, RopeFrequencies frequencies) {
        this.type = type;
        this.frequencies = frequencies;
    }

    @Override
    public final String type() {
        return type;
    }

    @Override
    public final RopeFrequencies frequencies(long seqLen) {
        return frequencies;
    }
}
