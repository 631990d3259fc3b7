package dev.longrecipe.evaluator.task;

import java.util.List;
import java.util.SplittableRandom;

/** Fisher-Yates shuffles and draws without replacement from a seeded generator. */
final class Shuffles {
    private Shuffles() {
    }

    static <T> void shuffle(List<T> list, SplittableRandom rng) {
        for (int i = list.size() - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            T tmp = list.get(i);
            list.set(i, list.get(j));
            list.set(j, tmp);
        }
    }

    /**
     * RULER's {@code random.Random(seed).shuffle(x)}: a shuffle by a generator made afresh from one fixed seed, so
     * lists of the same size are always permuted the same way (RULER seeds it with the run seed; here the run seed and
     * the task).
     */
    static <T> void fixedShuffle(List<T> list, long seed) {
        shuffle(list, new SplittableRandom(seed));
    }

    /** {@code k} distinct elements in random order ({@code random.sample}); the list is not changed. */
    static <T> List<T> sample(List<T> from, int k, SplittableRandom rng) {
        if (k > from.size()) {
            throw new IllegalArgumentException("cannot draw " + k + " of " + from.size());
        }
        java.util.ArrayList<T> pool = new java.util.ArrayList<>(from);
        for (int i = 0; i < k; i++) {
            int j = i + rng.nextInt(pool.size() - i);
            T tmp = pool.get(i);
            pool.set(i, pool.get(j));
            pool.set(j, tmp);
        }
        return List.copyOf(pool.subList(0, k));
    }
}
