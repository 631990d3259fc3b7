package dev.longrecipe.trainer.data;

import dev.longrecipe.model.train.Batch;
import dev.longrecipe.model.train.CausalLmLoss;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns an optimizer step's samples into model-core micro-batches of {@code microBatchSize} rows. Rows shorter
 * than the longest in their micro-batch are padded on the right (token 0, position 0, label ignored): with causal
 * attention real tokens never see the padding, and padded positions are no targets.
 */
public final class MicroBatches {
    private MicroBatches() {
    }

    public static List<Batch> of(List<TrainingSample> samples, int microBatchSize) {
        List<Batch> out = new ArrayList<>();
        for (int from = 0; from < samples.size(); from += microBatchSize) {
            out.add(padded(samples.subList(from, Math.min(samples.size(), from + microBatchSize))));
        }
        return out;
    }

    static Batch padded(List<TrainingSample> rows) {
        int t = rows.stream().mapToInt(TrainingSample::length).max().orElseThrow();
        int b = rows.size();
        long[] ids = new long[b * t];
        long[] positions = new long[b * t];
        long[] labels = new long[b * t];
        java.util.Arrays.fill(labels, CausalLmLoss.IGNORE_INDEX);
        for (int r = 0; r < b; r++) {
            TrainingSample s = rows.get(r);
            for (int i = 0; i < s.length(); i++) {
                ids[r * t + i] = s.inputIds()[i];
                positions[r * t + i] = s.positionIds()[i];
                labels[r * t + i] = s.inputIds()[i];
            }
        }
        return new Batch(b, t, ids, positions, labels);
    }
}
