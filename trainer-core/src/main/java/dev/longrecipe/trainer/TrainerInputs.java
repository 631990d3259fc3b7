package dev.longrecipe.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.model.llama.ModelFolderCheck;
import dev.longrecipe.schema.ContextWindows;
import dev.longrecipe.schema.CorpusCheck;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.artifact.Artifact;
import dev.longrecipe.schema.artifact.ArtifactSource;
import dev.longrecipe.schema.artifact.Locations;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.draw.SamplesManifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * What one training run reads, all local ({@link #resolve} fetches them through either door's source).
 *
 * @param spec          the run spec; {@code spec.trainer()} holds every training knob
 * @param baseModelDir  H: Hugging Face folder (config.json, safetensors, tokenizer.json for the replay corpus)
 * @param samplesDir    the segmenter's output: {@code shard-NNNNN.bin} sample shards
 * @param replayCorpus  JSONL replay corpus; may be {@code null} when {@code trainer.replayFraction} is 0
 * @param contextLength L, the base model's window
 * @param targetLength  L′, the window to reach (sample positions must lie in [0, L′))
 */
public record TrainerInputs(RunSpec spec, Path baseModelDir, Path samplesDir, Path replayCorpus, int contextLength,
                            int targetLength) {
    public TrainerInputs {
        if (spec == null || spec.trainer() == null) {
            throw new IllegalArgumentException("a run spec with trainer parameters is required");
        }
        if (baseModelDir == null || samplesDir == null) {
            throw new IllegalArgumentException("the base model folder and the samples folder are required");
        }
        if (contextLength <= 0 || targetLength <= 0) {
            throw new IllegalArgumentException("L and L′ must be positive but were L=" + contextLength + ", L′="
                    + targetLength);
        }
        if (targetLength < contextLength) {
            throw new IllegalArgumentException("the target window L′=" + targetLength + " is shorter than the base"
                    + " window L=" + contextLength + "; set targetLength ≥ contextLength in the run spec");
        }
        if (spec.trainer().replayFraction() > 0 && replayCorpus == null) {
            throw new IllegalArgumentException("trainer.replayFraction is " + spec.trainer().replayFraction()
                    + " but no replay corpus was given; set replayCorpus in the run spec, or replayFraction to 0");
        }
    }

    /**
     * The inputs of a run fetched from {@code source}: the base model (checked: a corrupt one fails here, named by
     * its location), the segmenter's manifest and the shards it lists (they sit next to it), and — when
     * {@code trainer.replayFraction} > 0 — the replay corpus (checked as UTF-8); L and L′ from
     * {@link ContextWindows}.
     *
     * @param samplesManifest the segmenter's manifest.json location (the samples.ready event's, or a local folder's)
     */
    public static TrainerInputs resolve(RunSpec spec, ArtifactSource source, String samplesManifest, Path scratch) {
        Artifact base = source.folder("base model (baseModel)", spec.baseModel(), scratch.resolve("base"),
                "check baseModel in the run spec (a Hugging Face folder)");
        ModelFolderCheck.check(base.path(), spec.baseModel(), false); // corrupt or lying: fatal, naming the location
        Path samples = samples(source, samplesManifest, scratch.resolve("samples"));
        Path replay = null;
        if (spec.trainer().replayFraction() > 0) {
            Artifact corpus = source.file("replay corpus (replayCorpus)", spec.replayCorpus(), scratch,
                    "check replayCorpus in the run spec, or set trainer.replayFraction to 0");
            CorpusCheck.check(corpus.path(), spec.replayCorpus(), "replayCorpus", false); // UTF-8 (lines: the reader)
            replay = corpus.path();
        }
        ContextWindows windows = ContextWindows.of(spec, base.path(), base.shown());
        return new TrainerInputs(spec, base.path(), samples, replay, windows.contextLength(), windows.targetLength());
    }

    /** The manifest and every shard it lists, in one local folder; returns that folder. */
    private static Path samples(ArtifactSource source, String manifestLocation, Path scratch) {
        String fix = "re-run the segmenter; the samples' manifest it names is not there";
        Path manifest = source.file("samples manifest", manifestLocation, scratch, fix).path();
        JsonNode shards;
        try {
            shards = Json.MAPPER.readTree(manifest.toFile()).path("shards");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the samples' manifest " + manifestLocation + ": "
                    + e.getMessage(), e);
        }
        Path dir = manifest.getParent();
        for (JsonNode shard : shards) {
            String file = shard.path("file").asText();
            source.file("sample shard", Locations.child(Locations.parent(manifestLocation), file), dir, fix);
        }
        return dir;
    }

    /** The manifest's location inside a samples folder. */
    public static String manifestIn(String samplesFolder) {
        return Locations.child(samplesFolder, SamplesManifest.FILE);
    }
}
