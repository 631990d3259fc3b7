package dev.longrecipe.schema.spec;

import java.util.List;

/**
 * Impactful token analysis (docs/ALGORITHMS.md §1). A knob left out of the spec (null) takes the default written in
 * the compact constructor; {@link #defaults()} is what an empty section reads as.
 *
 * @param samples          documents compared token by token; 8 keeps analysis minutes, not hours
 * @param length           tokens per analysis input (BOS included); absent → L′ capped at H′'s
 *                         max_position_embeddings: H runs with the extension's RoPE (the trainer's θ′ for L′), so
 *                         the analysis can see what long-context training changed beyond L
 * @param topFraction      share of tokens per position counted as impactful; the paper uses 0.2
 * @param positionBuckets  buckets over the sample length for the frequency and entropy tables
 * @param typeSystem       one of {@link #TYPE_SYSTEMS}: upos (Universal POS tags of the word a token belongs to) |
 *                         vocab (token ids)
 * @param anchorSelection  one of {@link #ANCHOR_SELECTIONS}: above-base-rate (types whose share among impactful
 *                         tokens exceeds their share among all tokens by {@code minLift}) | top-k (the k types with
 *                         the largest Δ(τ))
 * @param minLift          ratio impactful share / base share a type needs under above-base-rate
 * @param topK             number of types chosen under top-k
 * @param weightStorage    one of {@link #WEIGHT_STORAGES}: how H's and H′'s weights are held: float32, or float16
 *                         for half the memory (computed in float32; the deltas differ only by the weights' float16
 *                         rounding)
 */
public record AnalyzerParams(Integer samples, Integer length, Double topFraction, Integer positionBuckets,
        String typeSystem, String anchorSelection, Double minLift, Integer topK, String weightStorage) {
    /** Token type systems; analyzer-core's {@code TokenTypeSystems} registers one class per name. */
    public static final List<String> TYPE_SYSTEMS = List.of("upos", "vocab");
    /** Anchor type selections; analyzer-core's {@code AnchorSelections} registers one class per name. */
    public static final List<String> ANCHOR_SELECTIONS = List.of("above-base-rate", "top-k");
    /** How model weights are held in memory (analyzer and evaluator). */
    public static final List<String> WEIGHT_STORAGES = List.of("float32", "float16");

    public AnalyzerParams {
        samples = samples != null ? samples : 8;
        topFraction = topFraction != null ? topFraction : 0.2;
        positionBuckets = positionBuckets != null ? positionBuckets : 8;
        typeSystem = typeSystem != null ? typeSystem : "upos";
        anchorSelection = anchorSelection != null ? anchorSelection : "above-base-rate";
        minLift = minLift != null ? minLift : 1.2;
        topK = topK != null ? topK : 3;
        weightStorage = weightStorage != null ? weightStorage : "float32";
    }

    /** Every knob at its default. */
    public static AnalyzerParams defaults() {
        return SpecSections.empty(AnalyzerParams.class);
    }
}
