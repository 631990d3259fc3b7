package dev.longrecipe.draw.sample;

import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.shards.Document;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Turns one tokenised document into training samples (docs/ALGORITHMS.md §2–4). Two steps, so that any
 * sample can be rebuilt alone: {@link #plan} picks the source spans without randomness, {@link #build}
 * makes the sample of one span from that sample's own random source ({@link SampleSeeds}).
 * {@link SampleBuilders} is the registry by method name.
 */
public interface SampleBuilder {

    /** The method name ("longrecipe", "pose", …). */
    String name();

    /** Longest sample this builder makes (the shard's maximum sequence length). */
    int maxSampleLength();

    /** The spans of {@code doc} that samples are drawn from, in document order; empty if the document is too short. */
    List<SourceSpan> plan(Document doc);

    /** The sample drawn from {@code span}; may be empty (0 tokens) only for the released-code option. */
    Sample build(Document doc, SourceSpan span, RandomGenerator rng);
}
