package dev.longrecipe.model.rope;

/**
 * Dynamic NTK scaling (bloc97, emozilla), transformers' {@code _compute_dynamic_ntk_parameters}: while the
 * sequence fits in max_position_embeddings the frequencies are the default ones; past it, for
 * seq_len = max(position_ids) + 1, the base grows to
 * {@code theta * (factor * seq_len / max_pos - (factor - 1)) ^ (d / (d - 2))}.
 *
 * <p>transformers caches the grown frequencies and keeps them for later calls with shorter sequences that are
 * still past max_position_embeddings; here each forward pass computes them from its own position ids, so the
 * result depends only on the input (identical to transformers for a fresh model or growing sequences).
 */
public final class DynamicNtkRope implements RopeScaling {
    private final double theta;
    private final int dim;
    private final double factor;
    private final int maxPositionEmbeddings;
    private final RopeFrequencies original;

    public DynamicNtkRope(double theta, int dim, double factor, int maxPositionEmbeddings) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("dynamic RoPE needs a positive 'factor' but got " + factor);
        }
        this.theta = theta;
        this.dim = dim;
        this.factor = factor;
        this.maxPositionEmbeddings = maxPositionEmbeddings;
        this.original = new RopeFrequencies(DefaultRope.inverseFrequencies(theta, dim), 1.0);
    }

    @Override
    public String type() {
        return "dynamic";
    }

    @Override
    public RopeFrequencies frequencies(long seqLen) {
        if (seqLen <= maxPositionEmbeddings) {
            return original;
        }
        return new RopeFrequencies(DefaultRope.inverseFrequencies(grownBase(seqLen), dim), 1.0);
    }

    /** The base used for a sequence of {@code seqLen} tokens (at least max_position_embeddings). */
    public double grownBase(long seqLen) {
        long len = Math.max(seqLen, maxPositionEmbeddings);
        return theta * Math.pow(factor * len / maxPositionEmbeddings - (factor - 1), dim / (dim - 2.0));
    }
}
