package dev.longrecipe.cli.oneshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.hf.SafetensorsWriter;
import dev.longrecipe.hf.TensorSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogitsCommandTest {
    static final Path MODEL = TinyInputs.fixtureModel("llama-default");

    @Test
    void writesTheLogitsTransformersComputedForTheReferenceInputs(@TempDir Path tmp) {
        Path in = tmp.resolve("in.safetensors");
        Path out = tmp.resolve("out.safetensors");
        try (SafetensorsFile ref = SafetensorsFile.open(MODEL.resolve("reference.safetensors"))) {
            try (SafetensorsWriter w = new SafetensorsWriter(in,
                    List.of(new TensorSpec("input_ids", DType.I32, new long[] {2, 40})), Map.of())) {
                w.write("input_ids", ref.raw("input_ids"));
            }

            OneShotCli.Result r = OneShotCli.run("logits", "--model", MODEL.toString(), "--input", in.toString(),
                    "--out", out.toString());

            assertThat(r.exitCode()).as(r.err()).isZero();
            assertThat(r.out()).contains("wrote logits F32 [2, 40, 512] to " + out);
            try (SafetensorsFile logits = SafetensorsFile.open(out)) {
                assertThat(relativeError(logits.readFloat32("logits"), ref.readFloat32("logits_contiguous")))
                        .isLessThan(1e-4);
            }
        }
    }

    @Test
    void aMissingInputFileIsNamed(@TempDir Path tmp) {
        Path missing = tmp.resolve("ids.safetensors");

        OneShotCli.Result r = OneShotCli.run("logits", "--model", MODEL.toString(), "--input", missing.toString(),
                "--out", tmp.resolve("o.safetensors").toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("input (--input) does not exist: " + missing).contains("input_ids");
    }

    @Test
    void aFolderWithoutConfigIsNotAModel(@TempDir Path tmp) {
        OneShotCli.Result r = OneShotCli.run("logits", "--model", tmp.toString(), "--input", "x", "--out", "y");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("model (--model)'s config.json does not exist: " + tmp.resolve("config.json"));
    }

    /** ‖a − b‖ / ‖b‖. */
    static double relativeError(float[] a, float[] b) {
        assertThat(a).hasSameSizeAs(b);
        double diff = 0;
        double norm = 0;
        for (int i = 0; i < a.length; i++) {
            diff += (a[i] - b[i]) * (double) (a[i] - b[i]);
            norm += b[i] * (double) b[i];
        }
        return Math.sqrt(diff / norm);
    }
}
