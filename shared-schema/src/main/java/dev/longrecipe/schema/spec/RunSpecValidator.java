package dev.longrecipe.schema.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * Checks a defaults-filled spec for values that cannot run; every error names the field, what is wrong and the fix.
 * Names are checked against the lists next to each knob ({@link RunSpec#METHODS}, {@link SegmenterParams#TRANSFORMS}
 * …), the ones the cores' registries are keyed by.
 */
final class RunSpecValidator {
    private final List<SpecError> errors = new ArrayList<>();

    static List<SpecError> validate(RunSpec s) {
        RunSpecValidator v = new RunSpecValidator();
        v.check(s);
        return v.errors;
    }

    private void check(RunSpec s) {
        required("baseModel", s.baseModel(), "the Hugging Face folder of the model to extend, e.g. "
                + "s3://longrecipe/inputs/llama3-8b or a local folder given to `longrecipe submit`");
        required("corpus", s.corpus(), "a JSONL file of long documents ({\"text\": …} per line, optionally .gz)");
        if (s.trainer().replayFraction() > 0) {
            required("replayCorpus", s.replayCorpus(), "a JSONL file of pretraining-like text, or set "
                    + "trainer.replayFraction: 0 to skip the replay phase");
        }
        if (s.runId() != null && !dev.longrecipe.schema.ObjectKeys.isValidRunId(s.runId())) {
            add("runId", "'" + s.runId() + "' is not a valid run id (it must match "
                    + dev.longrecipe.schema.ObjectKeys.RUN_ID_PATTERN + ", so it cannot name a key outside the run)",
                    "use 1-63 lower-case letters, digits and '-', e.g. llama3-80k-1");
        }
        if (s.contextLength() != null) {
            atLeast("contextLength", s.contextLength(), 16, "the base model's window L, e.g. 8192");
        }
        if (s.targetLength() != null) {
            atLeast("targetLength", s.targetLength(), 16, "the window L′ to reach, e.g. 81920");
            if (s.contextLength() != null && s.targetLength() <= s.contextLength()) {
                add("targetLength", s.targetLength() + " is not larger than contextLength " + s.contextLength(),
                        "set targetLength above contextLength (the paper extends 8k to 80k or 128k)");
            }
        }
        oneOf("method", s.method(), RunSpec.METHODS);
        checkAnalyzer(s.analyzer());
        checkSegmenter(s.segmenter());
        checkTrainer(s.trainer());
        checkMerger(s.merger());
        checkEvaluator(s.evaluator(), s);
    }

    private void checkAnalyzer(AnalyzerParams a) {
        atLeast("analyzer.samples", a.samples(), 1, "analyse at least one document");
        if (a.length() != null) {
            atLeast("analyzer.length", a.length(), 2, "tokens per analysis sample, e.g. the base window L");
        }
        fraction("analyzer.topFraction", a.topFraction(), "the paper uses 0.2");
        atLeast("analyzer.positionBuckets", a.positionBuckets(), 1, "e.g. 8");
        oneOf("analyzer.typeSystem", a.typeSystem(), AnalyzerParams.TYPE_SYSTEMS);
        oneOf("analyzer.anchorSelection", a.anchorSelection(), AnalyzerParams.ANCHOR_SELECTIONS);
        if (a.minLift() <= 0) {
            add("analyzer.minLift", a.minLift() + " must be positive", "e.g. 1.2 (20 % above the base rate)");
        }
        atLeast("analyzer.topK", a.topK(), 1, "e.g. 3");
        oneOf("analyzer.weightStorage", a.weightStorage(), AnalyzerParams.WEIGHT_STORAGES);
    }

    private void checkSegmenter(SegmenterParams g) {
        fraction("segmenter.ratio", g.ratio(), "Ls = ratio·L′; the paper uses 0.3");
        oneOf("segmenter.transform", g.transform(), SegmenterParams.TRANSFORMS);
        atLeast("segmenter.maxSkip", g.maxSkip(), 0, "0 gives contiguous positions");
        if (g.selectRatio() < 0 || g.selectRatio() > 1) {
            add("segmenter.selectRatio", g.selectRatio() + " is outside [0, 1]", "the released code uses 0.8");
        }
        atLeast("segmenter.samplesPerDocument", g.samplesPerDocument(), 0, "e.g. 4, or 0 for no limit");
        atLeast("segmenter.shardSamples", g.shardSamples(), 1, "e.g. 256");
    }

    private void checkTrainer(TrainerParams t) {
        phase("trainer.extension", t.extension(), true);
        phase("trainer.replay", t.replay(), false);
        if (t.replayFraction() < 0 || t.replayFraction() > 1) {
            add("trainer.replayFraction", t.replayFraction() + " is outside [0, 1]",
                    "the paper replays 5–10 % of the extension tokens (0.05–0.1); 0 skips replay");
        }
        if (t.replayBlockLength() != null) {
            atLeast("trainer.replayBlockLength", t.replayBlockLength(), 2, "leave it out to use L");
        }
        if (t.ropeTheta() != null && t.ropeTheta() <= 0) {
            add("trainer.ropeTheta", t.ropeTheta() + " must be positive", "leave it out to use the dynamic-NTK rule");
        }
        if (t.ropeFactor() != null && t.ropeFactor() < 1) {
            add("trainer.ropeFactor", t.ropeFactor() + " is below 1", "leave it out to use L′/L");
        }
        atLeast("trainer.checkpointEvery", t.checkpointEvery(), 1, "e.g. 50");
        atLeast("trainer.keepLast", t.keepLast(), 1, "keep at least the last checkpoint");
    }

    private void phase(String field, TrainingPhase p, boolean stepsRequired) {
        if (p.steps() != null) {
            atLeast(field + ".steps", p.steps(), 1, "at least one optimizer step");
        } else if (stepsRequired) {
            add(field + ".steps", "is missing", "give the number of optimizer steps, e.g. 100");
        }
        atLeast(field + ".batchSize", p.batchSize(), 1, "samples per optimizer step, e.g. 8");
        atLeast(field + ".microBatchSize", p.microBatchSize(), 1, "samples per forward pass, e.g. 1");
        if (p.microBatchSize() > 0 && p.batchSize() % p.microBatchSize() != 0) {
            add(field + ".batchSize", p.batchSize() + " is not a multiple of microBatchSize " + p.microBatchSize(),
                    "make batchSize a multiple of microBatchSize");
        }
        if (p.lr() <= 0 || p.lr() > 1) {
            add(field + ".lr", p.lr() + " is outside (0, 1]", "the paper uses 5e-5 (extension) and 5e-6 (replay)");
        }
        oneOf(field + ".schedule", p.schedule(), TrainingPhase.SCHEDULES);
        atLeast(field + ".warmupSteps", p.warmupSteps(), 0, "0 for no warmup");
        if (p.minLrRatio() < 0 || p.minLrRatio() > 1) {
            add(field + ".minLrRatio", p.minLrRatio() + " is outside [0, 1]", "e.g. 0.1");
        }
        if (p.weightDecay() < 0) {
            add(field + ".weightDecay", p.weightDecay() + " is negative", "the paper uses 0.1");
        }
        if (p.beta1() < 0 || p.beta1() >= 1 || p.beta2() < 0 || p.beta2() >= 1) {
            add(field + ".beta1/beta2", "betas must be in [0, 1)", "the paper uses 0.9 and 0.999");
        }
        if (p.eps() <= 0) {
            add(field + ".eps", p.eps() + " must be positive", "the paper uses 1e-8");
        }
        if (p.clipNorm() < 0) {
            add(field + ".clipNorm", p.clipNorm() + " is negative", "e.g. 1.0, or 0 to disable clipping");
        }
    }

    private void checkMerger(MergerParams m) {
        oneOf("merger.method", m.method(), MergerParams.METHODS);
        if (m.models().isEmpty()) {
            add("merger.models", "is empty", "name the models to merge, e.g. {base: {weight: 0.5}, replay: {weight: 0.5}}");
        }
        m.models().keySet().forEach(name -> oneOf("merger.models." + name, name, MergerParams.MODEL_NAMES));
        for (int i = 0; i < m.sweep().size(); i++) {
            Double v = m.sweep().get(i);
            if (v == null || !(v >= 0 && v <= 1)) {
                add("merger.sweep[" + i + "]", v + " is not a share of the base model", "use values in [0, 1]");
            } else if (m.sweep().indexOf(v) != i) {
                add("merger.sweep[" + i + "]", v + " is listed twice", "list each λ_base once");
            }
        }
        if (!(m.sweepMaxPerplexityRise() >= 0) || Double.isInfinite(m.sweepMaxPerplexityRise())) {
            add("merger.sweepMaxPerplexityRise", m.sweepMaxPerplexityRise() + " is not a fraction ≥ 0",
                    "e.g. 0.05: a merged model may be at most 5 % more perplexed than the base");
        }
    }

    private void checkEvaluator(EvaluatorParams e, RunSpec s) {
        if (e.lengths() != null) {
            if (e.lengths().isEmpty()) {
                add("evaluator.lengths", "is empty", "list prompt lengths in tokens, or leave it out for L, 2L, L′");
            }
            for (int i = 0; i < e.lengths().size(); i++) {
                Integer len = e.lengths().get(i);
                if (len == null || len < 32) {
                    add("evaluator.lengths[" + i + "]", len + " is too short for a needle prompt", "use ≥ 32 tokens");
                }
            }
        }
        for (int i = 0; i < e.tasks().size(); i++) {
            oneOf("evaluator.tasks[" + i + "]", e.tasks().get(i), EvaluatorParams.TASKS);
        }
        if (e.models().isEmpty()) {
            add("evaluator.models", "is empty", "list the models to compare, e.g. [base, extended, replay, merged]");
        }
        for (int i = 0; i < e.models().size(); i++) {
            oneOf("evaluator.models[" + i + "]", e.models().get(i), EvaluatorParams.MODELS);
            if (e.models().indexOf(e.models().get(i)) < i) {
                add("evaluator.models[" + i + "]", "'" + e.models().get(i) + "' is listed twice",
                        "name each model once");
            }
        }
        for (String field : List.of("haystackCorpus", "perplexityCorpus")) {
            String value = field.equals("haystackCorpus") ? e.haystackCorpus() : e.perplexityCorpus();
            if (value != null && value.isBlank()) {
                add("evaluator." + field, "is blank", "give a text or JSONL file, or leave it out");
            }
        }
        atLeast("evaluator.samplesPerTask", e.samplesPerTask(), 1, "e.g. 4");
        atLeast("evaluator.depths", e.depths(), 1, "e.g. 5");
        if (e.maxNewTokens() != null) {
            atLeast("evaluator.maxNewTokens", e.maxNewTokens(), 1,
                    "leave it out for RULER's per-task budgets (niah 128, vt 30, cwe 120, fwe 50, qa 32)");
        }
        e.qaDatasets().forEach((task, file) -> {
            oneOf("evaluator.qaDatasets." + task, task, EvaluatorParams.QA_TASKS);
            if (file == null || file.isBlank()) {
                add("evaluator.qaDatasets." + task, "is blank", "give the data set file, or leave " + task + " out");
            }
        });
        atLeast("evaluator.perplexityBuckets", e.perplexityBuckets(), 1, "e.g. 4");
        atLeast("evaluator.batchSize", e.batchSize(), 1, "e.g. 16 (prompts decoded together)");
        oneOf("evaluator.weightStorage", e.weightStorage(), EvaluatorParams.WEIGHT_STORAGES);
    }

    private void required(String field, String value, String fix) {
        if (value == null || value.isBlank()) {
            add(field, "is missing", "give " + fix);
        }
    }

    private void atLeast(String field, long value, long min, String fix) {
        if (value < min) {
            add(field, value + " is below the minimum " + min, fix);
        }
    }

    private void fraction(String field, double value, String fix) {
        if (!(value > 0 && value <= 1)) {
            add(field, value + " is outside (0, 1]", fix);
        }
    }

    private void oneOf(String field, String value, List<String> allowed) {
        if (value == null || !allowed.contains(value)) {
            add(field, "'" + value + "' is not known", "use one of " + String.join(", ", allowed));
        }
    }

    private void add(String field, String problem, String fix) {
        errors.add(new SpecError(field, problem, fix));
    }
}
