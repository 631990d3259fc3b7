package dev.longrecipe.draw.sample;

import dev.longrecipe.draw.position.PositionIndexTransform;
import dev.longrecipe.shards.Document;
import dev.longrecipe.shards.SourceSpan;

import java.util.List;
import java.util.random.RandomGenerator;

/**
 * What "longrecipe" and its "Random T" ablation share: both plan and build through {@link SentenceSelection} and
 * differ only in whether anchor types are used.
 */
abstract class SelectionSampleBuilder implements SampleBuilder {

    private final String name;
    private final SentenceSelection selection;

    SelectionSampleBuilder(String name, boolean useAnchors, int sampleLength, int window, int samplesPerDocument,
                           PositionIndexTransform transform) {
        this.name = name;
        this.selection = new SentenceSelection(useAnchors, sampleLength, window, samplesPerDocument, transform);
    }

    @Override
    public List<SourceSpan> plan(Document doc) {
        return selection.plan(doc);
    }

    @Override
    public Sample build(Document doc, SourceSpan span, RandomGenerator rng) {
        return selection.build(doc, span, rng);
    }

    @Override
    public int maxSampleLength() {
        return selection.sampleLength();
    }

    @Override
    public String name() {
        return name;
    }
}
