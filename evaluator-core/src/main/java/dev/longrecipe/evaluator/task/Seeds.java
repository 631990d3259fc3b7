package dev.longrecipe.evaluator.task;

import java.nio.charset.StandardCharsets;

/**
 * Derives an independent, reproducible seed for each sample from the run's seed and the sample's coordinates
 * (task, variant, length, index), so adding a length or a task never changes the samples of the others.
 */
public final class Seeds {
    private Seeds() {
    }

    public static long derive(long seed, Object... parts) {
        long h = mix(seed ^ 0x9E3779B97F4A7C15L);
        for (Object part : parts) {
            for (byte b : String.valueOf(part).getBytes(StandardCharsets.UTF_8)) {
                h = mix(h ^ (b & 0xFF));
            }
            h = mix(h ^ 0x2F); // separator, so ("ab","c") and ("a","bc") differ
        }
        return h;
    }

    /** SplitMix64's finaliser: a bijective 64-bit mix. */
    private static long mix(long z) {
        z = (z + 0x9E3779B97F4A7C15L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
