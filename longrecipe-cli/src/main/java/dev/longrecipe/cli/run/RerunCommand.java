package dev.longrecipe.cli.run;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.PipelineEvent;
import dev.longrecipe.schema.events.RunRequested;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code longrecipe rerun RUN STAGE [--set k=v …]}: publishes the stage's input event again with {@code rerun: true}
 * and the overrides; the stage makes a new attempt and the pipeline continues downstream (unless --stop-after).
 */
@Command(name = "rerun", description = "Re-run one stage of a run as a new attempt, optionally with spec overrides.")
public final class RerunCommand implements Callable<Integer> {
    @Parameters(index = "0", description = "run id")
    String runId;

    @Parameters(index = "1", description = "stage: analyzer, segmenter, trainer, merger or evaluator")
    String stage;

    @Option(names = "--set", description = "override a spec value for this attempt, e.g. --set merger.parameters.lambdaBase=0.3")
    Map<String, String> overrides = new LinkedHashMap<>();

    @Option(names = "--stop-after", description = "do not continue downstream after this stage")
    boolean stopAfter;

    @Override
    public Integer call() {
        try (RunClient client = RunClient.connect(Platform.fromEnvironment())) {
            PipelineEvent event = rerun(client, runId, Stage.parse(stage), overrides, stopAfter);
            System.out.println("published " + Stage.parse(stage).inputTopic() + " for run " + runId + " (event "
                    + event.eventId() + "); follow it with ./longrecipe status " + runId);
        }
        return 0;
    }

    public static PipelineEvent rerun(RunClient client, String runId, Stage stage, Map<String, String> overrides,
            boolean stopAfter) {
        if (!client.store().exists(ObjectKeys.spec(runId))) {
            throw new IllegalArgumentException("run '" + runId + "' does not exist; list runs with ./longrecipe status");
        }
        PipelineEvent input = inputOf(client, runId, stage);
        PipelineEvent rerun = input.asRerun(Events.newId(), overrides, stopAfter);
        client.publish(stage.inputTopic(), runId, rerun);
        return rerun;
    }

    /** The event the stage consumed: the upstream stage's latest completion (a fresh request for the analyzer). */
    private static PipelineEvent inputOf(RunClient client, String runId, Stage stage) {
        if (stage == Stage.ANALYZER) {
            return new RunRequested(RunRequested.SCHEMA_VERSION, Events.newId(), runId, Events.now(), 0, Map.of(),
                    false, Map.of(), false, false, ObjectKeys.spec(runId));
        }
        Stage upstream = Stage.values()[stage.ordinal() - 1];
        int attempt = client.latestCompleted(runId, upstream).orElseThrow(() -> new IllegalArgumentException(
                "the " + upstream.id() + " stage of run '" + runId + "' has no completed attempt, so " + stage.id()
                        + " has no input yet; re-run " + upstream.id() + " first"));
        String json = client.store().getText(ObjectKeys.completed(runId, upstream, attempt));
        return Events.parse(upstream.outputTopic(), json);
    }
}
