package dev.longrecipe.model.tools;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.hf.SafetensorsWriter;
import dev.longrecipe.hf.TensorInfo;
import dev.longrecipe.hf.TensorSpec;
import dev.longrecipe.model.llama.LlamaModel;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * {@code longrecipe logits}: runs a model folder on {@code input_ids} (and optional {@code position_ids}; default
 * 0..T-1), I32 or I64 [B, T], from a safetensors file and writes {@code logits} F32 [B, T, V]. One row at a time,
 * so memory is one row's logits. Lets a user check a model against transformers number for number.
 */
public final class LogitsTool {
    private LogitsTool() {
    }

    public static void run(Path modelDir, Path inSafetensors, Path outSafetensors) {
        run(modelDir, inSafetensors, outSafetensors, LlamaModel.preferredDevice());
    }

    public static void run(Path modelDir, Path inSafetensors, Path outSafetensors, Device device) {
        try (SafetensorsFile in = SafetensorsFile.open(inSafetensors)) {
            long[] shape = idShape(in, "input_ids", inSafetensors);
            long[] ids = in.readInt64("input_ids");
            long[] positions;
            if (in.tensors().containsKey("position_ids")) {
                long[] posShape = idShape(in, "position_ids", inSafetensors);
                if (!Arrays.equals(posShape, shape)) {
                    throw new IllegalArgumentException(inSafetensors + ": position_ids has shape "
                            + Arrays.toString(posShape) + " but input_ids has " + Arrays.toString(shape)
                            + "; they must match");
                }
                positions = in.readInt64("position_ids");
            } else {
                positions = new long[ids.length];
                for (int i = 0; i < ids.length; i++) {
                    positions[i] = i % shape[1];
                }
            }
            try (LlamaModel model = LlamaModel.load(modelDir, device)) {
                long b = shape[0];
                long t = shape[1];
                long v = model.config().vocabSize();
                List<TensorSpec> plan = List.of(new TensorSpec("logits", DType.F32, new long[]{b, t, v}));
                try (SafetensorsWriter out = new SafetensorsWriter(outSafetensors, plan, Map.of("format", "pt"))) {
                    for (int row = 0; row < b; row++) {
                        try (NDManager step = model.manager().newSubManager()) {
                            int from = (int) (row * t);
                            int to = (int) ((row + 1) * t);
                            NDArray rowIds = step.create(Arrays.copyOfRange(ids, from, to), new Shape(1, t));
                            NDArray rowPos = step.create(Arrays.copyOfRange(positions, from, to), new Shape(1, t));
                            float[] logits = model.score(rowIds, rowPos).toType(DataType.FLOAT32, false)
                                    .toFloatArray();                                         // (1, T, V)
                            ByteBuffer bytes = ByteBuffer.allocate(logits.length * 4).order(ByteOrder.LITTLE_ENDIAN);
                            bytes.asFloatBuffer().put(logits);
                            out.writePart("logits", bytes);
                        }
                    }
                }
            }
        }
    }

    private static long[] idShape(SafetensorsFile in, String name, Path file) {
        if (!in.tensors().containsKey(name)) {
            throw new IllegalArgumentException(file + " has no '" + name + "' tensor (has " + in.tensors().keySet()
                    + "); expected input_ids I32/I64 [B, T] and optionally position_ids of the same shape");
        }
        TensorInfo info = in.info(name);
        if (info.dtype() != DType.I32 && info.dtype() != DType.I64) {
            throw new IllegalArgumentException(file + ": '" + name + "' is " + info.dtype() + "; expected I32 or I64");
        }
        if (info.shape().length != 2 || info.shape()[0] < 1 || info.shape()[1] < 1) {
            throw new IllegalArgumentException(file + ": '" + name + "' has shape " + Arrays.toString(info.shape())
                    + "; expected [B, T] with B, T >= 1");
        }
        return info.shape();
    }

    /** {@code --model DIR --input IN.safetensors --out OUT.safetensors}. */
    public static void main(String[] args) {
        MainOptions options = MainOptions.parse(args,
                "usage: logits --model DIR --input IN.safetensors --out OUT.safetensors");
        Path model = options.path("--model", null);
        Path input = options.path("--input", null);
        Path output = options.path("--out", null);
        if (model == null || input == null || output == null) {
            throw new IllegalArgumentException("usage: logits --model DIR --input IN.safetensors --out OUT.safetensors");
        }
        run(model, input, output);
    }
}
