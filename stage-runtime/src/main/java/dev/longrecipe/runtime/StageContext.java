package dev.longrecipe.runtime;

import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Payload;
import dev.longrecipe.schema.spec.RunSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import dev.longrecipe.schema.events.RerunDirectives;

/**
 * Everything a {@link StageHandler} gets for one attempt: the input event, the effective run spec (with the event's
 * overrides applied), the attempt number and its key prefix, fresh local folders, the bucket ({@link ObjectStore}),
 * progress reporting and event building.
 *
 * @param <P> the payload type of the input topic
 */
public final class StageContext<P extends Payload> {
    /**
     * What the runner lends the handler of one attempt: the store (each call retried), progress, the output topic,
     * and whether the service is stopping.
     */
    record Services(ObjectStore store, ProgressReporter progress, AttemptOutput output, BooleanSupplier stopping) {
    }

    private final StageAttempt<P> attempt;
    private final Path scratch;
    private final Services services;
    private final Announcements announcements;

    /** @param scratch the attempt's local folder, holding {@link #workDir()} and {@link #outputDir()} */
    StageContext(StageAttempt<P> attempt, Path scratch, Services services) {
        this.attempt = attempt;
        this.scratch = scratch;
        this.services = services;
        this.announcements = new Announcements(services.store(), attempt.prefix(), services.output()::publishJson);
    }

    /**
     * True once the service is stopping (SIGTERM). A long handler may then save its work where a resumed attempt
     * finds it (the trainer writes a checkpoint) and throw {@link StageStoppedException}: the message stays
     * unacknowledged and the attempt resumes after the restart. A handler that ignores it is stopped with the JVM.
     */
    public boolean stopRequested() {
        return services.stopping().getAsBoolean();
    }

    /** The input event that claimed this attempt. */
    public Event<P> inputEvent() {
        return attempt.input();
    }

    /** The payload of the input event: what the upstream stage made. */
    public P input() {
        return attempt.input().payload();
    }

    /** {@code runs/<run>/spec.json} with the input event's overrides applied (also stored as the attempt's spec.json). */
    public RunSpec spec() {
        return attempt.spec();
    }

    public String runId() {
        return attempt.runId();
    }

    public int attempt() {
        return attempt.number();
    }

    /** {@code runs/<run>/<stage>/<attempt>/}: where this attempt's artifacts go. */
    public String attemptPrefix() {
        return attempt.prefix();
    }

    /**
     * True when this attempt was claimed before by the same event and did not complete (the service stopped
     * mid-run): artifacts a previous try uploaded under {@link #attemptPrefix()} are still there, so long stages
     * resume from their checkpoints.
     */
    public boolean resumed() {
        return attempt.resumed();
    }

    /**
     * The earlier attempt whose durable checkpoints this (new) attempt should start from: set by an operator's
     * {@code longrecipe rerun RUN STAGE} of a failed attempt ({@code rerun.resumeFromAttempt}); empty otherwise.
     */
    public OptionalInt resumeFromAttempt() {
        return RerunDirectives.resumeFromAttempt(attempt.input().header().overrides());
    }

    /** Local scratch folder for downloads and intermediate files; deleted after the attempt. */
    public Path workDir() {
        return scratch.resolve("work");
    }

    /**
     * Local folder whose files are uploaded under {@link #attemptPrefix()} (same relative paths) after
     * {@link StageHandler#run} returns and before the completion marker: {@code outputDir/model/x} becomes
     * {@code <attemptPrefix>model/x}. Deleted after the attempt.
     */
    public Path outputDir() {
        return scratch.resolve("output");
    }

    /** The platform bucket; each call is retried while it is away. */
    public ObjectStore store() {
        return services.store();
    }

    /** The stage's inputs as a source: locations in the platform bucket, downloaded into this attempt's scratch. */
    public S3ArtifactSource source() {
        return new S3ArtifactSource(services.store());
    }

    /** Upstream attempts (from the input event) plus this stage's attempt. */
    public Map<String, Integer> lineage() {
        return attempt.lineage();
    }

    /**
     * Reports progress. The gauge {@code longrecipe_stage_progress} follows every call; a {@code stage.progress}
     * event is published at most once per interval (default 1 s).
     *
     * @param fraction 0..1 of the attempt done
     * @param rate     work per second in {@code rateUnit} (tokens, MB, samples)
     * @param metrics  free-form numbers (step, loss, lr …)
     */
    public void progress(double fraction, double rate, String rateUnit, String message, Map<String, Double> metrics) {
        services.progress().report(fraction, rate, rateUnit, message, metrics);
    }

    public void progress(double fraction, String message) {
        services.progress().report(fraction, 0, "", message, Map.of());
    }

    /**
     * An event of this attempt carrying {@code payload}: a fresh event id, this run and attempt, the lineage (upstream
     * attempts plus this one), and {@code halt} when the input asked to stop after this stage. E.g.
     * {@code ctx.event(ModelMerged.builder().modelKey(…).baseModelKey(…)….build())}.
     */
    public <O extends Payload> Event<O> event(O payload) {
        return new Event<>(EventHeader.of(runId(), attempt(), lineage(), attempt.input().header().stopAfter()),
                payload);
    }

    /**
     * Publishes an intermediate event of this attempt on the stage's output topic now (the trainer's checkpoints);
     * the completion event is the one {@link StageHandler#run} returns.
     */
    public void publish(Event<?> intermediate) {
        services.output().publish(intermediate);
    }

    /**
     * Announces a durable artifact of this attempt ({@code artifactKey} below {@link #attemptPrefix()}, already
     * complete in S3) on the stage's output topic exactly once: {@code event} is built and published only when the
     * artifact was never announced; one whose announcement an earlier try began but did not finish is published
     * with the stored event (same event id). Call it after the upload, and again on resume for every durable
     * artifact: what was announced stays quiet. Returns whether an event was published.
     */
    public boolean announce(String artifactKey, Supplier<? extends Event<?>> event) {
        return announcements.announce(artifactKey, () -> services.output().checked(event.get()));
    }

    /** True when {@code artifactKey}'s announcement was published. */
    public boolean announced(String artifactKey) {
        return announcements.announced(artifactKey);
    }
}
