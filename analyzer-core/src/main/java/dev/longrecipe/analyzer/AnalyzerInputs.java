package dev.longrecipe.analyzer;

import dev.longrecipe.schema.spec.AnalyzerParams;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What one analysis needs, all local: the run spec's analyzer knobs, the two model folders and the corpus.
 *
 * @param params         the run spec's {@code analyzer} block
 * @param baseModel      H: a Hugging Face folder; its {@code tokenizer.json} tokenises the corpus
 * @param referenceModel H′, or {@code null}: then no model runs and the released code's "digits" rule is reported
 * @param corpus         JSONL ({@code {"text": …}} per line, optionally .gz)
 * @param contextLength  the run spec's L, or {@code null}; the analysis length is {@code params.length()}, else L,
 *                       else H's max_position_embeddings
 */
public record AnalyzerInputs(AnalyzerParams params, Path baseModel, Path referenceModel, Path corpus,
        Integer contextLength) {

    public AnalyzerInputs {
        Objects.requireNonNull(params, "analyzer params");
        if (referenceModel != null) {
            Objects.requireNonNull(baseModel, "base model H is needed when a reference model H′ is given");
            Objects.requireNonNull(corpus, "a corpus is needed when a reference model H′ is given");
        }
    }

    /** True when the released code's "digits" rule applies (no H′). */
    public boolean digitsRule() {
        return referenceModel == null;
    }
}
