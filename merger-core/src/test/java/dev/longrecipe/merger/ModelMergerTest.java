package dev.longrecipe.merger;

import dev.longrecipe.schema.ProgressListener;

import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.hf.TensorSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelMergerTest {

    static final Path LLAMA = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"), "hf-reference/llama-default");

    @TempDir
    Path tmp;

    private final ModelMerger merger = new ModelMerger();
    /** Slices of 100 elements: tensors of 256..640 elements go through the sliced path, with a short last slice. */
    private final ModelMerger slicingMerger = new ModelMerger(100);

    /** Largest relative rounding error of one conversion to {@code dtype} (half an ulp). */
    private static double rounding(DType dtype) {
        return switch (dtype) {
            case F32 -> 0x1p-23;
            case F16 -> 0x1p-11;
            case BF16 -> 0x1p-8;
            default -> throw new IllegalArgumentException(dtype.name());
        };
    }

    @ParameterizedTest(name = "{0}, max shard {1} bytes")
    @CsvSource({"F32, 100000000", "F16, 100000000", "BF16, 100000000", "F32, 3000", "F16, 1500", "BF16, 1500"})
    void linearMergeIsTheWeightedSumElementByElement(DType dtype, long maxShard) {
        checkLinearMerge(merger, dtype, maxShard);
    }

    @ParameterizedTest(name = "{0}, max shard {1} bytes")
    @CsvSource({"F32, 3000", "F16, 100000000", "BF16, 1500"})
    void largeTensorsStreamedInSlicesMergeTheSame(DType dtype, long maxShard) {
        checkLinearMerge(slicingMerger, dtype, maxShard);
    }

    private void checkLinearMerge(ModelMerger merger, DType dtype, long maxShard) {
        Path base = TinyModels.write(tmp.resolve("base"), dtype, maxShard, 1, "default");
        Path other = TinyModels.write(tmp.resolve("replay"), dtype, maxShard, 2, "linear");
        Path out = tmp.resolve("merged");
        List<Double> fractions = new ArrayList<>();

        MergeSummary summary = merger.merge(Map.of("base", base, "replay", other), out,
                Plans.of("{method: linear, models: {base: {weight: 0.3}, replay: {weight: 0.7}}}"),
                (fraction, message) -> fractions.add(fraction));

        assertThat(summary.tensors()).isEqualTo(TinyModels.plan(dtype).size());
        assertThat(summary.method()).isEqualTo("linear");
        assertThat(fractions).isSorted().last().isEqualTo(1.0);
        try (HfModelFolder a = HfModelFolder.open(base); HfModelFolder b = HfModelFolder.open(other);
             HfModelFolder m = HfModelFolder.open(out)) {
            assertThat(m.tensorNames()).isEqualTo(b.tensorNames());
            assertThat(m.shardCount()).isEqualTo(b.shardCount());
            if (maxShard < 10_000) {
                assertThat(m.shardCount()).isGreaterThan(1);
                assertThat(m.path().resolve("model.safetensors.index.json")).exists();
            }
            assertThat(summary.bytes()).isEqualTo(b.totalBytes());
            for (String name : m.tensorNames()) {
                assertThat(m.info(name).dtype()).isEqualTo(dtype);
                assertThat(m.info(name).shape()).isEqualTo(b.info(name).shape());
                float[] x = a.readFloat32(name);
                float[] y = b.readFloat32(name);
                float[] z = m.readFloat32(name);
                for (int i = 0; i < z.length; i++) {
                    double expected = 0.3 * x[i] + 0.7 * y[i];
                    double tolerance = rounding(dtype) * (Math.abs(expected) + 0.3 * Math.abs(x[i]) + 0.7 * Math.abs(y[i])) + 1e-7;
                    assertThat((double) z[i]).as("%s[%d]", name, i).isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
                }
            }
        }
    }

    @Test
    void mergedModelKeepsTheExtendedModelsConfigAndTokenizer() throws IOException {
        Path base = TinyModels.write(tmp.resolve("base"), DType.F32, 1 << 20, 1, "default");
        Path other = TinyModels.write(tmp.resolve("replay"), DType.F32, 1 << 20, 2, "linear");
        Path out = tmp.resolve("merged");
        merger.merge(Map.of("base", base, "replay", other), out, Plans.PAPER, ProgressListener.NONE);
        assertThat(out.resolve("config.json")).hasSameTextualContentAs(other.resolve("config.json"));
        assertThat(out.resolve("tokenizer.json")).hasSameTextualContentAs(other.resolve("tokenizer.json"));
        try (Stream<Path> files = Files.list(tmp)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("base", "replay", "merged");
        }
    }

    @Test
    void mergingTheReferenceModelWithItselfGivesItsWeightsBitForBit() throws IOException {
        Path out = tmp.resolve("self");
        MergeSummary summary = merger.merge(Map.of("base", LLAMA, "replay", LLAMA), out, Plans.PAPER,
                ProgressListener.NONE);
        assertThat(summary.tensors()).isEqualTo(21);
        try (HfModelFolder ref = HfModelFolder.open(LLAMA); HfModelFolder m = HfModelFolder.open(out)) {
            assertThat(m.tensorNames()).isEqualTo(ref.tensorNames());
            for (String name : ref.tensorNames()) {
                assertThat(m.raw(name)).as(name).isEqualTo(ref.raw(name));
            }
        }
        assertThat(out.resolve("config.json")).hasSameTextualContentAs(LLAMA.resolve("config.json"));
        assertThat(out.resolve("generation_config.json")).exists();
    }

    @Test
    void mismatchedShapeIsRefusedAndNothingIsWritten() {
        List<TensorSpec> wider = new ArrayList<>(TinyModels.plan(DType.F32));
        wider.set(0, new TensorSpec("model.embed_tokens.weight", DType.F32, new long[] {48, 16}));
        Path base = TinyModels.write(tmp.resolve("base"), DType.F32, 1 << 20, 1, "default");
        Path other = TinyModels.write(tmp.resolve("replay"), wider, 1 << 20, 2, "default");
        assertRefusedWithoutOutput(base, other, "tensor 'model.embed_tokens.weight' has shape [32, 16] in " + base, "but [48, 16] in " + other);
    }

    @Test
    void missingTensorIsRefusedAndNothingIsWritten() {
        List<TensorSpec> fewer = new ArrayList<>(TinyModels.plan(DType.F32));
        fewer.removeIf(t -> t.name().equals("model.norm.weight"));
        Path base = TinyModels.write(tmp.resolve("base"), DType.F32, 1 << 20, 1, "default");
        Path other = TinyModels.write(tmp.resolve("replay"), fewer, 1 << 20, 2, "default");
        assertRefusedWithoutOutput(base, other, "models have different tensors", "model.norm.weight");
    }

    @Test
    void dtypeMismatchIsRefusedAndNothingIsWritten() {
        Path base = TinyModels.write(tmp.resolve("base"), DType.F32, 1 << 20, 1, "default");
        Path other = TinyModels.write(tmp.resolve("replay"), DType.BF16, 1 << 20, 2, "default");
        assertRefusedWithoutOutput(base, other, "is F32 in " + base, "but BF16 in " + other);
    }

    @Test
    void failureHalfwayLeavesNoOutputFolder() {
        Path base = TinyModels.write(tmp.resolve("base"), DType.F16, 1500, 1, "default");
        Path other = TinyModels.write(tmp.resolve("replay"), DType.F16, 1500, 2, "default");
        Path out = tmp.resolve("merged");
        assertThatThrownBy(() -> merger.merge(Map.of("base", base, "replay", other), out, Plans.PAPER,
                new FailOnFourthTensor())).hasMessageContaining("disk full (simulated)");
        assertThat(out).doesNotExist();
        assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("base", "replay");
    }

    /** A progress listener that fails after the fourth tensor: the merge stops halfway. */
    private static final class FailOnFourthTensor implements ProgressListener {
        int calls;

        @Override
        public void report(double fraction, String message) {
            if (++calls == 4) {
                throw new IllegalStateException("disk full (simulated)");
            }
        }
    }

    @Test
    void aMissingModelTheMethodReadsIsNamed() {
        Path replay = TinyModels.write(tmp.resolve("replay"), DType.F32, 1 << 20, 1, "default");
        assertThatThrownBy(() -> merger.merge(Map.of("replay", replay), tmp.resolve("o"),
                Plans.of("{method: ties, models: {replay: {weight: 1, density: 0.5}}}"), ProgressListener.NONE))
                .hasMessageContaining("method 'ties' reads the base model, and none was given");
        assertThat(tmp.resolve("o")).doesNotExist();
    }

    @Test
    void existingOutputFolderIsRefused() throws IOException {
        Path base = TinyModels.write(tmp.resolve("base"), DType.F32, 1 << 20, 1, "default");
        Path out = Files.createDirectory(tmp.resolve("taken"));
        assertThatThrownBy(() -> merger.merge(Map.of("base", base, "replay", base), out, Plans.PAPER,
                ProgressListener.NONE)).hasMessageContaining("already exists");
    }

    private void assertRefusedWithoutOutput(Path base, Path other, String... messageParts) {
        Path out = tmp.resolve("merged");
        var thrown = assertThatThrownBy(() -> merger.merge(Map.of("base", base, "replay", other), out, Plans.PAPER,
                ProgressListener.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        for (String part : messageParts) {
            thrown.hasMessageContaining(part);
        }
        assertThat(out).doesNotExist();
        assertThat(tmp.toFile().list()).containsExactlyInAnyOrder("base", "replay");
    }
}
