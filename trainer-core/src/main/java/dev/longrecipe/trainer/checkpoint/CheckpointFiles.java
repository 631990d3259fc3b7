package dev.longrecipe.trainer.checkpoint;

import dev.longrecipe.model.checkpoint.TrainingCheckpoint;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.llama.ParameterSpec;
import dev.longrecipe.model.train.AdamW;
import dev.longrecipe.schema.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files of one checkpoint folder. The model and optimizer parts are model-core's formats: the Hugging Face
 * model folder itself (config.json with the new RoPE parameters and max_position_embeddings, safetensors in the
 * base model's dtype, tokenizer files copied — what loads in transformers and in model-core) and, for step
 * checkpoints, model-core's {@link TrainingCheckpoint} {@code trainer_state/} (AdamW moments, float32 master
 * weights when the folder's dtype is narrower, optimizer step). This class adds {@code trainer-checkpoint.json}
 * ({@link CheckpointMeta}), the one record of where the phase stood (step, data cursor) and what it depended on.
 * It holds no RNG state because the trainer has none: sample order and per-example resampling are functions of the
 * seeds and the (epoch, sample) index, so the cursor determines every later draw.
 */
public final class CheckpointFiles {
    public static final String META_FILE = "trainer-checkpoint.json";

    private CheckpointFiles() {
    }

    /**
     * Writes a checkpoint into {@code dir} (which must not exist yet).
     *
     * @param optimizer the optimizer whose state to keep, or {@code null} for a final checkpoint (model only)
     */
    public static void write(Path dir, LlamaModel model, AdamW optimizer, CheckpointMeta meta) throws IOException {
        if (optimizer != null) {
            TrainingCheckpoint.save(dir, model, optimizer, model.sourceDtype());
        } else {
            model.saveHfFolder(dir, model.sourceDtype(), null, null);
        }
        Files.writeString(dir.resolve(META_FILE), Json.writePretty(meta));
    }

    public static CheckpointMeta readMeta(Path dir) {
        Path file = dir.resolve(META_FILE);
        try {
            return Json.MAPPER.readValue(Files.readString(file), CheckpointMeta.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (" + e.getMessage() + "); the checkpoint folder"
                    + " is not one this trainer wrote — remove it or use a fresh output folder", e);
        }
    }

    /**
     * Puts a step checkpoint's float32 weights into {@code model} and its moments and step into {@code optimizer},
     * in place and one tensor at a time ({@link TrainingCheckpoint#restoreInto}), so the training model stays the
     * one built from the base folder (whose tokenizer files every later checkpoint copies, while old step folders
     * are deleted) and resuming needs no second model. Where the phase stood is in {@link CheckpointMeta}.
     */
    public static void restore(Path dir, LlamaModel model, AdamW optimizer) {
        TrainingCheckpoint.restoreInto(dir, model, optimizer);
    }
}
