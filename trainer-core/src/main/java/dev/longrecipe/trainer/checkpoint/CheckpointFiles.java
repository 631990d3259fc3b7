package dev.longrecipe.trainer.checkpoint;

import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.hf.SafetensorsWriter;
import dev.longrecipe.hf.TensorSpec;
import dev.longrecipe.model.checkpoint.HfFolderWriter;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.llama.ParameterSpec;
import dev.longrecipe.model.train.AdamW;
import dev.longrecipe.schema.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The files of one checkpoint folder: the Hugging Face model folder itself (config.json with the new RoPE
 * parameters and max_position_embeddings, safetensors in the base model's dtype, tokenizer files copied — what
 * loads in transformers and in model-core), {@code trainer-checkpoint.json} ({@link CheckpointMeta}) and, for step
 * checkpoints, {@code optimizer.safetensors}: AdamW moments ({@code exp_avg/<name>}, {@code exp_avg_sq/<name>}),
 * float32 master weights ({@code master/<name>}) when the model folder's dtype is narrower, and the optimizer step
 * in the metadata. Together they make a resumed run bit-identical to an uninterrupted one.
 */
public final class CheckpointFiles {
    public static final String META_FILE = "trainer-checkpoint.json";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";

    private CheckpointFiles() {
    }

    /**
     * Writes a checkpoint into {@code dir} (which must not exist yet).
     *
     * @param optimizer the optimizer whose state to keep, or {@code null} for a final checkpoint
     */
    public static void write(Path dir, LlamaModel model, AdamW optimizer, CheckpointMeta meta) throws IOException {
        DType dtype = model.sourceDtype();
        HfFolderWriter.write(model, model.config(), dir, dtype);
        if (optimizer != null) {
            writeOptimizer(dir.resolve(OPTIMIZER_FILE), model, optimizer, dtype != DType.F32);
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

    /** Puts the saved master weights (if any) into {@code model} and the saved moments and step into {@code optimizer}. */
    public static void restore(Path dir, LlamaModel model, AdamW optimizer) {
        Path file = dir.resolve(OPTIMIZER_FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException("checkpoint " + dir + " has no " + OPTIMIZER_FILE + "; it cannot be"
                    + " resumed from — remove it so training resumes from the one before");
        }
        try (SafetensorsFile state = SafetensorsFile.open(file)) {
            Map<String, float[]> first = new LinkedHashMap<>();
            Map<String, float[]> second = new LinkedHashMap<>();
            for (ParameterSpec spec : model.parameterSpecs()) {
                first.put(spec.name(), state.readFloat32("exp_avg/" + spec.name()));
                second.put(spec.name(), state.readFloat32("exp_avg_sq/" + spec.name()));
                if (state.tensors().containsKey("master/" + spec.name())) {
                    model.setParameterValues(spec.name(), state.readFloat32("master/" + spec.name()));
                }
            }
            String step = state.metadata().get("step");
            if (step == null) {
                throw new IllegalStateException(file + " has no optimizer step in its metadata");
            }
            optimizer.restore(Long.parseLong(step), first, second);
        }
    }

    private static void writeOptimizer(Path file, LlamaModel model, AdamW optimizer, boolean withMaster) {
        List<TensorSpec> plan = new ArrayList<>();
        for (ParameterSpec spec : model.parameterSpecs()) {
            plan.add(new TensorSpec("exp_avg/" + spec.name(), DType.F32, spec.shape()));
            plan.add(new TensorSpec("exp_avg_sq/" + spec.name(), DType.F32, spec.shape()));
            if (withMaster) {
                plan.add(new TensorSpec("master/" + spec.name(), DType.F32, spec.shape()));
            }
        }
        Map<String, float[]> first = optimizer.firstMoments();
        Map<String, float[]> second = optimizer.secondMoments();
        try (SafetensorsWriter writer = new SafetensorsWriter(file, plan,
                Map.of("format", "pt", "step", Long.toString(optimizer.step())))) {
            for (ParameterSpec spec : model.parameterSpecs()) {
                writer.writeFloat32("exp_avg/" + spec.name(), first.get(spec.name()));
                writer.writeFloat32("exp_avg_sq/" + spec.name(), second.get(spec.name()));
                if (withMaster) {
                    writer.writeFloat32("master/" + spec.name(), model.parameterValues(spec.name()));
                }
            }
        }
    }
}
