package dev.longrecipe.draw.sample;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;

/**
 * Per-sample random sources: the draw of span k of document d in epoch e uses a seed that is a hash of
 * (run seed, d, k, e), so any sample of any epoch can be rebuilt alone, every epoch draws afresh, and nothing depends
 * on thread count, processing order or how samples are split into shards. SplittableRandom's algorithm (SplitMix64)
 * is specified by the JDK, so seeds reproduce across JDKs.
 */
public final class SampleSeeds {

    private SampleSeeds() {
    }

    public static long seed(long runSeed, long documentIndex, int spanIndex, long epoch) {
        long h = mix(runSeed ^ 0x4c6f6e6752656369L); // "LongReci"
        h = mix(h + documentIndex);
        h = mix(h + spanIndex);
        return mix(h + epoch);
    }

    public static RandomGenerator random(long runSeed, long documentIndex, int spanIndex, long epoch) {
        return new SplittableRandom(seed(runSeed, documentIndex, spanIndex, epoch));
    }

    /** The SplitMix64 finaliser (Stafford variant 13). */
    static long mix(long z) {
        z += 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
