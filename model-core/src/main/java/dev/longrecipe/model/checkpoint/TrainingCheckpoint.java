package dev.longrecipe.model.checkpoint;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.files.FileTrees;
import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.hf.SafetensorsWriter;
import dev.longrecipe.hf.TensorSpec;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.llama.ParameterSpec;
import dev.longrecipe.model.train.AdamW;
import dev.longrecipe.model.train.AdamWSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A checkpoint training resumes from exactly: the Hugging Face folder (loadable by transformers as-is) plus
 * {@code trainer_state/} holding {@code optimizer.safetensors} (AdamW moments {@code exp_avg.NAME},
 * {@code exp_avg_sq.NAME}, and float32 master weights {@code master.NAME} when the folder's dtype is not F32) and
 * {@code state.json} (optimizer step and settings). {@code state.json} is written last; a folder without it is not
 * a complete checkpoint. The caller's own position (data cursor, seeds) is the caller's record.
 */
public final class TrainingCheckpoint {
    public static final String STATE_DIR = "trainer_state";
    public static final String OPTIMIZER_FILE = "optimizer.safetensors";
    public static final String STATE_FILE = "state.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingCheckpoint() {
    }

    /** A model with its optimizer, as saved. */
    public record Resumed(LlamaModel model, AdamW optimizer) implements AutoCloseable {
        @Override
        public void close() {
            optimizer.close();
            model.close();
        }
    }

    /**
     * Saves the model folder and the optimizer's state. Where the caller stood in its data (and anything else it
     * needs to resume) is the caller's own record, next to these files (the trainer's {@code trainer-checkpoint.json}).
     */
    public static void save(Path dir, LlamaModel model, AdamW optimizer, DType dtype) {
        model.saveHfFolder(dir, dtype, null, null);
        Path staging = dir.resolve("." + STATE_DIR + ".partial-" + UUID.randomUUID());
        try {
            Files.createDirectories(staging);
            writeOptimizer(staging.resolve(OPTIMIZER_FILE), model, optimizer, dtype != DType.F32);
            ObjectNode json = JSON.createObjectNode();
            json.put("format", "longrecipe-trainer-state-1");
            json.put("optimizer_step", optimizer.step());
            AdamWSettings s = optimizer.settings();
            ObjectNode adamw = json.putObject("adamw");
            adamw.put("beta1", s.beta1());
            adamw.put("beta2", s.beta2());
            adamw.put("eps", s.eps());
            adamw.put("weight_decay", s.weightDecay());
            json.put("master_weights", dtype != DType.F32);
            Files.write(staging.resolve(STATE_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            Files.move(staging, dir.resolve(STATE_DIR), StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            FileTrees.deleteQuietly(staging);
            throw new UncheckedIOException("cannot write trainer state into " + dir + ": " + e.getMessage(), e);
        }
    }

    public static Resumed load(Path dir, Device device) {
        LlamaModel model = LlamaModel.load(dir, device);
        AdamW optimizer = null;
        try {
            JsonNode json = readState(dir);
            JsonNode a = json.path("adamw");
            optimizer = new AdamW(model, new AdamWSettings(a.path("beta1").asDouble(), a.path("beta2").asDouble(),
                    a.path("eps").asDouble(), a.path("weight_decay").asDouble()));
            restoreInto(dir, model, optimizer);
            return new Resumed(model, optimizer);
        } catch (RuntimeException e) {
            if (optimizer != null) {
                optimizer.close();
            }
            model.close();
            throw e;
        }
    }

    /**
     * Restores a checkpoint into an existing model and optimizer, in place and one tensor at a time: the weights
     * (the float32 master copy when the folder's dtype is not F32), then both AdamW moments and the step. Peak heap
     * is about three tensors; no second model is built.
     */
    public static void restoreInto(Path dir, LlamaModel model, AdamW optimizer) {
        JsonNode json = readState(dir);
        boolean master = json.path("master_weights").asBoolean(false);
        try (SafetensorsFile moments = SafetensorsFile.open(dir.resolve(STATE_DIR).resolve(OPTIMIZER_FILE));
             HfModelFolder weights = master ? null : HfModelFolder.open(dir)) {
            for (ParameterSpec spec : model.parameterSpecs()) {
                String name = spec.name();
                model.setParameterValues(name, master ? moments.readFloat32("master." + name)
                        : weights.readFloat32(name));
                if (!moments.tensors().containsKey("exp_avg." + name)
                        || !moments.tensors().containsKey("exp_avg_sq." + name)) {
                    throw new IllegalArgumentException("optimizer state in " + dir + " has no moments for parameter '"
                            + name + "'; it belongs to another model — resume from a checkpoint of this run");
                }
                optimizer.restoreMoments(name, moments.readFloat32("exp_avg." + name),
                        moments.readFloat32("exp_avg_sq." + name));
            }
        }
        optimizer.restoreStep(json.path("optimizer_step").asLong());
    }

    private static JsonNode readState(Path dir) {
        Path stateFile = dir.resolve(STATE_DIR).resolve(STATE_FILE);
        if (!Files.isRegularFile(stateFile)) {
            throw new IllegalArgumentException(dir + " is not a complete training checkpoint (no " + STATE_DIR + "/"
                    + STATE_FILE + "); resume from an earlier checkpoint or start from the model folder");
        }
        try {
            return JSON.readTree(stateFile.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + stateFile + ": " + e.getMessage(), e);
        }
    }

    private static void writeOptimizer(Path file, LlamaModel model, AdamW optimizer, boolean masterWeights) {
        List<TensorSpec> plan = new ArrayList<>();
        for (ParameterSpec spec : model.parameterSpecs()) {
            plan.add(new TensorSpec("exp_avg." + spec.name(), DType.F32, spec.shape()));
            plan.add(new TensorSpec("exp_avg_sq." + spec.name(), DType.F32, spec.shape()));
            if (masterWeights) {
                plan.add(new TensorSpec("master." + spec.name(), DType.F32, spec.shape()));
            }
        }
        try (SafetensorsWriter writer = new SafetensorsWriter(file, plan, Map.of("format", "pt"))) {
            for (ParameterSpec spec : model.parameterSpecs()) {
                writer.writeFloat32("exp_avg." + spec.name(), optimizer.firstMoment(spec.name()));
                writer.writeFloat32("exp_avg_sq." + spec.name(), optimizer.secondMoment(spec.name()));
                if (masterWeights) {
                    writer.writeFloat32("master." + spec.name(), model.parameterValues(spec.name()));
                }
            }
        }
    }
}
