package dev.longrecipe.segmenter.sample;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Per-sample random sources: the seed of sample k of document d is a hash of (run seed, d, k), so any
 * sample can be rebuilt alone, and the output does not depend on thread count or processing order.
 * SplittableRandom's algorithm (SplitMix64) is specified by the JDK, so seeds reproduce across JDKs.
 */
public final class SampleSeeds {

    private SampleSeeds() {
    }

    public static long seed(long runSeed, long documentIndex, int sampleIndex) {
        long h = mix(runSeed ^ 0x4c6f6e6752656369L); // "LongReci"
        h = mix(h + documentIndex);
        return mix(h + sampleIndex);
    }

    public static RandomGenerator random(long runSeed, long documentIndex, int sampleIndex) {
        return new SplittableRandom(seed(runSeed, documentIndex, sampleIndex));
    }

    /** The SplitMix64 finaliser (Stafford variant 13). */
    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
