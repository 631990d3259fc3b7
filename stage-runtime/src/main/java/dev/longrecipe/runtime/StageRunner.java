package dev.longrecipe.runtime;

import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.PipelineEvent;
import dev.longrecipe.schema.events.StageFailed;
import dev.longrecipe.schema.events.StageProgress;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Runs one stage for each consumed message, in plain Java (the Quarkus door only hands records in):
 * <ol>
 *   <li>parse the event (invalid JSON or an unknown schemaVersion is fatal);</li>
 *   <li>skip it when it is halted or the handler does not accept it;</li>
 *   <li>idempotency ({@link Attempts}): re-publish a completed attempt's completion, resume a claimed one, or claim
 *       a new attempt;</li>
 *   <li>load {@code runs/<run>/spec.json} with the event's overrides and store it as the attempt's spec.json;</li>
 *   <li>run the handler in a fresh work folder, upload its output folder under the attempt prefix;</li>
 *   <li>write {@code _completed.json} last, then publish the completion on the stage's output topic.</li>
 * </ol>
 * A failure is classified ({@link Failure}): retriable ones are tried again (same attempt) with backoff; then, or at
 * once for fatal ones, {@code stage.failed} is published, the original message is parked on the stage's dead-letter
 * topic and the message is acknowledged, so the service goes on with the next one. Only when even that cannot be
 * published does {@link #handle} throw (the consumer then stops, and the message is redelivered after a restart).
 *
 * <p>Not thread-safe: one runner handles one message at a time (the stage consumer is ordered).
 */
public final class StageRunner {
    private static final Logger LOG = Logger.getLogger(StageRunner.class);
    /** Headers on a dead-lettered message (the names SmallRye's own dead-letter queue uses). */
    public static final String DLQ_REASON = "dead-letter-reason";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";
    public static final String DLQ_STAGE = "dead-letter-stage";

    private final StageHandler<? extends PipelineEvent> handler;
    private final Stage stage;
    private final ArtifactStore store;
    private final EventPublisher publisher;
    private final RunnerSettings settings;
    private final StageMetrics metrics;
    private final Attempts attempts;

    public StageRunner(StageHandler<? extends PipelineEvent> handler, ArtifactStore store, EventPublisher publisher,
            MeterRegistry registry, RunnerSettings settings) {
        this.handler = handler;
        this.stage = handler.stage();
        this.store = store;
        this.publisher = publisher;
        this.settings = settings;
        this.metrics = new StageMetrics(registry, stage);
        this.attempts = new Attempts(store, stage);
    }

    public Stage stage() {
        return stage;
    }

    public StageMetrics metrics() {
        return metrics;
    }

    /** Processes one message; returns what was done. Throws only when a failure could not even be reported. */
    public Outcome handle(InboundRecord record) {
        return handleWith(handler, record);
    }

    private <E extends PipelineEvent> Outcome handleWith(StageHandler<E> h, InboundRecord record) {
        E event;
        try {
            event = parse(h, record);
        } catch (RuntimeException e) {
            return fail(record, null, 0, Failure.of(e));
        }
        if (event.halt()) {
            LOG.infof("%s: event %s of run %s is halted (its producer ran with stopAfter); acknowledged, no work",
                    stage.id(), event.eventId(), event.runId());
            metrics.skipped();
            return Outcome.HALTED;
        }
        if (!h.accepts(event)) {
            LOG.debugf("%s: event %s of run %s is not for this stage; acknowledged", stage.id(), event.eventId(),
                    event.runId());
            metrics.skipped();
            return Outcome.NOT_ACCEPTED;
        }
        int attempt = 0;
        for (int tryNumber = 1; ; tryNumber++) {
            try {
                Attempts.Decision decision = attempts.decide(event);
                if (decision instanceof Attempts.Republish r) {
                    attempt = r.attempt();
                    return republish(event, r);
                }
                Attempts.Run run = (Attempts.Run) decision;
                attempt = run.attempt();
                return runAttempt(h, record, event, run);
            } catch (Exception e) {
                Failure failure = Failure.of(e);
                if (failure.retriable() && tryNumber < settings.maxTries()) {
                    long wait = settings.retryBackoff().toMillis() << (tryNumber - 1);
                    LOG.warnf("%s: try %d of %d of run %s failed (%s); retrying in %d ms", stage.id(), tryNumber,
                            settings.maxTries(), event.runId(), failure.reason(), wait);
                    if (!pause(wait)) {
                        return fail(record, event, attempt, failure);
                    }
                    continue;
                }
                if (!failure.retriable()) {
                    LOG.errorf(e, "%s: attempt %d of run %s failed", stage.id(), attempt, event.runId());
                }
                return fail(record, event, attempt, failure);
            }
        }
    }

    private <E extends PipelineEvent> E parse(StageHandler<E> h, InboundRecord record) {
        // the stage's own topic name picks the event type, so a renamed topic still parses
        Object parsed = Events.parse(stage.inputTopic(), record.text());
        if (!h.inputType().isInstance(parsed)) {
            throw new Events.InvalidEventException("message on '" + record.topic() + "' is a "
                    + parsed.getClass().getSimpleName() + " but the " + stage.id() + " consumes "
                    + h.inputType().getSimpleName());
        }
        return h.inputType().cast(parsed);
    }

    private Outcome republish(PipelineEvent event, Attempts.Republish r) {
        LOG.infof("%s: attempt %d of run %s already completed for event %s; publishing its completion again",
                stage.id(), r.attempt(), event.runId(), event.eventId());
        publisher.publish(stage.outputTopic(), event.runId(), r.completionJson());
        metrics.republished();
        return Outcome.REPUBLISHED;
    }

    private <E extends PipelineEvent> Outcome runAttempt(StageHandler<E> h, InboundRecord record, E event,
            Attempts.Run run) throws Exception {
        String runId = event.runId();
        int attempt = run.attempt();
        String prefix = ObjectKeys.attempt(runId, stage, attempt);
        if (!run.resumed()) {
            attempts.claim(event, record.topic(), attempt);
        }
        LOG.infof("%s: %s attempt %d of run %s for event %s", stage.id(), run.resumed() ? "resuming" : "starting",
                attempt, runId, event.eventId());
        RunSpec spec = effectiveSpec(event);
        store.putText(prefix + "spec.json", Json.writePretty(spec));

        Map<String, Integer> lineage = new HashMap<>(event.lineage());
        lineage.put(stage.id(), attempt);
        ProgressReporter progress = new ProgressReporter(stage, runId, attempt, publisher, metrics,
                settings.progressInterval());
        Path scratch = createScratch(runId, attempt);
        try {
            Path workDir = Files.createDirectories(scratch.resolve("work"));
            Path outputDir = Files.createDirectories(scratch.resolve("output"));
            StageContext<E> ctx = new StageContext<>(event, spec, attempt, prefix, run.resumed(), workDir, outputDir,
                    store, lineage, progress, intermediate -> {
                        check(intermediate, runId, attempt);
                        publisher.publish(stage.outputTopic(), runId, Json.write(intermediate));
                    });
            PipelineEvent completion = h.run(ctx);
            check(completion, runId, attempt);
            store.uploadFolder(outputDir, prefix);
            String json = Json.write(completion);
            store.putText(ObjectKeys.completed(runId, stage, attempt), json); // last: the attempt is now complete
            publisher.publish(stage.outputTopic(), runId, json);
            metrics.completed();
            progress.finished(StageProgress.COMPLETED, "attempt " + attempt + " completed");
            LOG.infof("%s: attempt %d of run %s completed", stage.id(), attempt, runId);
            return Outcome.COMPLETED;
        } finally {
            deleteRecursively(scratch);
        }
    }

    private RunSpec effectiveSpec(PipelineEvent event) {
        String text = store.getText(ObjectKeys.spec(event.runId()),
                "every run needs its spec there; submit the run with `longrecipe submit SPEC` (or check the run id)");
        return RunSpecs.parse(text, event.overrides());
    }

    /** A handler must return (and publish) events of its own output type for this run and attempt. */
    private void check(PipelineEvent produced, String runId, int attempt) {
        Class<?> expected = Events.typeOf(stage.outputTopic());
        if (produced == null || !expected.isInstance(produced) || !runId.equals(produced.runId())
                || produced.attempt() != attempt || !Integer.valueOf(attempt).equals(produced.lineage().get(stage.id()))) {
            throw new IllegalStateException(stage.id() + " handler produced " + (produced == null ? "null"
                    : produced.getClass().getSimpleName() + " for run " + produced.runId() + " attempt "
                    + produced.attempt()) + " but must produce a " + expected.getSimpleName() + " for run " + runId
                    + " attempt " + attempt + "; build it with StageContext.event(...)");
        }
    }

    private Outcome fail(InboundRecord record, PipelineEvent event, int attempt, Failure failure) {
        String runId = event != null ? event.runId() : record.key();
        LOG.warnf("%s: parking message %s-%d@%d on %s: %s", stage.id(), record.topic(), record.partition(),
                record.offset(), stage.deadLetterTopic(), failure.reason());
        if (event != null && attempt > 0) {
            markFailed(runId, attempt, failure);
        }
        StageFailed failed = new StageFailed(StageFailed.SCHEMA_VERSION, Events.newId(), runId, Events.now(),
                stage.id(), attempt, record.topic(), event != null ? event.eventId() : null, stage.deadLetterTopic(),
                failure.reason(), failure.retriable());
        publisher.publish(Topics.STAGE_FAILED, record.key(), Json.write(failed));
        publisher.publish(stage.deadLetterTopic(), record.key(), record.value() == null ? new byte[0] : record.value(),
                Map.of(DLQ_REASON, failure.reason(), DLQ_TOPIC, record.topic(),
                        DLQ_PARTITION, Integer.toString(record.partition()), DLQ_OFFSET, Long.toString(record.offset()),
                        DLQ_STAGE, stage.id()));
        if (event != null && attempt > 0) {
            new ProgressReporter(stage, runId, attempt, publisher, metrics, settings.progressInterval())
                    .finished(StageProgress.FAILED, failure.reason());
        }
        metrics.failed(failure.retriable());
        return Outcome.FAILED;
    }

    /** Best effort: {@code _failed.json} beside the claim tells `status` why the attempt stopped. */
    private void markFailed(String runId, int attempt, Failure failure) {
        try {
            store.putJson(ObjectKeys.attempt(runId, stage, attempt) + "_failed.json",
                    Map.of("reason", failure.reason(), "retriable", failure.retriable(), "failedAt", Events.now()));
        } catch (RuntimeException e) {
            LOG.warnf("could not record the failure of %s attempt %d of run %s: %s", stage.id(), attempt, runId,
                    e.getMessage());
        }
    }

    private Path createScratch(String runId, int attempt) throws IOException {
        Files.createDirectories(settings.workRoot());
        return Files.createTempDirectory(settings.workRoot(), stage.id() + "-" + runId + "-" + attempt + "-");
    }

    private static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warnf("could not delete work folder %s: %s", dir, e.getMessage());
        }
    }
}
