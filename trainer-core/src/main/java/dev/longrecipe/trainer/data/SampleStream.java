package dev.longrecipe.trainer.data;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Samples in {@link SampleOrder} from a cursor on, one shard in memory plus the next one being read in the
 * background (prefetch). A shard is loaded for the epoch that visits it, so the samples of the segmenter's shards are
 * drawn afresh for every epoch (in the prefetch thread) and a cursor always finds the same samples. Every sample
 * passes the {@link SampleWindowCheck} before it is handed out.
 */
public final class SampleStream implements AutoCloseable {

    private final SampleOrder order;
    private final ShardLoader loader;
    private final SampleWindowCheck check;
    private final ExecutorService prefetcher;

    private long cursor;
    private long epoch = -1;
    private int shardRank = -1;
    private int[] shardOrder;
    private int[] sampleOrder;
    private List<TrainingSample> current;
    private int sampleRank;
    private Future<List<TrainingSample>> next;
    private long nextEpoch;
    private int nextRank;

    public SampleStream(SampleOrder order, ShardLoader loader, SampleWindowCheck check, long cursor) {
        this.order = order;
        this.loader = loader;
        this.check = check;
        this.cursor = cursor;
        this.prefetcher = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "sample-prefetch");
            t.setDaemon(true);
            return t;
        });
        SampleOrder.Location at = order.locate(cursor);
        open(at.epoch(), at.shardRank());
        sampleRank = at.sampleRank();
    }

    /** Samples consumed so far in this phase (what a checkpoint records). */
    public long cursor() {
        return cursor;
    }

    public TrainingSample next() {
        if (sampleRank == sampleOrder.length) {
            int rank = shardRank + 1;
            long e = epoch;
            if (rank == order.shards().size()) {
                rank = 0;
                e++;
            }
            open(e, rank);
            sampleRank = 0;
        }
        int index = sampleOrder[sampleRank++];
        cursor++;
        return current.get(index);
    }

    private void open(long e, int rank) {
        if (e != epoch) {
            shardOrder = order.shardOrder(e);
        }
        epoch = e;
        shardRank = rank;
        int shardIndex = shardOrder[rank];
        if (next != null && nextEpoch == e && nextRank == rank) {
            current = await(next);
        } else {
            if (next != null) {
                next.cancel(true);
            }
            current = loadChecked(shardIndex, e);
        }
        sampleOrder = order.sampleOrder(e, shardIndex);
        prefetchAfter(e, rank);
    }

    private void prefetchAfter(long e, int rank) {
        long pe = e;
        int pr = rank + 1;
        if (pr == order.shards().size()) {
            pr = 0;
            pe++;
        }
        int shardIndex = order.shardOrder(pe)[pr];
        long epochOfNext = pe;
        nextEpoch = pe;
        nextRank = pr;
        next = prefetcher.submit(() -> loadChecked(shardIndex, epochOfNext));
    }

    private List<TrainingSample> loadChecked(int shardIndex, long epoch) {
        ShardInfo shard = order.shards().get(shardIndex);
        List<TrainingSample> samples = loader.load(shard, epoch);
        if (samples.size() != shard.samples()) {
            throw new InvalidSampleException("sample shard " + shard.file() + " announced " + shard.samples()
                    + " samples but holds " + samples.size() + "; the file is damaged, re-run the segmenter");
        }
        for (int i = 0; i < samples.size(); i++) {
            check.check(samples.get(i), "sample " + i + " of shard " + shard.file() + " (epoch " + epoch + ")");
        }
        return samples;
    }

    private static List<TrainingSample> await(Future<List<TrainingSample>> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading a sample shard", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("reading a sample shard failed: " + e.getCause(), e.getCause());
        }
    }

    @Override
    public void close() {
        if (next != null) {
            next.cancel(true);
        }
        prefetcher.shutdownNow();
    }
}
