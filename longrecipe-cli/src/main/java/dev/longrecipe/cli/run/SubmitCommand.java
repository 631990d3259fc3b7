package dev.longrecipe.cli.run;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.RunRequested;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code longrecipe submit SPEC}: validates the spec, uploads local inputs to S3 ({@code inputs/<runId>/…}), writes
 * {@code runs/<runId>/spec.json} and publishes {@code run.requested}.
 */
@Command(name = "submit", description = "Validate a run spec (YAML/JSON), upload its local inputs and start the run.")
public final class SubmitCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run spec file (YAML or JSON)")
    Path specFile;

    @Option(names = "--run-id", description = "run id (default: the spec's runId, else run-<date-time>)")
    String runId;

    @Option(names = "--set", description = "override a spec value, e.g. --set segmenter.ratio=0.5")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        try (RunClient client = RunClient.connect(Platform.fromEnvironment())) {
            String id = submit(client, specFile, runId, overrides);
            System.out.println(id);
        }
        return 0;
    }

    /** Validates, uploads, publishes; returns the run id. */
    public static String submit(RunClient client, Path specFile, String runId, Map<String, String> overrides)
            throws Exception {
        if (!Files.isRegularFile(specFile)) {
            throw new IllegalArgumentException("spec file " + specFile + " does not exist");
        }
        RunSpec spec = RunSpecs.parse(Files.readString(specFile), overrides);
        String id = runId != null ? runId : spec.runId() != null ? spec.runId()
                : "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        ObjectKeys.validateRunId(id);
        if (client.store().exists(ObjectKeys.spec(id))) {
            throw new IllegalArgumentException("run '" + id + "' already exists: choose another --run-id, or re-run "
                    + "a stage with ./longrecipe rerun " + id + " STAGE");
        }
        Path base = specFile.toAbsolutePath().getParent();
        InputUploader up = new InputUploader(client.store(), base, "inputs/" + id + "/");
        Map<String, String> located = new LinkedHashMap<>();
        located.put("baseModel", up.model("baseModel", spec.baseModel()));
        located.put("referenceModel", up.model("referenceModel", spec.referenceModel()));
        located.put("corpus", up.file("corpus", spec.corpus()));
        located.put("replayCorpus", up.file("replayCorpus", spec.replayCorpus()));
        located.put("evaluator.haystackCorpus", up.file("evaluator.haystackCorpus", spec.evaluator().haystackCorpus()));
        located.put("evaluator.perplexityCorpus", up.file("evaluator.perplexityCorpus",
                spec.evaluator().perplexityCorpus()));
        located.values().removeIf(v -> v == null);
        located.replaceAll((k, v) -> Json.write(v));
        RunSpec resolved = RunSpecs.withOverrides(spec.withRunId(id), located);
        client.store().putText(ObjectKeys.spec(id), Json.writePretty(resolved));
        client.publish(Topics.RUN_REQUESTED, id, new RunRequested(RunRequested.SCHEMA_VERSION, Events.newId(), id,
                Events.now(), 0, Map.of(), false, Map.of(), false, false, ObjectKeys.spec(id)));
        return id;
    }

    /** Local paths become keys under {@code inputs/<runId>/}; keys and s3:// locations must already exist. */
    private record InputUploader(ArtifactStore store, Path base, String prefix) {
        String model(String field, String location) {
            if (location == null) {
                return null;
            }
            Path local = resolve(location);
            if (local != null && Files.isDirectory(local)) {
                store.uploadFolder(local, prefix + field + "/");
                return prefix + field + "/";
            }
            String key = store.keyOf(location);
            String folder = key.endsWith("/") ? key : key + "/";
            if (!store.exists(folder + "config.json")) {
                throw new IllegalArgumentException(field + ": '" + location + "' is neither a local model folder nor"
                        + " a model folder in S3 (no " + folder + "config.json); give a Hugging Face folder");
            }
            return folder;
        }

        String file(String field, String location) {
            if (location == null) {
                return null;
            }
            Path local = resolve(location);
            if (local != null && Files.isRegularFile(local)) {
                String key = prefix + field + "/" + local.getFileName();
                store.uploadFile(local, key);
                return key;
            }
            String key = store.keyOf(location);
            if (!store.exists(key)) {
                throw new IllegalArgumentException(field + ": '" + location + "' is neither a local file nor an "
                        + "object in S3; give a JSONL file ({\"text\": …} per line, optionally .gz)");
            }
            return key;
        }

        private Path resolve(String location) {
            if (location.startsWith("s3://")) {
                return null;
            }
            Path p = Path.of(location);
            return p.isAbsolute() ? p : base.resolve(p).normalize();
        }
    }
}
