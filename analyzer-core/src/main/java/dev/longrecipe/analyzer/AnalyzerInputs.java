package dev.longrecipe.analyzer;

import dev.longrecipe.model.llama.ModelFolderCheck;
import dev.longrecipe.schema.ContextWindows;
import dev.longrecipe.schema.CorpusCheck;
import dev.longrecipe.schema.artifact.ArtifactSource;
import dev.longrecipe.schema.artifact.Artifact;
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

    /**
     * The inputs of a run fetched from {@code source}: H, H′ and the corpus (into {@code scratch} when the source
     * copies), each checked — a corrupt model or a corpus that is not UTF-8 fails here, named by its location — and
     * L, L′ worked out ({@link ContextWindows}). Without H′ in the spec nothing is fetched (the "digits" rule).
     */
    public static AnalyzerInputs resolve(RunSpec spec, ArtifactSource source, Path scratch) {
        if (spec.referenceModel() == null) {
            return of(spec, null, null, null);
        }
        Artifact base = source.folder("base model H (baseModel)", spec.baseModel(), scratch.resolve("base"),
                "check baseModel in the run spec");
        Artifact reference = source.folder("reference model H′ (referenceModel)", spec.referenceModel(),
                scratch.resolve("reference"), "check referenceModel in the run spec, or leave it out to use the"
                        + " released code's digits rule");
        Artifact corpus = source.file("corpus", spec.corpus(), scratch, "check corpus in the run spec");
        // what the user gave may be corrupt or lie about its shapes: fail fatally, naming it as the spec does
        ModelFolderCheck.check(base.path(), spec.baseModel(), true);
        ModelFolderCheck.check(reference.path(), spec.referenceModel(), false);
        CorpusCheck.check(corpus.path(), spec.corpus(), "corpus", false); // UTF-8; the reader skips bad lines
        ContextWindows windows = ContextWindows.of(spec, base.path(), base.shown());
        return new AnalyzerInputs(spec.analyzer(), base.path(), reference.path(), corpus.path(),
                windows.contextLength(), windows.targetLength(), spec.trainer() == null ? null
                : spec.trainer().ropeTheta(), spec.trainer() == null ? null : spec.trainer().ropeFactor());
    }

    /** True when the released code's "digits" rule applies (no H′). */
    public boolean digitsRule() {
        return referenceModel == null;
    }
}
