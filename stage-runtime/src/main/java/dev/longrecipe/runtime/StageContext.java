package dev.longrecipe.runtime;

import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.PipelineEvent;
import dev.longrecipe.schema.spec.RunSpec;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
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
 * @param <E> the input event type
 */
public final class StageContext<E extends PipelineEvent> {
    private final E event;
    private final RunSpec spec;
    private final int attempt;
    private final String attemptPrefix;
    private final boolean resumed;
    private final Path workDir;
    private final Path outputDir;
    private final ArtifactStore store;
    private final Map<String, Integer> lineage;
    private final ProgressReporter progress;
    private final Consumer<PipelineEvent> intermediatePublisher;
    private final Announcements announcements;
    private final Consumer<PipelineEvent> intermediateCheck;
    private final OptionalInt resumeFromAttempt;

    StageContext(E event, RunSpec spec, int attempt, String attemptPrefix, boolean resumed, Path workDir,
            Path outputDir, ArtifactStore store, Map<String, Integer> lineage, ProgressReporter progress,
            Consumer<PipelineEvent> intermediateCheck, Consumer<PipelineEvent> intermediatePublisher,
            Announcements announcements) {
        this.event = event;
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
        this.resumeFromAttempt = RerunDirectives.resumeFromAttempt(event.overrides());
    }

    /** The input event that claimed this attempt. */
    public E event() {
        return event;
    }

    /** {@code runs/<run>/spec.json} with the input event's overrides applied (also stored as the attempt's spec.json). */
    public RunSpec spec() {
        return spec;
    }

    public String runId() {
        return event.runId();
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

    /** The shared fields of an event published by this attempt, with a fresh event id. */
    public EventHeader header() {
        return new EventHeader(Events.SUPPORTED_VERSION, Events.newId(), event.runId(), Events.now(), attempt,
                lineage, false, Map.of(), false, event.stopAfter());
    }

    /**
     * Builds an event of this attempt: the ten shared fields from {@link #header()}, then {@code payload} in the
     * record's remaining constructor order. E.g. {@code ctx.event(ModelMerged.class, modelKey, baseKey, extendedKey,
     * replayKey, method)}.
     */
    public <T extends PipelineEvent> T event(Class<T> type, Object... payload) {
        RecordComponent[] components = type.getRecordComponents();
        if (components == null || components.length != EventHeader.FIELDS + payload.length) {
            throw new IllegalArgumentException(type.getSimpleName() + " takes " + (components == null ? "?"
                    : components.length - EventHeader.FIELDS) + " payload values after the shared fields ("
                    + (components == null ? "" : Arrays.stream(components).skip(EventHeader.FIELDS)
                            .map(RecordComponent::getName).reduce((a, b) -> a + ", " + b).orElse(""))
                    + ") but " + payload.length + " were given");
        }
        Object[] args = new Object[components.length];
        System.arraycopy(header().values(), 0, args, 0, EventHeader.FIELDS);
        System.arraycopy(payload, 0, args, EventHeader.FIELDS, payload.length);
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(
                    Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
            return constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            throw new IllegalArgumentException("cannot build " + type.getSimpleName() + ": "
                    + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException | IllegalArgumentException e) {
            throw new IllegalArgumentException("cannot build " + type.getSimpleName() + " from payload "
                    + Json.write(payload) + ": " + e.getMessage(), e);
        }
    }

    /**
     * Publishes an intermediate event of this attempt on the stage's output topic now (the trainer's checkpoints);
     * the completion event is the one {@link StageHandler#run} returns.
     */
    public void publish(PipelineEvent intermediate) {
        intermediatePublisher.accept(intermediate);
    }

    /**
     * Announces a durable artifact of this attempt ({@code artifactKey} below {@link #attemptPrefix()}, already
     * complete in S3) on the stage's output topic exactly once: {@code event} is built and published only when the
     * artifact was never announced; one whose announcement an earlier try began but did not finish is published
     * with the stored event (same event id). Call it after the upload, and again on resume for every durable
     * artifact: what was announced stays quiet. Returns whether an event was published.
     */
    public boolean announce(String artifactKey, Supplier<? extends PipelineEvent> event) {
        return announcements.announce(artifactKey, () -> {
            PipelineEvent built = event.get();
            intermediateCheck.accept(built);
            return built;
        });
    }

    /** True when {@code artifactKey}'s announcement was published. */
    public boolean announced(String artifactKey) {
        return announcements.announced(artifactKey);
    }
}
