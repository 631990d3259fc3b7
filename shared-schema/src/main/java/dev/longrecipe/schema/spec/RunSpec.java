package dev.longrecipe.schema.spec;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Everything a run needs, in one document. Inputs (models, corpora) have no defaults; every other knob of the
 * experiment does, and the defaults carry their reasons. Parse with {@link RunSpecs#parse}, which fills defaults and
 * validates.
 *
 * <p>One place per knob: a knob is a component of this record or of one of its sections, the {@code *Params}
 * records ({@link AnalyzerParams}, {@link SegmenterParams}, {@link TrainerParams} with its two {@link TrainingPhase}s,
 * {@link MergerParams}, {@link EvaluatorParams}). Its documentation is the record's {@code @param}, its default is
 * written once in the record's compact constructor (a knob left out, null, takes it), and a knob that names a method
 * takes one of the names listed next to it ({@link #METHODS}, {@link SegmenterParams#TRANSFORMS} …), which the
 * validator checks and the cores' registries are keyed by (each core tests its registry against the list).
 *
 * <p>The configuration layers, by name: <b>Params</b> — the spec's sections, as written by the operator; the stage
 * cores take them as they are, with the same knob names. <b>Settings</b> — a core's complete working configuration
 * when it needs more than its section: the section's knobs under the same names plus what the run resolved (L, L′,
 * the seed, the analysis' anchor types, the model's BOS); segmenter-core's {@code SegmenterSettings}, recorded in the
 * samples' manifest. <b>Inputs</b> — the files and resolved lengths a core works on (model folders, corpora, L and
 * L′), never knobs of their own. <b>Setup</b> — a plan a core derives for one step of its work (the trainer's
 * {@code PhaseSetup}: a phase's params plus its computed step count).
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
 * @param method         how samples are built, one of {@link #METHODS}: longrecipe | longrecipe-random | pose |
 *                       rpes | flt
 * @param seed           the run's seed; every stage derives its own from it
 * @param analyzer       impactful token analysis; absent → every knob at its default
 * @param segmenter      sample building; absent → every knob at its default
 * @param trainer        extension training and replay; absent → every knob at its default
 * @param merger         model merging; absent → every knob at its default
 * @param evaluator      benchmark and perplexity evaluation; absent → every knob at its default
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
        Long seed,
        AnalyzerParams analyzer,
        SegmenterParams segmenter,
        TrainerParams trainer,
        MergerParams merger,
        EvaluatorParams evaluator) {

    /** Sample-building methods; segmenter-core's {@code SampleBuilders} registers one class per name. */
    public static final java.util.List<String> METHODS =
            java.util.List.of("longrecipe", "longrecipe-random", "pose", "rpes", "flt");

    public RunSpec {
        method = method != null ? method : "longrecipe";
        seed = seed != null ? seed : 42L;
        analyzer = analyzer != null ? analyzer : AnalyzerParams.defaults();
        segmenter = segmenter != null ? segmenter : SegmenterParams.defaults();
        trainer = trainer != null ? trainer : TrainerParams.defaults();
        merger = merger != null ? merger : MergerParams.defaults();
        evaluator = evaluator != null ? evaluator : EvaluatorParams.defaults();
    }

    /** Defaults for every knob; inputs are null and must be given. */
    public static RunSpec defaults() {
        return SpecSections.empty(RunSpec.class);
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
