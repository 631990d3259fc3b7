package dev.longrecipe.model.train;

/**
 * A random generator whose whole state is one long (SplitMix64, Steele et al. 2014), so a training checkpoint can
 * store it and a resumed run draws exactly the numbers the uninterrupted run would have drawn.
 */
public final class SeededRandom {
    private long state;

    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** The state to save; {@link #restore(long)} continues the sequence from here. */
    public long state() {
        return state;
    }

    public static SeededRandom restore(long state) {
        return new SeededRandom(state);
    }

    public long nextLong() {
        long z = (state += 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Uniform in [0, bound). */
    public int nextInt(int bound) {
        if (bound <= 0) {
            throw new IllegalArgumentException("bound must be positive but was " + bound);
        }
        return (int) Math.floorMod(nextLong(), (long) bound);
    }

    /** Uniform in [0, 1). */
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }
}
