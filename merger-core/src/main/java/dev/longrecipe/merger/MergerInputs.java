package dev.longrecipe.merger;

import dev.longrecipe.schema.artifact.ArtifactSource;
import dev.longrecipe.schema.artifact.Provenance;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The model folders one merge reads, local, with where each came from.
 *
 * @param models     name (base, extended, replay) → Hugging Face folder
 * @param provenance where each folder came from: a merge that refuses a model names it by its location
 */
public record MergerInputs(Map<String, Path> models, Provenance provenance) {

    /**
     * Fetches the {@code needed} models (the union of what the merge plans read) from {@code source}, each into
     * {@code scratch/<name>} when the source copies.
     *
     * @param locations name → location of every model the run has (the spec's base model, the trainer's checkpoints)
     * @param fix       what a missing model's error tells the reader to do, by name
     */
    public static MergerInputs resolve(Map<String, String> locations, Collection<String> needed,
                                       Function<String, String> fix, ArtifactSource source, Path scratch) {
        Provenance provenance = new Provenance();
        Map<String, Path> models = new LinkedHashMap<>();
        for (String name : needed) {
            models.put(name, provenance.add(source.folder(name + " model", locations.get(name),
                    scratch.resolve(name), fix.apply(name))));
        }
        return new MergerInputs(models, provenance);
    }
}
