package dev.longrecipe.cli.oneshot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.hf.HfModelFolder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MergeCommandTest {
    static final Path MODEL = TinyInputs.fixtureModel("llama-default");

    @Test
    void mergingAModelWithItselfGivesTheSameWeightsAndConfig(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("merged");

        OneShotCli.Result r = OneShotCli.run("merge", "--base", MODEL.toString(), "--other", MODEL.toString(),
                "--out", out.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("merged 21 tensors").contains("linear").contains(out.toString());
        assertThat(r.err()).contains("100%");
        try (HfModelFolder in = HfModelFolder.open(MODEL); HfModelFolder merged = HfModelFolder.open(out)) {
            assertThat(merged.tensorNames()).containsExactlyInAnyOrderElementsOf(in.tensorNames());
            for (String name : in.tensorNames()) {
                assertThat(merged.readFloat32(name)).as(name).containsExactly(in.readFloat32(name));
            }
        }
        assertThat(Files.readString(out.resolve("config.json"))).isEqualTo(Files.readString(MODEL.resolve("config.json")));
    }

    @Test
    void lambdasComeFromTheSpecOverrides(@TempDir Path tmp) throws Exception {
        Path out = tmp.resolve("merged");

        OneShotCli.Result r = OneShotCli.run("merge", "--base", MODEL.toString(), "--other", MODEL.toString(),
                "--out", out.toString(), "--set", "merger.models.base.weight=0.25",
                "--set", "merger.models.replay.weight=0.25", "--set", "merger.parameters.normalize=false");

        assertThat(r.exitCode()).as(r.err()).isZero();
        try (HfModelFolder in = HfModelFolder.open(MODEL); HfModelFolder merged = HfModelFolder.open(out)) {
            float[] a = in.readFloat32("model.embed_tokens.weight");
            float[] m = merged.readFloat32("model.embed_tokens.weight");
            for (int i = 0; i < a.length; i++) {
                assertThat(m[i]).isEqualTo(0.5f * a[i]); // 0.25·a + 0.25·a, exact in float32
            }
        }
    }

    @Test
    void aSpecFileWithoutInputsIsFilledFromTheCommand(@TempDir Path tmp) throws Exception {
        Path spec = Files.writeString(tmp.resolve("spec.yaml"), "merger:\n  models: {base: {weight: 1.0}, replay: {weight: 0.0}}\n");
        Path out = tmp.resolve("merged");

        OneShotCli.Result r = OneShotCli.run("merge", "--base", MODEL.toString(), "--other", MODEL.toString(),
                "--out", out.toString(), "--spec", spec.toString());

        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("base={weight=1.0}").contains("replay={weight=0.0}");
    }

    @Test
    void tiesOfTheExtendedAndReplayModelsRunsAndABadDensityIsRefusedBeforeAnyTensorIsRead(@TempDir Path tmp) {
        OneShotCli.Result ties = OneShotCli.run("merge", "--base", MODEL.toString(), "--extended", MODEL.toString(),
                "--replay", MODEL.toString(), "--out", tmp.resolve("ties").toString(), "--set", "merger.method=ties",
                "--set", "merger.models={extended: {weight: 0.5, density: 0.5}, replay: {weight: 0.5, density: 0.5}}");
        assertThat(ties.exitCode()).as(ties.err()).isZero();
        assertThat(ties.out()).contains("merged 21 tensors", "with ties");

        OneShotCli.Result bad = OneShotCli.run("merge", "--base", MODEL.toString(), "--replay", MODEL.toString(),
                "--out", tmp.resolve("bad").toString(), "--set", "merger.method=dare_ties",
                "--set", "merger.models={replay: {weight: 1, density: 0}}");
        assertThat(bad.exitCode()).isEqualTo(1);
        assertThat(bad.err()).contains("merger.models.replay.density", "(0, 1]").doesNotContain("Exception");
        assertThat(tmp.resolve("bad")).doesNotExist();

        OneShotCli.Result noBase = OneShotCli.run("merge", "--replay", MODEL.toString(),
                "--out", tmp.resolve("nobase").toString(), "--set", "merger.method=task_arithmetic",
                "--set", "merger.models={replay: {weight: 1}}");
        assertThat(noBase.exitCode()).isEqualTo(1);
        assertThat(noBase.err()).contains("method 'task_arithmetic' reads the base model", "give it with --base");
    }

    @Test
    void aMissingBaseFolderIsNamedAndNothingIsWritten(@TempDir Path tmp) {
        Path missing = tmp.resolve("no-such-model");
        Path out = tmp.resolve("merged");

        OneShotCli.Result r = OneShotCli.run("merge", "--base", missing.toString(), "--other", MODEL.toString(),
                "--out", out.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("base model (--base) does not exist: " + missing)
                .contains("Hugging Face model folder").doesNotContain("Exception");
        assertThat(out).doesNotExist();
    }

    @Test
    void anExistingOutputFolderIsRefused(@TempDir Path tmp) {
        OneShotCli.Result r = OneShotCli.run("merge", "--base", MODEL.toString(), "--other", MODEL.toString(),
                "--out", tmp.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("output folder (--out) already exists: " + tmp);
    }

    @Test
    void anUnknownSpecKeyNamesTheFieldAndTheKnownOnes(@TempDir Path tmp) {
        OneShotCli.Result r = OneShotCli.run("merge", "--base", MODEL.toString(), "--other", MODEL.toString(),
                "--out", tmp.resolve("m").toString(), "--set", "merger.lambda=0.3");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("merger.lambda").contains("is not a known field").contains("parameters");
    }

    @Test
    void aMissingSpecFileIsNamed(@TempDir Path tmp) {
        Path spec = tmp.resolve("nope.yaml");
        OneShotCli.Result r = OneShotCli.run("merge", "--base", MODEL.toString(), "--other", MODEL.toString(),
                "--out", tmp.resolve("m").toString(), "--spec", spec.toString());

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).contains("run spec (--spec) does not exist: " + spec);
    }
}
