package dev.longrecipe.cli.run;

import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.RerunDirectives;
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
 * For the trainer, when its latest attempt did not complete (failed, or gave up while S3 or the broker was away),
 * the new attempt resumes from that attempt's durable checkpoints ({@code rerun.resumeFromAttempt}); pass
 * {@code --from-scratch} to train from step 0 instead.
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

    @Option(names = "--from-scratch", description = "trainer: do not resume from the failed attempt's checkpoints"
            + " (resuming is the default)")
    boolean fromScratch;

    @Override
    public Integer call() {
        try (RunClient client = RunClient.connect(Platform.fromEnvironment())) {
            Stage target = Stage.parse(stage);
            Map<String, String> all = withDirectives(client, runId, target, overrides, fromScratch);
            if (all.containsKey(RerunDirectives.RESUME_FROM_ATTEMPT)) {
                System.out.println("the new attempt resumes from the durable checkpoints of attempt "
                        + all.get(RerunDirectives.RESUME_FROM_ATTEMPT) + " (--from-scratch to start over)");
            }
            Event<?> event = rerun(client, runId, target, all, stopAfter);
            System.out.println("published " + Stage.parse(stage).inputTopic() + " for run " + runId + " (event "
                    + event.header().eventId() + "); follow it with ./longrecipe status " + runId);
        }
        return 0;
    }

    public static Event<?> rerun(RunClient client, String runId, Stage stage, Map<String, String> overrides,
            boolean stopAfter) {
        if (!client.store().exists(ObjectKeys.spec(runId))) {
            throw new IllegalArgumentException("run '" + runId + "' does not exist; list runs with ./longrecipe status");
        }
        Event<?> input = inputOf(client, runId, stage);
        Event<?> rerun = input.asRerun(Events.newId(), overrides, stopAfter);
        client.publish(stage.inputTopic(), runId, rerun);
        return rerun;
    }

    /**
     * The overrides of a re-run plus its directives: a trainer re-run resumes from the durable checkpoints of the
     * latest attempt when that one did not complete, unless {@code fromScratch}.
     */
    static Map<String, String> withDirectives(RunClient client, String runId, Stage target,
            Map<String, String> overrides, boolean fromScratch) {
        Map<String, String> all = new LinkedHashMap<>(overrides);
        if (target == Stage.TRAINER && !fromScratch) {
            resumableAttempt(client, runId, target)
                    .ifPresent(n -> all.put(RerunDirectives.RESUME_FROM_ATTEMPT, Integer.toString(n)));
        }
        return all;
    }

    /** The latest attempt of {@code stage} when it did not complete (there is something to resume from). */
    static java.util.Optional<Integer> resumableAttempt(RunClient client, String runId, Stage stage) {
        return client.attempts(runId, stage).stream().max(java.util.Comparator.naturalOrder())
                .filter(n -> !client.store().exists(ObjectKeys.completed(runId, stage, n)));
    }

    /** The event the stage consumed: the upstream stage's latest completion (a fresh request for the analyzer). */
    private static Event<?> inputOf(RunClient client, String runId, Stage stage) {
        if (stage == Stage.ANALYZER) {
            return new Event<>(EventHeader.request(runId), new RunRequested(ObjectKeys.spec(runId)));
        }
        Stage upstream = Stage.values()[stage.ordinal() - 1];
        int attempt = client.latestCompleted(runId, upstream).orElseThrow(() -> new IllegalArgumentException(
                "the " + upstream.id() + " stage of run '" + runId + "' has no completed attempt, so " + stage.id()
                        + " has no input yet; re-run " + upstream.id() + " first"));
        String json = client.store().getText(ObjectKeys.completed(runId, upstream, attempt));
        return Events.parse(upstream.outputTopic(), json);
    }
}
