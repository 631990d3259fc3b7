package dev.longrecipe.model.checkpoint;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.hf.ShardedModelWriter;
import dev.longrecipe.hf.TensorSpec;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.llama.ParameterSpec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes a model as a Hugging Face folder that transformers loads as-is: config.json (the source file with the
 * new RoPE parameters, context window and dtype, in the source's RoPE form), safetensors with the source's tensor
 * names in the requested dtype (sharded past {@link #MAX_SHARD_BYTES}), and the source's tokenizer files.
 * The folder appears atomically when complete (hf-checkpoint's {@link ShardedModelWriter}).
 */
public final class HfFolderWriter {
    /** transformers' default shard size for save_pretrained. */
    public static final long MAX_SHARD_BYTES = 5_000_000_000L;

    private static final ObjectMapper JSON = new ObjectMapper();

    private HfFolderWriter() {
    }

    public static void write(LlamaModel model, ModelConfig config, Path dir, DType dtype) {
        if (!dtype.isFloat32Decodable()) {
            throw new IllegalArgumentException("weights can be saved as F32, F16 or BF16, not " + dtype);
        }
        List<ParameterSpec> specs = model.parameterSpecs();
        List<TensorSpec> plan = specs.stream().map(s -> new TensorSpec(s.name(), dtype, s.shape())).toList();
        ShardedModelWriter writer = new ShardedModelWriter(dir, plan, MAX_SHARD_BYTES);
        try {
            ObjectNode json = config.applyTo(model.sourceConfigJson());
            String torchDtype = switch (dtype) {
                case F16 -> "float16";
                case BF16 -> "bfloat16";
                default -> "float32";
            };
            if (json.has("torch_dtype")) {
                json.put("torch_dtype", torchDtype);
            } else {
                json.put("dtype", torchDtype);
            }
            writer.addFile(HfModelFolder.CONFIG_FILE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(json));
            if (model.sourceDir() != null) {
                try (HfModelFolder source = HfModelFolder.open(model.sourceDir())) {
                    for (Path aux : source.auxiliaryFiles()) {
                        writer.addFile(aux);
                    }
                }
            }
            for (ParameterSpec spec : specs) {
                writer.writeFloat32(spec.name(), model.parameterValues(spec.name()));
            }
        } catch (IOException e) {
            writer.abort();
            throw new UncheckedIOException("cannot write " + dir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            writer.abort();
            throw e;
        }
        writer.close();
    }
}
