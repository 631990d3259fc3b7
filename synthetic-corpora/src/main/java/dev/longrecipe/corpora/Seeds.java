package dev.longrecipe.corpora;

/** Independent seeds per generated line: SplitMix64's finaliser over (corpus seed, line index). */
final class Seeds {
    private Seeds() {
    }

    static long of(long seed, long index) {
        long z = seed ^ 0x436f72706f7261L; // "Corpora"
        for (long v : new long[] {index}) {
            z += 0x9E3779B97F4A7C15L + v;
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            z = z ^ (z >>> 31);
        }
        return z;
    }
}
