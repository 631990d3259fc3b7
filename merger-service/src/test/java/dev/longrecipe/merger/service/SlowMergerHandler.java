package dev.longrecipe.merger.service;

import dev.longrecipe.runtime.StageContext;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.ModelMerged;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The real merger preceded by {@link #WORK} of simulated long work (reporting progress as a trainer would), so a
 * merge takes several times longer than the {@code max.poll.interval.ms} of {@link LongStageProfile}.
 * Enabled only by that profile.
 */
@Alternative
@ApplicationScoped
public class SlowMergerHandler implements StageHandler<CheckpointReady> {
    static final Duration WORK = Duration.ofSeconds(12);
    static final AtomicInteger INVOCATIONS = new AtomicInteger();

    @Inject
    MergerHandler merger;

    @Override
    public Stage stage() {
        return merger.stage();
    }

    @Override
    public boolean accepts(CheckpointReady checkpoint) {
        return merger.accepts(checkpoint);
    }

    @Override
    public Event<ModelMerged> run(StageContext<CheckpointReady> ctx) throws Exception {
        INVOCATIONS.incrementAndGet();
        long start = System.nanoTime();
        long end = start + WORK.toNanos();
        for (long now = start; now < end; now = System.nanoTime()) {
            ctx.progress((now - start) / (double) WORK.toNanos(), "long work");
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        return merger.run(ctx);
    }
}
