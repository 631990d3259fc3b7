package dev.longrecipe.segmenter;

import dev.longrecipe.schema.ContextWindows;
import dev.longrecipe.schema.CorpusCheck;
import dev.longrecipe.schema.artifact.Artifact;
import dev.longrecipe.schema.artifact.ArtifactSource;
import dev.longrecipe.schema.artifact.Locations;
import dev.longrecipe.schema.artifact.Provenance;
import dev.longrecipe.schema.spec.RunSpec;
import java.nio.file.Path;

/**
 * What one segmentation reads, all local: the corpus, the base model's tokenizer.json, the folder whose
 * config/tokenizer files say whether samples start with BOS ({@code BosToken}), and the run's windows.
 *
 * @param corpus      JSONL corpus ({@code {"text": …}} per line, optionally .gz)
 * @param tokenizer   the base model's tokenizer.json
 * @param modelFolder the folder holding the base model's config.json, tokenizer.json and (when it has one)
 *                    tokenizer_config.json
 * @param windows     L and L′
 * @param provenance  where each input came from, for errors that name a local copy
 */
public record SegmenterInputs(Path corpus, Path tokenizer, Path modelFolder, ContextWindows windows,
                              Provenance provenance) {

    /** Files of the base model the segmenter reads (tokenizer_config.json only when the model has one). */
    private static final String CONFIG = "config.json";
    private static final String TOKENIZER = "tokenizer.json";
    private static final String TOKENIZER_CONFIG = "tokenizer_config.json";

    /**
     * Fetches the corpus (checked as UTF-8: a corpus that is not fails here, named by its location) and the base
     * model's config, tokenizer and tokenizer config from {@code source}; L and L′ from {@link ContextWindows}.
     */
    public static SegmenterInputs resolve(RunSpec spec, ArtifactSource source, Path scratch) {
        Provenance provenance = new Provenance();
        Path modelDir = scratch.resolve("model");
        String fix = "check baseModel in the run spec (a Hugging Face folder with config.json and tokenizer.json)";
        Artifact config = source.file("base model's config.json", Locations.child(spec.baseModel(), CONFIG),
                modelDir, fix);
        Path tokenizer = provenance.add(source.file("base model's tokenizer.json",
                Locations.child(spec.baseModel(), TOKENIZER), modelDir, fix));
        String tokenizerConfig = Locations.child(spec.baseModel(), TOKENIZER_CONFIG);
        if (source.exists(tokenizerConfig)) { // says whether inputs start with BOS (BosToken)
            source.file("base model's tokenizer_config.json", tokenizerConfig, modelDir, fix);
        }
        Artifact corpus = source.file("corpus", spec.corpus(), scratch, "check corpus in the run spec");
        provenance.add(corpus);
        // not UTF-8: fatal, naming the location (malformed lines are skipped and counted by the segmenter itself)
        CorpusCheck.check(corpus.path(), spec.corpus(), "corpus", false);
        Path folder = config.path().getParent();
        ContextWindows windows = ContextWindows.of(spec, folder, Locations.parent(config.shown()));
        return new SegmenterInputs(corpus.path(), tokenizer, folder, windows, provenance);
    }
}
