package dev.longrecipe.runtime;

import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.Payload;

/**
 * The one thing a stage service implements: which stage it is, which events it acts on, and the work. Everything
 * else (consuming, idempotency, attempts, run spec, uploads, completion marker, failures, dead-letter, progress
 * and metrics) is done by {@link StageRunner}.
 *
 * @param <P> the payload type of the stage's input topic, {@link Stage#inputType()}
 */
public interface StageHandler<P extends Payload> {
    Stage stage();

    /** Events this stage does no work for (e.g. intermediate checkpoints) are acknowledged and skipped. */
    default boolean accepts(P payload) {
        return true;
    }

    /**
     * Does the stage's work for one attempt and returns its completion event (build it with
     * {@link StageContext#event(Payload)}). Files written below {@link StageContext#outputDir()} are uploaded under the
     * attempt prefix after this returns; the completion marker is written after that.
     */
    Event<?> run(StageContext<P> ctx) throws Exception;
}
