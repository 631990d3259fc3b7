package dev.longrecipe.schema.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Everything a run needs, in one document. Inputs (models, corpora) have no defaults; every other knob of the
 * experiment does, and the defaults carry their reasons. Parse with {@link RunSpecs#parse}, which fills defaults and
 * validates.
 *
 * <p>Locations ({@code baseModel}, {@code corpus} …) are {@code s3://bucket/key} or a key in the platform bucket;
 * the CLI uploads local folders and files and rewrites them to keys.
 *
 * @param runId          lower-case id; generated at submission when absent
 * @param baseModel      H: Hugging Face folder of the model to extend
 * @param referenceModel H′: a longer-context model for impactful token analysis; absent → the released code's
 *                       "digits" anchor rule
 * @param corpus         long-document JSONL ({"text": …} per line, optionally .gz) for analysis and samples
 * @param replayCorpus   pretraining-like JSONL for the replay phase (text, or prompt/response pairs)
 * @param contextLength  L, the base model's window; absent → the base model's max_position_embeddings
 * @param targetLength   L′, the window to reach; absent → 4·L
 * @param method         how samples are built: longrecipe | longrecipe-random | pose | rpes | flt
 * @param seed           the run's seed; every stage derives its own from it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record RunSpec(
        String runId,
        String baseModel,
        String referenceModel,
        String corpus,
        String replayCorpus,
        Integer contextLength,
        Integer targetLength,
        String method,
        long seed,
        AnalyzerParams analyzer,
        SegmenterParams segmenter,
        TrainerParams trainer,
        MergerParams merger,
        EvaluatorParams evaluator) {

    /** Sample-building methods; the names are the ones the segmenter registers. */
    public static final java.util.List<String> METHODS =
            java.util.List.of("longrecipe", "longrecipe-random", "pose", "rpes", "flt");

    /** Defaults for every knob; inputs are null and must be given. */
    public static RunSpec defaults() {
        return new RunSpec(null, null, null, null, null, null, null, "longrecipe", 42L,
                AnalyzerParams.defaults(), SegmenterParams.defaults(), TrainerParams.defaults(),
                MergerParams.defaults(), EvaluatorParams.defaults());
    }

    /** L: the spec's value, else the base model's {@code max_position_embeddings}. */
    public int contextLengthOr(int modelMaxPositions) {
        return contextLength != null ? contextLength : modelMaxPositions;
    }

    /** L′ once L is known (spec value, else 4·L). */
    public int targetLengthFor(int resolvedContextLength) {
        return dev.longrecipe.schema.ContextWindows.targetLength(targetLength, resolvedContextLength);
    }

    public RunSpec withRunId(String id) {
        return new RunSpec(id, baseModel, referenceModel, corpus, replayCorpus, contextLength, targetLength, method,
                seed, analyzer, segmenter, trainer, merger, evaluator);
    }
}
