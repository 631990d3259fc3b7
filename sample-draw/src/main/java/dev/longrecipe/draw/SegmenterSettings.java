package dev.longrecipe.draw;

import com.fasterxml.jackson.annotation.JsonAlias;
import dev.longrecipe.schema.spec.SegmenterParams;
import dev.longrecipe.draw.anchor.DigitsAnchorRule;
import dev.longrecipe.draw.anchor.PosTypeAnchorRule;
import dev.longrecipe.draw.anchor.TokenIdAnchorRule;
import dev.longrecipe.draw.position.MaxSkipTransform;
import dev.longrecipe.draw.position.PositionTransforms;
import dev.longrecipe.draw.sample.LongRecipeSampleBuilder;
import dev.longrecipe.draw.sample.RandomSentenceSampleBuilder;
import dev.longrecipe.draw.sample.SampleBuilders;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every parameter of a segmenter run: the run spec's segmenter knobs ({@link SegmenterParams}) under the same names,
 * set together by {@link Builder#knobs}, plus what the run resolved (method, L, L′, seed, the analysis' anchors, the
 * model's BOS) and how the work is spread (threads, partition). Recorded in the samples' manifest.json.
 *
 * <p>Validated on construction, every problem listed with its fix. For a run, the spec's validator has already checked
 * the knobs it shares with this record; the checks are kept because benchmarks, tests and a manifest read back build
 * settings without a spec, and they add the cross-checks the spec cannot make: ratio·L′ rounding to a usable sample
 * (L′ is only known once the base model is read), releasedCode with a non-sentence method, max-skip without maxSkip,
 * the analysis' anchor rule and types, threads, partition, coverage buckets and the BOS. Allowed names are the
 * registries' ({@link SampleBuilders#NAMES}, {@link PositionTransforms#NAMES}), tested equal to the spec's lists.
 *
 * @param method             sample builder: longrecipe | longrecipe-random | pose | rpes | flt
 * @param baseWindow         L, the base model's context window (recorded; Ls is derived from L′)
 * @param targetLength       L′, the target window: every position id is in [0, L′)
 * @param ratio              Ls = round(ratio · L′) tokens per sample (paper: 0.3)
 * @param seed               run seed; span k of document d is drawn in epoch e with a seed derived from (seed, d, k, e)
 * @param transform          position index transform: algorithm1 | max-skip
 * @param maxSkip            M for max-skip (gaps uniform in 0…M); −1 = not set (required for max-skip)
 * @param releasedCode       reproduce the released code's behaviours: truncate to Ls, keep non-anchors with
 *                           probability 1 − selectRatio, no fill, contiguous prefix of rt1 ~ U[1, Ls/2] tokens
 * @param selectRatio        released code's select_ratio (0.8 in its scripts)
 * @param anchorRule         pos-types (the analysis report's Universal POS types) | token-ids (its vocabulary ids)
 *                           | digits (released code)
 * @param anchorTypes        anchor Universal POS types for pos-types, e.g. NUM, PRON, AUX
 * @param samplesPerDocument at most this many samples per document; 0 = as many as the document yields
 * @param shardSamples       samples per shard file (manifests written before the knob took the spec's name call it
 *                           samplesPerShard, still read)
 * @param threads            worker threads (output does not depend on it)
 * @param partitionIndex     this worker's partition: it processes documents with index mod partitionCount == partitionIndex
 * @param partitionCount     number of partitions the attempt is split into (1 = all documents here)
 * @param coverageBuckets    number of equal buckets of [0, L′) for the position coverage statistic
 * @param bosTokenId         the base model's BOS token id, or −1 when its inputs start without one; with a BOS every
 *                           sample starts with it at position 0 and the method fills the other Ls − 1 tokens over
 *                           [1, L′). The caller decides it from the model folder ({@code dev.longrecipe.hf.BosToken})
 */
public record SegmenterSettings(String method, int baseWindow, int targetLength, double ratio, long seed,
                                String transform, int maxSkip, boolean releasedCode, double selectRatio,
                                String anchorRule, Set<String> anchorTypes, int samplesPerDocument,
                                @JsonAlias("samplesPerShard") int shardSamples, int threads, int partitionIndex, int partitionCount,
                                int coverageBuckets, int bosTokenId) {

    public SegmenterSettings {
        anchorTypes = Set.copyOf(new TreeSet<>(anchorTypes));
        List<String> problems = new ArrayList<>();
        if (!SampleBuilders.NAMES.contains(method)) {
            problems.add("method '" + method + "' is unknown; valid: " + SampleBuilders.NAMES);
        }
        if (baseWindow < 1) {
            problems.add("baseWindow L must be ≥ 1, found " + baseWindow);
        }
        if (targetLength < 2) {
            problems.add("targetLength L′ must be ≥ 2, found " + targetLength);
        }
        if (!(ratio > 0 && ratio <= 1)) {
            problems.add("ratio must be in (0, 1] (Ls = ratio · L′; the paper uses 0.3), found " + ratio);
        } else if (Math.round(ratio * targetLength) < 1) {
            problems.add("ratio · L′ rounds to 0 tokens; raise ratio or targetLength");
        }
        if (!PositionTransforms.NAMES.contains(transform)) {
            problems.add("transform '" + transform + "' is unknown; valid: " + PositionTransforms.NAMES);
        }
        if (MaxSkipTransform.NAME.equals(transform) && maxSkip < 0) {
            problems.add("transform max-skip needs maxSkip M ≥ 0 (gaps are uniform in 0…M); set maxSkip");
        }
        boolean sentenceMethod = LongRecipeSampleBuilder.NAME.equals(method) || RandomSentenceSampleBuilder.NAME.equals(method);
        if (releasedCode && !sentenceMethod) {
            problems.add("releasedCode applies to longrecipe and longrecipe-random only, not '" + method + "'");
        }
        if (!(selectRatio >= 0 && selectRatio <= 1)) {
            problems.add("selectRatio must be in [0, 1], found " + selectRatio);
        }
        if (LongRecipeSampleBuilder.NAME.equals(method)) {
            if (!PosTypeAnchorRule.NAME.equals(anchorRule) && !DigitsAnchorRule.NAME.equals(anchorRule)
                    && !TokenIdAnchorRule.NAME.equals(anchorRule)) {
                problems.add("anchorRule '" + anchorRule + "' is unknown for longrecipe; valid: [pos-types, token-ids,"
                        + " digits]");
            }
            if (TokenIdAnchorRule.NAME.equals(anchorRule)) {
                if (anchorTypes.isEmpty()) {
                    problems.add("anchorRule token-ids needs anchorTypes (the analysis report's token ids)");
                }
                for (String t : anchorTypes) {
                    try {
                        TokenIdAnchorRule.parse(t);
                    } catch (IllegalArgumentException e) {
                        problems.add(e.getMessage());
                    }
                }
            }
            if (PosTypeAnchorRule.NAME.equals(anchorRule)) {
                if (anchorTypes.isEmpty()) {
                    problems.add("anchorRule pos-types needs anchorTypes (the analysis report's Universal POS types,"
                            + " e.g. NUM, PRON, AUX), or use anchorRule digits");
                }
                for (String t : anchorTypes) {
                    if (!PosTypeAnchorRule.UNIVERSAL_POS.contains(t)) {
                        problems.add("anchor type '" + t + "' is not a Universal POS tag; valid: "
                                + new TreeSet<>(PosTypeAnchorRule.UNIVERSAL_POS));
                    }
                }
            }
        }
        if (samplesPerDocument < 0) {
            problems.add("samplesPerDocument must be ≥ 0 (0 = no cap), found " + samplesPerDocument);
        }
        if (shardSamples < 1) {
            problems.add("shardSamples must be ≥ 1, found " + shardSamples);
        }
        if (threads < 1) {
            problems.add("threads must be ≥ 1, found " + threads);
        }
        if (partitionCount < 1 || partitionIndex < 0 || partitionIndex >= partitionCount) {
            problems.add("partition " + partitionIndex + " of " + partitionCount + " is invalid; need"
                    + " 0 ≤ partitionIndex < partitionCount");
        }
        if (coverageBuckets < 1 || coverageBuckets > targetLength) {
            problems.add("coverageBuckets must be in [1, L′], found " + coverageBuckets);
        }
        if (bosTokenId < -1) {
            problems.add("bosTokenId must be a token id ≥ 0, or −1 for a model without BOS; found " + bosTokenId);
        }
        if (bosTokenId >= 0 && Math.round(ratio * targetLength) < 2) {
            problems.add("ratio · L′ gives fewer than 2 tokens, but a sample of a model with a BOS token needs the BOS"
                    + " and at least one token of text; raise ratio or targetLength");
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid segmenter settings: " + String.join("; ", problems));
        }
    }

    /** Ls, the number of tokens in a sample (FLT samples are L′ long instead). */
    public int sampleLength() {
        return (int) Math.round(ratio * targetLength);
    }

    /** The BOS token every sample starts with, if the model has one. */
    public OptionalInt bos() {
        return bosTokenId >= 0 ? OptionalInt.of(bosTokenId) : OptionalInt.empty();
    }

    /** True if the method selects sentences by anchor (so sentences must be run through the anchor rule). */
    public boolean usesAnchors() {
        return LongRecipeSampleBuilder.NAME.equals(method);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().method(method).baseWindow(baseWindow).targetLength(targetLength).ratio(ratio).seed(seed)
                .transform(transform).maxSkip(maxSkip).releasedCode(releasedCode).selectRatio(selectRatio)
                .anchorRule(anchorRule).anchorTypes(anchorTypes).samplesPerDocument(samplesPerDocument)
                .shardSamples(shardSamples).threads(threads).partition(partitionIndex, partitionCount)
                .coverageBuckets(coverageBuckets).bosTokenId(bosTokenId);
    }

    /**
     * Defaults are the paper's Llama3-8B 8k → 80k setting and the spec's defaults ({@link SegmenterParams}); as a
     * library the builder leaves maxSkip unset (−1), does not cap samples per document and writes smaller shards.
     */
    public static final class Builder {
        private static final SegmenterParams SPEC = SegmenterParams.defaults();
        private String method = LongRecipeSampleBuilder.NAME;
        private int baseWindow = 8192;              // Llama3-8B
        private int targetLength = 81920;           // the paper's 80k target
        private double ratio = SPEC.ratio();
        private long seed = 0;
        private String transform = SPEC.transform();
        private int maxSkip = -1;                   // the paper gives no value: must be chosen for max-skip
        private boolean releasedCode = SPEC.releasedCode();
        private double selectRatio = SPEC.selectRatio();
        private String anchorRule = PosTypeAnchorRule.NAME;
        private Set<String> anchorTypes = Set.of("NUM", "PRON", "AUX"); // the paper's top types (§6.4)
        private int samplesPerDocument = 0;
        private int shardSamples = 64;
        private int threads = Runtime.getRuntime().availableProcessors();
        private int partitionIndex = 0;
        private int partitionCount = 1;
        private int coverageBuckets = 128;
        private int bosTokenId = -1;                // no BOS unless the caller read one from the model folder

        /** The spec's segmenter knobs, each onto the component of the same name. */
        public Builder knobs(SegmenterParams p) {
            return ratio(p.ratio()).transform(p.transform()).maxSkip(p.maxSkip()).releasedCode(p.releasedCode())
                    .selectRatio(p.selectRatio()).samplesPerDocument(p.samplesPerDocument())
                    .shardSamples(p.shardSamples());
        }

        public Builder method(String v) { method = v; return this; }
        public Builder baseWindow(int v) { baseWindow = v; return this; }
        public Builder targetLength(int v) { targetLength = v; return this; }
        public Builder ratio(double v) { ratio = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder transform(String v) { transform = v; return this; }
        public Builder maxSkip(int v) { maxSkip = v; return this; }
        public Builder releasedCode(boolean v) { releasedCode = v; return this; }
        public Builder selectRatio(double v) { selectRatio = v; return this; }
        public Builder anchorRule(String v) { anchorRule = v; return this; }
        public Builder anchorTypes(Set<String> v) { anchorTypes = v; return this; }
        public Builder samplesPerDocument(int v) { samplesPerDocument = v; return this; }
        public Builder shardSamples(int v) { shardSamples = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder partition(int index, int count) { partitionIndex = index; partitionCount = count; return this; }
        public Builder coverageBuckets(int v) { coverageBuckets = v; return this; }
        public Builder bosTokenId(int v) { bosTokenId = v; return this; }
        public Builder bos(OptionalInt v) { bosTokenId = v.orElse(-1); return this; }

        public SegmenterSettings build() {
            return new SegmenterSettings(method, baseWindow, targetLength, ratio, seed, transform, maxSkip, releasedCode,
                    selectRatio, anchorRule, anchorTypes, samplesPerDocument, shardSamples, threads, partitionIndex,
                    partitionCount, coverageBuckets, bosTokenId);
        }
    }
}
