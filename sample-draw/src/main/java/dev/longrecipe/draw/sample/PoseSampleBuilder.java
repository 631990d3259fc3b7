package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import java.util.random.RandomGenerator;

/**
 * PoSE (Zhu et al. 2023) as docs/ALGORITHMS.md §4 specifies, over L′-token windows of the document:
 * rt1 ~ U[1, (Ls+1)/2]; chunk 1 = tokens [0, rt1) at positions [0, rt1); chunk 2 = the Ls − rt1 tokens
 * ending at rt2 ~ U[Ls, n] (n = window length; the text between the chunks is skipped), at positions
 * rt1 + u + j with u ~ U[0, L′ − Ls]. The released LongRecipe code's PoSE (contiguous text, often no
 * skip) is a bug and is not reproduced.
 */
public final class PoseSampleBuilder extends WindowSampleBuilder {

    public static final String NAME = "pose";

    public PoseSampleBuilder(int sampleLength, int window, int samplesPerDocument) {
        super(NAME, sampleLength, window, samplesPerDocument);
    }

    @Override
    public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        int ls = sampleLength;
        int rt1 = 1 + rng.nextInt((ls + 1) / 2);                    // U[1, (Ls+1)/2]
        int rt2 = ls + rng.nextInt(span.length() - ls + 1);         // U[Ls, n]
        int shift = rng.nextInt(window - ls + 1);                   // u ~ U[0, L′ − Ls]
        int[] source = new int[ls];
        int[] positions = new int[ls];
        for (int i = 0; i < rt1; i++) {
            source[i] = span.start() + i;
            positions[i] = i;
        }
        int chunk2Start = span.start() + rt2 - (ls - rt1);
        for (int j = 0; j < ls - rt1; j++) {
            source[rt1 + j] = chunk2Start + j;
            positions[rt1 + j] = rt1 + shift + j;
        }
        return sample(doc, source, positions);
    }
}
