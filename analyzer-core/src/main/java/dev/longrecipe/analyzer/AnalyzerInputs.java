package dev.longrecipe.analyzer;

import dev.longrecipe.schema.spec.AnalyzerParams;
import dev.longrecipe.schema.spec.RunSpec;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one analysis needs, all local: the run spec's analyzer knobs, the two model folders, the corpus, and what of
 * the run decides H's RoPE and the analysis length.
 *
 * <p>H is the base model as the extension starts from it: its RoPE base raised to θ′ by the trainer's rule
 * ({@link dev.longrecipe.model.config.ExtensionRope}: {@code trainer.ropeTheta}, else the dynamic-NTK rule with
 * s = {@code trainer.ropeFactor}, default L′/L) and its window set to L′. So the analysis compares H′ with the very
 * model the trainer begins from, and differences that raising θ alone explains do not count as learned.
 *
 * @param params         the run spec's {@code analyzer} block
 * @param baseModel      the base model's folder; its {@code tokenizer.json} tokenises the corpus
 * @param referenceModel H′, or {@code null}: then no model runs and the released code's "digits" rule is reported
 * @param corpus         JSONL ({@code {"text": …} per line}, optionally .gz)
 * @param contextLength  the run spec's L, or {@code null} for the base model's max_position_embeddings
 * @param targetLength   the run spec's L′, or {@code null} for 4·L (the spec's default)
 * @param ropeTheta      {@code trainer.ropeTheta}, or {@code null}
 * @param ropeFactor     {@code trainer.ropeFactor}, or {@code null}
 */
public record AnalyzerInputs(AnalyzerParams params, Path baseModel, Path referenceModel, Path corpus,
        Integer contextLength, Integer targetLength, Double ropeTheta, Double ropeFactor) {

    public AnalyzerInputs {
        Objects.requireNonNull(params, "analyzer params");
        if (referenceModel != null) {
            Objects.requireNonNull(baseModel, "base model H is needed when a reference model H′ is given");
            Objects.requireNonNull(corpus, "a corpus is needed when a reference model H′ is given");
        }
    }

    /** The inputs of a run: the spec's analyzer block, L, L′ and the trainer's RoPE overrides, with local paths. */
    public static AnalyzerInputs of(RunSpec spec, Path baseModel, Path referenceModel, Path corpus) {
        return new AnalyzerInputs(spec.analyzer(), baseModel, referenceModel, corpus, spec.contextLength(),
                spec.targetLength(), spec.trainer() == null ? null : spec.trainer().ropeTheta(),
                spec.trainer() == null ? null : spec.trainer().ropeFactor());
    }

    /** True when the released code's "digits" rule applies (no H′). */
    public boolean digitsRule() {
        return referenceModel == null;
    }
}
