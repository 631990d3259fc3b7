package dev.longrecipe.cli.run;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.RunRequested;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code longrecipe submit SPEC}: validates the spec and every input (model folders, tokenizers, corpora) before
 * anything is uploaded, then uploads local inputs to S3 ({@code inputs/<runId>/…}), writes
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

    @Option(names = "--device-memory", paramLabel = "SIZE", defaultValue = "${env:LONGRECIPE_DEVICE_MEMORY}",
            description = "refuse the run if a stage cannot fit a device of this memory, e.g. 80GiB"
                    + " (default: $LONGRECIPE_DEVICE_MEMORY; unset: no check). See ./longrecipe plan")
    String deviceMemory;

    @Override
    public Integer call() throws Exception {
        try (RunClient client = RunClient.connect(Platform.fromEnvironment())) {
            if (deviceMemory != null && !deviceMemory.isBlank()) {
                DeviceFit.check(client.store(), specFile, overrides, deviceMemory);
            }
            String id = submit(client, specFile, runId, overrides);
            System.out.println(id);
        }
        return 0;
    }

    /** Validates, uploads, publishes; returns the run id. */
    public static String submit(RunClient client, Path specFile, String runId, Map<String, String> overrides)
            throws Exception {
        return submit(client.store(), event -> client.publish(Topics.RUN_REQUESTED, event.header().runId(), event), specFile,
                runId, overrides);
    }

    /**
     * Validates the spec and every input ({@link SubmissionChecks}) before the first byte goes to S3; then uploads
     * local inputs under {@code inputs/<runId>/}, writes {@code runs/<runId>/spec.json} and hands the
     * {@code run.requested} event to {@code announce}. An upload that fails half-way removes the folders it uploads
     * to ({@code inputs/<runId>/<field>/}), so a refused or failed submission leaves no inputs of its own and no
     * {@code runs/<runId>/spec.json}.
     */
    public static String submit(ArtifactStore store, Consumer<Event<RunRequested>> announce, Path specFile, String runId,
            Map<String, String> overrides) throws Exception {
        if (!Files.isRegularFile(specFile)) {
            throw new IllegalArgumentException("spec file " + specFile + " does not exist; give the path of a run"
                    + " spec (YAML or JSON), e.g. demo/spec.yaml");
        }
        RunSpec spec = RunSpecs.parse(Files.readString(specFile), overrides);
        String id = runId != null ? runId : spec.runId() != null ? spec.runId()
                : "run-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        ObjectKeys.validateRunId(id);
        if (store.exists(ObjectKeys.spec(id))) {
            throw new IllegalArgumentException("run '" + id + "' already exists: choose another --run-id, or re-run "
                    + "a stage with ./longrecipe rerun " + id + " STAGE");
        }
        List<SubmissionChecks.Input> inputs = SubmissionChecks.resolve(store,
                specFile.toAbsolutePath().getParent(), spec);

        String prefix = "inputs/" + id + "/";
        Map<String, String> located = new LinkedHashMap<>();
        try {
            for (SubmissionChecks.Input in : inputs) {
                located.put(in.field(), Json.write(upload(store, prefix, in)));
            }
            RunSpec resolved = RunSpecs.withOverrides(spec.withRunId(id), located);
            store.putText(ObjectKeys.spec(id), Json.writePretty(resolved));
        } catch (RuntimeException e) {
            for (SubmissionChecks.Input in : inputs) {
                if (in.isLocal()) {
                    removeQuietly(store, prefix + in.field() + "/", e); // only what this submit uploads there
                }
            }
            throw e;
        }
        announce.accept(new Event<>(EventHeader.request(id), new RunRequested(ObjectKeys.spec(id))));
        return id;
    }

    /** Uploads a local input under {@code prefix}; returns the key the stages read it from. */
    private static String upload(ArtifactStore store, String prefix, SubmissionChecks.Input in) {
        if (!in.isLocal()) {
            return in.key();
        }
        if (in.model()) {
            store.uploadFolder(in.local(), prefix + in.field() + "/");
            return prefix + in.field() + "/";
        }
        String key = prefix + in.field() + "/" + in.local().getFileName();
        store.uploadFile(in.local(), key);
        return key;
    }

    private static void removeQuietly(ArtifactStore store, String prefix, RuntimeException cause) {
        try {
            store.deletePrefix(prefix);
        } catch (RuntimeException e) {
            cause.addSuppressed(new IllegalStateException("could not remove the partial upload under " + prefix
                    + "; delete it by hand", e));
        }
    }
}
