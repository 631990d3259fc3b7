package dev.longrecipe.runtime;

import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Payload;
import dev.longrecipe.schema.events.RerunDirectives;
import dev.longrecipe.schema.events.StageFailed;
import dev.longrecipe.schema.events.StageProgress;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.jboss.logging.Logger;

/**
 * Runs one stage for each consumed message, in plain Java (the Quarkus door only hands records in):
 * <ol>
 *   <li>parse the event (invalid JSON or an unknown schemaVersion is fatal);</li>
 *   <li>skip it when it is halted or the handler does not accept it;</li>
 *   <li>idempotency ({@link Attempts}): a completed and announced attempt of the same event is a duplicate (no-op);
 *       a completed one never announced has its stored completion published; a claimed one is resumed; otherwise a
 *       new attempt is made;</li>
 *   <li>load and validate {@code runs/<run>/spec.json} with the event's overrides <em>before</em> anything is
 *       written (an event for an unknown run creates nothing), claim the attempt, store the attempt's spec.json;</li>
 *   <li>run the handler in a fresh work folder, upload its output folder under the attempt prefix;</li>
 *   <li>write {@code _completed.json}, publish the completion, then write {@code _announced.json}.</li>
 * </ol>
 *
 * <p><b>Failures</b> are split as Debezium does ({@link Failure}):
 * <ul>
 *   <li><em>retriable</em> — S3 or the broker unreachable, timeouts, 5xx, throttling. Each S3 call and each publish
 *       is retried by itself ({@link OutageRetry}: capped exponential backoff with jitter) until the outage budget
 *       is spent, so a passing outage only pauses the attempt and its earlier work (downloaded inputs, uploaded
 *       checkpoints) is kept. Meanwhile readiness is DOWN, {@code longrecipe_stage_waiting{for=…}} is 1 and a
 *       progress message says what is awaited. Past the budget: {@code stage.failed} with {@code retriable=true}
 *       and a reason naming what was unreachable and {@code longrecipe rerun RUN STAGE}, the attempt is marked
 *       failed, and the message is acknowledged <em>without</em> dead-lettering it;</li>
 *   <li><em>fatal</em> — an invalid event or spec, a missing object, a corrupt model, a bug: {@code stage.failed},
 *       the original message parked on the stage's dead-letter topic, acknowledged; once;</li>
 *   <li><em>shutdown</em> — a closed producer or an interrupt while the service stops, or the handler stopping on
 *       {@link #requestStop} ({@link StageStoppedException}): nothing is reported and {@link #handle} throws, so the
 *       message is not acknowledged and is redelivered after the restart (the attempt then resumes).</li>
 * </ul>
 * {@link #handle} also throws when even {@code stage.failed} cannot be published within the budget.
 *
 * <p>Progress goes through a bounded asynchronous queue ({@link ProgressSender}) and never blocks the work.
 *
 * <p>Not thread-safe: one runner handles one message at a time (the stage consumer is ordered).
 */
public final class StageRunner implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StageRunner.class);
    /** Headers on a dead-lettered message (the names SmallRye's own dead-letter queue uses). */
    public static final String DLQ_REASON = "dead-letter-reason";
    public static final String DLQ_TOPIC = "dead-letter-topic";
    public static final String DLQ_PARTITION = "dead-letter-partition";
    public static final String DLQ_OFFSET = "dead-letter-offset";
    public static final String DLQ_STAGE = "dead-letter-stage";
    /** The run named in a {@code stage.failed} for a message that has neither a parsable event nor a key. */
    static final String UNKNOWN_RUN = "unknown";

    private final StageHandler<? extends Payload> handler;
    private final Stage stage;
    private final ObjectStore store;
    private final EventPublisher publisher;
    private final RunnerSettings settings;
    private final StageMetrics metrics;
    private final Attempts attempts;
    private final Outages outages;
    private final ProgressSender progressSender;
    private final ProgressReporter.Channel progress;
    private volatile ProgressReporter current;
    private volatile boolean stopRequested;
    /** Held while a message is handled, so a stopping service can wait for the attempt to save its work. */
    private final ReentrantLock handling = new ReentrantLock();

    /**
     * @param store     the artifact store; the runner (and its handler) use it with each call retried
     * @param publisher sends one message and waits for the broker; the runner retries completions and failure reports,
     *                  and sends progress asynchronously
     */
    public StageRunner(StageHandler<? extends Payload> handler, ObjectStore store, EventPublisher publisher,
            MeterRegistry registry, RunnerSettings settings) {
        this.handler = handler;
        this.stage = handler.stage();
        this.settings = settings;
        this.metrics = new StageMetrics(registry, stage);
        this.outages = new Outages(metrics);
        OutageRetry retry = new OutageRetry(settings.retry(), outages);
        this.store = store.withRetry(retry);
        this.publisher = (topic, key, value, headers) -> retry.call(Dependency.KAFKA,
                "publish a message to '" + topic + "'", () -> {
                    publisher.publish(topic, key, value, headers);
                    return null;
                });
        this.attempts = new Attempts(this.store, stage);
        this.progressSender = new ProgressSender(publisher, metrics, stage.id());
        this.progress = new ProgressReporter.Channel(stage, progressSender, metrics, settings.progressInterval());
        outages.onWaitStarted(wait -> {
            ProgressReporter progress = current;
            if (progress != null) {
                progress.note(wait.describe());
            }
        });
    }

    public Stage stage() {
        return stage;
    }

    public StageMetrics metrics() {
        return metrics;
    }

    /** What the runner is waiting for now (the readiness check reports it). */
    public Outages outages() {
        return outages;
    }

    /** Processes one message; returns what was done. Throws when the message must stay unacknowledged. */
    public Outcome handle(InboundRecord record) {
        handling.lock();
        try {
            if (stopRequested) {
                throw new StageStoppedException(stage.id() + " is stopping: the message at " + record.topic() + "-"
                        + record.partition() + "@" + record.offset() + " is left for the restart");
            }
            return handleWith(handler, record);
        } finally {
            handling.unlock();
        }
    }

    /**
     * The service is stopping (SIGTERM: {@code kubectl delete pod}, a node drain, {@code ./longrecipe down}): the
     * attempt in progress sees {@link StageContext#stopRequested()} and may save its work and throw
     * {@link StageStoppedException}; no new message is started.
     */
    public void requestStop() {
        stopRequested = true;
    }

    /** Waits until no message is being handled, at most {@code grace}; returns whether it is so. */
    public boolean awaitIdle(Duration grace) throws InterruptedException {
        if (handling.tryLock(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            handling.unlock();
            return true;
        }
        return false;
    }

    private <P extends Payload> Outcome handleWith(StageHandler<P> h, InboundRecord record) {
        Event<P> event;
        try {
            // the stage's own topic name picks the payload type (Stage.inputType), so a renamed topic still parses
            event = Events.parse(stage.inputTopic(), record.text());
        } catch (RuntimeException e) {
            return deadLetter(record, null, 0, Failure.of(e));
        }
        EventHeader header = event.header();
        if (header.halt()) {
            LOG.infof("%s: event %s of run %s is halted (its producer ran with stopAfter); acknowledged, no work",
                    stage.id(), header.eventId(), header.runId());
            metrics.skipped();
            return Outcome.HALTED;
        }
        if (!h.accepts(event.payload())) {
            LOG.debugf("%s: event %s of run %s is not for this stage; acknowledged", stage.id(), header.eventId(),
                    header.runId());
            metrics.skipped();
            return Outcome.NOT_ACCEPTED;
        }
        int claimed = 0; // the attempt this event has a claim on, once there is one (only that one is marked failed)
        try {
            Attempts.Decision decision = attempts.decide(header);
            if (decision instanceof Attempts.Duplicate d) {
                LOG.infof("%s: event %s of run %s was handled by attempt %d, whose completion is announced;"
                        + " acknowledged, nothing sent", stage.id(), header.eventId(), header.runId(), d.attempt());
                metrics.duplicate();
                return Outcome.DUPLICATE;
            }
            if (decision instanceof Attempts.Announce a) {
                claimed = a.attempt();
                return announceCompletion(header, a);
            }
            Attempts.Run run = (Attempts.Run) decision;
            if (run.resumed()) {
                claimed = run.attempt();
            }
            RunSpec spec = effectiveSpec(header); // before any write: an unknown run or a bad override creates nothing
            if (!run.resumed()) {
                attempts.claim(header, record.topic(), run.attempt());
                claimed = run.attempt();
            }
            return runAttempt(h, event, run, spec);
        } catch (Exception e) {
            Failure failure = Failure.of(e);
            if (failure.retriable() && Failure.isShutdown(e)) {
                LOG.warnf("%s: stopped while handling event %s of run %s (%s); not acknowledged, so it is"
                        + " redelivered after the restart", stage.id(), header.eventId(), header.runId(),
                        failure.reason());
                throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
            }
            if (failure.retriable()) {
                return unavailable(record, header, claimed, failure);
            }
            LOG.errorf(e, "%s: attempt %d of run %s failed", stage.id(), claimed, header.runId());
            return deadLetter(record, header, claimed, failure);
        }
    }

    private Outcome announceCompletion(EventHeader event, Attempts.Announce a) {
        LOG.infof("%s: attempt %d of run %s completed for event %s but its completion was never announced;"
                + " publishing it now", stage.id(), a.attempt(), event.runId(), event.eventId());
        publisher.publish(stage.outputTopic(), event.runId(), a.completionJson());
        attempts.markAnnounced(event.runId(), a.attempt(), eventIdOf(a.completionJson()));
        metrics.republished();
        return Outcome.REPUBLISHED;
    }

    private static String eventIdOf(String json) {
        try {
            return Json.MAPPER.readTree(json).path("header").path("eventId").asText();
        } catch (IOException e) {
            throw new IllegalStateException("stored completion is not valid JSON (" + e.getMessage()
                    + "); delete its _completed.json and re-run the stage");
        }
    }

    private <P extends Payload> Outcome runAttempt(StageHandler<P> h, Event<P> event, Attempts.Run run,
            RunSpec spec) throws Exception {
        StageAttempt<P> attempt = new StageAttempt<>(stage, event, spec, run.attempt(), run.resumed());
        String runId = attempt.runId();
        LOG.infof("%s: %s attempt %d of run %s for event %s", stage.id(), run.resumed() ? "resuming" : "starting",
                attempt.number(), runId, event.header().eventId());
        store.putText(attempt.prefix() + "spec.json", Json.writePretty(spec));

        ProgressReporter reporter = progress.reporter(runId, attempt.number());
        current = reporter;
        Path scratch = scratchFolders().create(runId, attempt.number());
        try {
            AttemptOutput output = new AttemptOutput(attempt, publisher);
            StageContext<P> ctx = new StageContext<>(attempt, scratch,
                    new StageContext.Services(store, reporter, output, () -> stopRequested));
            Files.createDirectories(ctx.workDir());
            Files.createDirectories(ctx.outputDir());
            Event<?> completion = output.checked(h.run(ctx));
            store.uploadFolder(ctx.outputDir(), attempt.prefix());
            String json = Json.write(completion);
            store.putText(ObjectKeys.completed(runId, stage, attempt.number()), json); // the attempt is now complete
            output.publishJson(json);
            // a duplicate input is now a no-op
            attempts.markAnnounced(runId, attempt.number(), completion.header().eventId());
            metrics.completed();
            reporter.finished(StageProgress.COMPLETED, "attempt " + attempt.number() + " completed");
            LOG.infof("%s: attempt %d of run %s completed", stage.id(), attempt.number(), runId);
            return Outcome.COMPLETED;
        } finally {
            current = null;
            ScratchFolders.delete(scratch);
        }
    }

    private RunSpec effectiveSpec(EventHeader event) {
        String text = store.getText(ObjectKeys.spec(event.runId()), "run '" + event.runId() + "' is unknown: every"
                + " run needs its spec there, so this event names a run that was never submitted (or was deleted);"
                + " check the run id, or submit the run with `longrecipe submit SPEC`");
        RerunDirectives.resumeFromAttempt(event.overrides()); // a malformed directive is refused before any write
        return RunSpecs.parse(text, RerunDirectives.specOverrides(event.overrides()));
    }

    /** Fatal: stage.failed, the message parked on the dead-letter topic, acknowledged. */
    private Outcome deadLetter(InboundRecord record, EventHeader event, int attempt, Failure failure) {
        String runId = event != null ? event.runId() : record.key();
        LOG.warnf("%s: parking message %s-%d@%d on %s: %s", stage.id(), record.topic(), record.partition(),
                record.offset(), stage.deadLetterTopic(), failure.reason());
        if (attempt > 0) {
            markFailed(runId, attempt, failure);
        }
        publishFailed(record, event, attempt, stage.deadLetterTopic(), failure);
        publisher.publish(stage.deadLetterTopic(), record.key(), record.value() == null ? new byte[0] : record.value(),
                Map.of(DLQ_REASON, failure.reason(), DLQ_TOPIC, record.topic(),
                        DLQ_PARTITION, Integer.toString(record.partition()), DLQ_OFFSET, Long.toString(record.offset()),
                        DLQ_STAGE, stage.id()));
        finishProgress(runId, attempt, failure.reason());
        metrics.failed(false);
        return Outcome.FAILED;
    }

    /** Retriable past the outage budget: stage.failed (retriable), the attempt marked failed, no dead letter. */
    private Outcome unavailable(InboundRecord record, EventHeader event, int attempt, Failure failure) {
        String reason = failure.reason() + ". The input was not dead-lettered and the attempt keeps its durable work;"
                + " when the service can reach it again, resume with `longrecipe rerun " + event.runId() + " "
                + stage.id() + "`";
        LOG.errorf("%s: attempt %d of run %s gave up: %s", stage.id(), attempt, event.runId(), reason);
        Failure report = new Failure(reason, true);
        if (attempt > 0) {
            markFailed(event.runId(), attempt, report);
        }
        publishFailed(record, event, attempt, null, report);
        finishProgress(event.runId(), attempt, reason);
        metrics.failed(true);
        return Outcome.UNAVAILABLE;
    }

    private void publishFailed(InboundRecord record, EventHeader event, int attempt, String deadLetterTopic,
            Failure failure) {
        String runId = event != null ? event.runId() : record.key() != null ? record.key() : UNKNOWN_RUN;
        StageFailed failed = StageFailed.builder().stage(stage.id()).inputTopic(record.topic())
                .inputEventId(event != null ? event.eventId() : null).deadLetterTopic(deadLetterTopic)
                .reason(failure.reason()).retriable(failure.retriable()).build();
        publisher.publish(Topics.STAGE_FAILED, record.key(),
                Json.write(new Event<>(EventHeader.of(runId, attempt, Map.of(), false), failed)));
    }

    private void finishProgress(String runId, int attempt, String reason) {
        if (attempt > 0) {
            progress.reporter(runId, attempt).finished(StageProgress.FAILED, reason);
        }
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

    private ScratchFolders scratchFolders() {
        return new ScratchFolders(settings.workRoot(), stage);
    }

    /**
     * Deletes the scratch folders this stage's killed attempts left under the work root (call once at start-up);
     * returns the bytes freed.
     */
    public long cleanDeadScratch() {
        return scratchFolders().cleanDead();
    }

    /** Stops the progress sender thread. */
    @Override
    public void close() {
        progressSender.close();
    }

    static void deleteRecursively(Path dir) {
        ScratchFolders.delete(dir);
    }
}
