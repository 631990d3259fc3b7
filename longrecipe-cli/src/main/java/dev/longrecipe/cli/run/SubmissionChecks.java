package dev.longrecipe.cli.run;

import dev.longrecipe.merger.MergePlan;

import dev.longrecipe.model.llama.ModelFolderCheck;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.schema.CorpusCheck;
import dev.longrecipe.schema.spec.RunSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves and validates every input of a run spec before anything is uploaded, so a bad submission leaves nothing
 * in S3. Local inputs are checked the way the stages will read them ({@link ModelFolderCheck} for model folders,
 * {@link CorpusCheck} for corpora); inputs already in S3 must exist (their content is checked by the stage that
 * downloads them). Every problem found is reported at once, each naming the spec field, the user's path, the
 * problem and the fix.
 */
final class SubmissionChecks {
    /** One input of the spec: a local folder/file to upload, or an S3 key to use as it is. */
    record Input(String field, String location, boolean model, Path local, String key) {
        boolean isLocal() {
            return local != null;
        }
    }

    /** The refusal of a submission: every problem found, one per line. */
    static final class RefusedSubmission extends IllegalArgumentException {
        private final List<String> problems;

        RefusedSubmission(List<String> problems) {
            super("the submission was refused before anything was uploaded:\n  - " + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        List<String> problems() {
            return problems;
        }
    }

    private final ArtifactStore store;
    private final Path base;
    private final List<String> problems = new ArrayList<>();
    private final List<Input> inputs = new ArrayList<>();

    private SubmissionChecks(ArtifactStore store, Path base) {
        this.store = store;
        this.base = base;
    }

    /**
     * @param base the folder relative paths in the spec are relative to (the spec file's folder)
     * @throws RefusedSubmission listing every problem, if any input is unusable
     */
    static List<Input> resolve(ArtifactStore store, Path base, RunSpec spec) {
        SubmissionChecks c = new SubmissionChecks(store, base);
        c.model("baseModel", spec.baseModel(), true);
        c.model("referenceModel", spec.referenceModel(), false);
        c.corpus("corpus", spec.corpus(), true);
        c.corpus("replayCorpus", spec.replayCorpus(), true);
        String haystack = spec.evaluator().haystackCorpus();
        c.corpus("evaluator.haystackCorpus", haystack, haystack != null && CorpusCheck.isJsonlName(haystack));
        String perplexity = spec.evaluator().perplexityCorpus();
        c.corpus("evaluator.perplexityCorpus", perplexity, perplexity != null && CorpusCheck.isJsonlName(perplexity));
        c.merge(spec);
        if (!c.problems.isEmpty()) {
            throw new RefusedSubmission(c.problems);
        }
        return List.copyOf(c.inputs);
    }

    /** The merger's plan and every sweep point's, as the merger will build them: refused now, not hours later. */
    private void merge(RunSpec spec) {
        try {
            MergePlan plan = MergePlan.of(spec.merger(), spec.seed());
            for (double lambdaBase : spec.merger().sweep()) {
                MergePlan.of(plan.method().atBaseShare(spec.merger(), lambdaBase), spec.seed());
            }
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
        }
    }

    private void model(String field, String location, boolean requireTokenizer) {
        if (location == null) {
            return;
        }
        Path local = localPath(location);
        if (local != null && Files.isDirectory(local)) {
            addLocal(new Input(field, location, true, local, null), field + ": ",
                    () -> ModelFolderCheck.check(local, local.toString(), requireTokenizer));
            return;
        }
        if (local != null && Files.exists(local)) {
            problems.add(field + ": " + local + " is a file, not a model folder; give the Hugging Face folder that"
                    + " holds config.json, model.safetensors and tokenizer.json");
            return;
        }
        String key = s3Key(field, location, local, "model folder");
        if (key == null) {
            return;
        }
        String folder = key.endsWith("/") ? key : key + "/";
        if (!store.exists(folder + "config.json")) {
            problems.add(field + ": '" + location + "' is neither a local model folder" + notFoundLocally(local)
                    + " nor a model folder in S3 (no " + folder + "config.json); give a Hugging Face model folder");
            return;
        }
        inputs.add(new Input(field, location, true, null, folder));
    }

    private void corpus(String field, String location, boolean jsonl) {
        if (location == null) {
            return;
        }
        Path local = localPath(location);
        if (local != null && Files.isRegularFile(local)) {
            addLocal(new Input(field, location, false, local, null), "", // CorpusCheck's messages name the field
                    () -> CorpusCheck.check(local, local.toString(), field, jsonl));
            return;
        }
        if (local != null && Files.isDirectory(local)) {
            problems.add(field + ": " + local + " is a folder; give a JSONL file ({\"text\": …} per line, optionally"
                    + " .gz)");
            return;
        }
        String key = s3Key(field, location, local, "file");
        if (key == null) {
            return;
        }
        if (!store.exists(key)) {
            problems.add(field + ": '" + location + "' is neither a local file" + notFoundLocally(local)
                    + " nor an object in S3 (no " + key + "); give a JSONL file ({\"text\": …} per line, optionally"
                    + " .gz)");
            return;
        }
        inputs.add(new Input(field, location, false, null, key));
    }

    /** Adds a local input that {@code check} accepts, else the problem it reports ({@code prefix} + its message). */
    private void addLocal(Input input, String prefix, Runnable check) {
        try {
            check.run();
            inputs.add(input);
        } catch (RuntimeException e) {
            problems.add(prefix + e.getMessage());
        }
    }

    /** The S3 key a non-local location names, or null after recording why it cannot be one. */
    private String s3Key(String field, String location, Path local, String what) {
        try {
            return store.keyOf(location);
        } catch (IllegalArgumentException e) {
            problems.add(field + ": '" + location + "' is not a local " + what + notFoundLocally(local)
                    + ", and not an S3 location either: " + e.getMessage());
            return null;
        }
    }

    private static String notFoundLocally(Path local) {
        return local == null ? "" : " (" + local + " does not exist)";
    }

    /** The local path a location names (relative to the spec's folder), or null for s3:// locations. */
    private Path localPath(String location) {
        if (location.startsWith("s3://")) {
            return null;
        }
        try {
            Path p = Path.of(location);
            return p.isAbsolute() ? p.normalize() : base.resolve(p).normalize();
        } catch (java.nio.file.InvalidPathException e) {
            return null;
        }
    }
}
