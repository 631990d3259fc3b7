package dev.longrecipe.runtime;

import dev.longrecipe.schema.Topics;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Sends {@code stage.progress} events from one background thread so progress never blocks the work: a report is put
 * on a bounded queue and the caller goes on at once. When the queue is full — the broker is away and each send
 * waits out the producer's {@code max.block.ms} — the event is dropped and counted
 * ({@code longrecipe_stage_progress_dropped_total}); so is one the broker did not take. Progress is a view, not a
 * record: losing some while the broker is away loses nothing of the run.
 */
final class ProgressSender implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ProgressSender.class);
    static final int CAPACITY = 64;

    private record Item(String key, String json, CompletableFuture<Boolean> sent) {
    }

    private final EventPublisher publisher;
    private final StageMetrics metrics;
    private final BlockingQueue<Item> queue = new ArrayBlockingQueue<>(CAPACITY);
    private final Thread thread;
    private volatile boolean closed;
    private boolean failing;

    ProgressSender(EventPublisher publisher, StageMetrics metrics, String stageId) {
        this.publisher = publisher;
        this.metrics = metrics;
        this.thread = new Thread(this::loop, "longrecipe-progress-" + stageId);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues one event; returns at once (false and counted as dropped when the queue is full or closed). */
    boolean send(String key, String json) {
        return offer(new Item(key, json, null));
    }

    /**
     * Queues one event and waits at most {@code max} for the broker to take it (the final COMPLETED/FAILED progress).
     * Returns whether it was sent in time; it may still be sent later.
     */
    boolean sendAndWait(String key, String json, Duration max) {
        Item item = new Item(key, json, new CompletableFuture<>());
        if (!offer(item)) {
            return false;
        }
        try {
            return item.sent().get(max.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    private boolean offer(Item item) {
        if (closed || !queue.offer(item)) {
            metrics.progressDropped();
            return false;
        }
        return true;
    }

    private void loop() {
        while (!closed) {
            Item item;
            try {
                item = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            boolean ok = false;
            try {
                publisher.publish(Topics.STAGE_PROGRESS, item.key(), item.json());
                ok = true;
                if (failing) {
                    LOG.info("progress events are published again");
                    failing = false;
                }
            } catch (RuntimeException e) {
                metrics.progressDropped();
                if (!failing) {
                    LOG.warnf("a progress event was not published (%s); progress events are dropped (and counted in"
                            + " longrecipe_stage_progress_dropped_total) until the broker takes them again",
                            e.getMessage());
                    failing = true;
                }
            }
            if (item.sent() != null) {
                item.sent().complete(ok);
            }
        }
    }

    /** Stops the thread; queued events are dropped. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
    }
}
