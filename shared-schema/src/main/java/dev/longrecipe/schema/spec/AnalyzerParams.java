package dev.longrecipe.schema.spec;

/**
 * Impactful token analysis (docs/ALGORITHMS.md §1).
 *
 * @param samples          documents compared token by token; 8 keeps analysis minutes, not hours
 * @param length           tokens per analysis input (BOS included); absent → L′ capped at H′'s
 *                         max_position_embeddings: H runs with the extension's RoPE (the trainer's θ′ for L′), so
 *                         the analysis can see what long-context training changed beyond L
 * @param topFraction      share of tokens per position counted as impactful; the paper uses 0.2
 * @param positionBuckets  buckets over the sample length for the frequency and entropy tables
 * @param typeSystem       upos (Universal POS tags of the word a token belongs to) | vocab (token ids)
 * @param anchorSelection  above-base-rate (types whose share among impactful tokens exceeds their share among all
 *                         tokens by {@code minLift}) | top-k (the k types with the largest Δ(τ))
 * @param minLift          ratio impactful share / base share a type needs under above-base-rate
 * @param topK             number of types chosen under top-k
 * @param weightStorage    how H's and H′'s weights are held: float32, or float16 for half the memory (computed in
 *                         float32; the deltas differ only by the weights' float16 rounding)
 */
public record AnalyzerParams(int samples, Integer length, double topFraction, int positionBuckets, String typeSystem,
        String anchorSelection, double minLift, int topK, String weightStorage) {
    public AnalyzerParams {
        weightStorage = weightStorage == null ? "float32" : weightStorage;
    }

    public static AnalyzerParams defaults() {
        return new AnalyzerParams(8, null, 0.2, 8, "upos", "above-base-rate", 1.2, 3, "float32");
    }
}
