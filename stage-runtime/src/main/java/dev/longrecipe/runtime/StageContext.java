package dev.longrecipe.runtime;

import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Payload;
import dev.longrecipe.schema.spec.RunSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Supplier;
import dev.longrecipe.schema.events.RerunDirectives;

/**
 * Everything a {@link StageHandler} gets for one attempt: the input event, the effective run spec (with the event's
 * overrides applied), the attempt number and its key prefix, fresh local folders, the artifact store, progress
 * reporting and event building.
 *
 * @param <P> the payload type of the input topic
 */
public final class StageContext<P extends Payload> {
    private final Event<P> input;
    private final RunSpec spec;
    private final int attempt;
    private final String attemptPrefix;
    private final boolean resumed;
    private final Path workDir;
    private final Path outputDir;
    private final ArtifactStore store;
    private final Map<String, Integer> lineage;
    private final ProgressReporter progress;
    private final Consumer<Event<?>> intermediatePublisher;
    private final Announcements announcements;
    private final Consumer<Event<?>> intermediateCheck;
    private final OptionalInt resumeFromAttempt;

    StageContext(Event<P> input, RunSpec spec, int attempt, String attemptPrefix, boolean resumed, Path workDir,
            Path outputDir, ArtifactStore store, Map<String, Integer> lineage, ProgressReporter progress,
            Consumer<Event<?>> intermediateCheck, Consumer<Event<?>> intermediatePublisher,
            Announcements announcements) {
        this.input = input;
        this.spec = spec;
        this.attempt = attempt;
        this.attemptPrefix = attemptPrefix;
        this.resumed = resumed;
        this.workDir = workDir;
        this.outputDir = outputDir;
        this.store = store;
        this.lineage = Map.copyOf(lineage);
        this.progress = progress;
        this.intermediatePublisher = intermediatePublisher;
        this.announcements = announcements;
        this.intermediateCheck = intermediateCheck;
        this.resumeFromAttempt = RerunDirectives.resumeFromAttempt(input.header().overrides());
    }

    /** The input event that claimed this attempt. */
    public Event<P> inputEvent() {
        return input;
    }

    /** The payload of the input event: what the upstream stage made. */
    public P input() {
        return input.payload();
    }

    /** {@code runs/<run>/spec.json} with the input event's overrides applied (also stored as the attempt's spec.json). */
    public RunSpec spec() {
        return spec;
    }

    public String runId() {
        return input.header().runId();
    }

    public int attempt() {
        return attempt;
    }

    /** {@code runs/<run>/<stage>/<attempt>/}: where this attempt's artifacts go. */
    public String attemptPrefix() {
        return attemptPrefix;
    }

    /**
     * True when this attempt was claimed before by the same event and did not complete (the service stopped
     * mid-run): artifacts a previous try uploaded under {@link #attemptPrefix()} are still there, so long stages
     * resume from their checkpoints.
     */
    public boolean resumed() {
        return resumed;
    }

    /**
     * The earlier attempt whose durable checkpoints this (new) attempt should start from: set by an operator's
     * {@code longrecipe rerun RUN STAGE} of a failed attempt ({@code rerun.resumeFromAttempt}); empty otherwise.
     */
    public OptionalInt resumeFromAttempt() {
        return resumeFromAttempt;
    }

    /** Local scratch folder for downloads and intermediate files; deleted after the attempt. */
    public Path workDir() {
        return workDir;
    }

    /**
     * Local folder whose files are uploaded under {@link #attemptPrefix()} (same relative paths) after
     * {@link StageHandler#run} returns and before the completion marker: {@code outputDir/model/x} becomes
     * {@code <attemptPrefix>model/x}. Deleted after the attempt.
     */
    public Path outputDir() {
        return outputDir;
    }

    public ArtifactStore store() {
        return store;
    }

    /** The stage's inputs as a source: locations in the platform bucket, downloaded into this attempt's scratch. */
    public S3ArtifactSource source() {
        return new S3ArtifactSource(store);
    }

    /** Upstream attempts (from the input event) plus this stage's attempt. */
    public Map<String, Integer> lineage() {
        return lineage;
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
        progress.report(fraction, rate, rateUnit, message, metrics);
    }

    public void progress(double fraction, String message) {
        progress.report(fraction, 0, "", message, Map.of());
    }

    /**
     * An event of this attempt carrying {@code payload}: a fresh event id, this run and attempt, the lineage (upstream
     * attempts plus this one), and {@code halt} when the input asked to stop after this stage. E.g.
     * {@code ctx.event(ModelMerged.builder().modelKey(…).baseModelKey(…)….build())}.
     */
    public <O extends Payload> Event<O> event(O payload) {
        return new Event<>(EventHeader.of(runId(), attempt, lineage, input.header().stopAfter()), payload);
    }

    /**
     * Publishes an intermediate event of this attempt on the stage's output topic now (the trainer's checkpoints);
     * the completion event is the one {@link StageHandler#run} returns.
     */
    public void publish(Event<?> intermediate) {
        intermediatePublisher.accept(intermediate);
    }

    /**
     * Announces a durable artifact of this attempt ({@code artifactKey} below {@link #attemptPrefix()}, already
     * complete in S3) on the stage's output topic exactly once: {@code event} is built and published only when the
     * artifact was never announced; one whose announcement an earlier try began but did not finish is published
     * with the stored event (same event id). Call it after the upload, and again on resume for every durable
     * artifact: what was announced stays quiet. Returns whether an event was published.
     */
    public boolean announce(String artifactKey, Supplier<? extends Event<?>> event) {
        return announcements.announce(artifactKey, () -> {
            Event<?> built = event.get();
            intermediateCheck.accept(built);
            return built;
        });
    }

    /** True when {@code artifactKey}'s announcement was published. */
    public boolean announced(String artifactKey) {
        return announcements.announced(artifactKey);
    }
}
