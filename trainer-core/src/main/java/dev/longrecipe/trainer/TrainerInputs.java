package dev.longrecipe.trainer;

import dev.longrecipe.schema.spec.RunSpec;

import java.nio.file.Path;

/**
 * What one training run reads, all local (the service door downloads them first).
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
}
