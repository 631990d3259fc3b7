package dev.longrecipe.analyzer.delta;

/**
 * Equal-width buckets over token positions 0…length−1 (bucket b holds positions ⌈b·length/B⌉ … ⌈(b+1)·length/B⌉−1).
 * More buckets than positions would leave buckets empty, so the count is capped at {@code length}.
 */
public record PositionBuckets(int length, int count) {

    public PositionBuckets {
        if (length < 2) {
            throw new IllegalArgumentException("analysis length must be at least 2 tokens, got " + length);
        }
        if (count < 1) {
            throw new IllegalArgumentException("need at least one position bucket, got " + count);
        }
        count = Math.min(count, length);
    }

    public int bucketOf(int position) {
        if (position < 0 || position >= length) {
            throw new IllegalArgumentException("position " + position + " is outside 0…" + (length - 1));
        }
        return (int) ((long) position * count / length);
    }

    /** First position of bucket {@code b} (inclusive). */
    public int from(int b) {
        return (int) ceilDiv((long) b * length, count);
    }

    /** Last position of bucket {@code b} (inclusive). */
    public int to(int b) {
        return (int) ceilDiv((long) (b + 1) * length, count) - 1;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }
}
