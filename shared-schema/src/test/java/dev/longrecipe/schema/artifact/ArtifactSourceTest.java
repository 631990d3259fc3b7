package dev.longrecipe.schema.artifact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longrecipe.schema.ContextWindows;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local source, folder spelling, provenance of error messages, and L / L′ worked out once. */
class ArtifactSourceTest {
    private final ArtifactSource local = new LocalArtifactSource();

    @Test
    void theLocalSourceReadsPathsInPlaceAndNamesWhatIsMissing(@TempDir Path tmp) throws IOException {
        Path corpus = Files.writeString(tmp.resolve("docs.jsonl"), "{\"text\": \"a\"}\n");
        Artifact file = local.file("corpus", corpus.toString(), tmp.resolve("scratch"), "fix it");
        assertThat(file.path()).isEqualTo(corpus);
        assertThat(file.shown()).isEqualTo(corpus.toString());
        assertThat(local.exists(corpus.toString())).isTrue();
        assertThat(Files.exists(tmp.resolve("scratch"))).as("nothing is copied").isFalse();

        assertThatThrownBy(() -> local.folder("base model", tmp.resolve("none").toString(), tmp, "give a folder"))
                .hasMessage("base model does not exist: " + tmp.resolve("none") + "; give a folder");
        assertThatThrownBy(() -> local.folder("base model", corpus.toString(), tmp, "give a folder"))
                .hasMessageContaining("is not a folder: " + corpus);
        assertThatThrownBy(() -> local.file("corpus", "s3://b/docs.jsonl", tmp, "x"))
                .hasMessageContaining("is in S3 (s3://b/docs.jsonl)");
    }

    @Test
    void foldersAreSpelledWithOneTrailingSlash() {
        assertThat(Locations.asFolder("inputs/model")).isEqualTo("inputs/model/");
        assertThat(Locations.asFolder("inputs/model/")).isEqualTo("inputs/model/");
        assertThat(Locations.asFolder("")).isEmpty();
        assertThat(Locations.child("s3://b/model", "config.json")).isEqualTo("s3://b/model/config.json");
        assertThat(Locations.parent("runs/r/samples/manifest.json")).isEqualTo("runs/r/samples/");
        assertThat(Locations.fileName("s3://b/in/docs.jsonl.gz")).isEqualTo("docs.jsonl.gz");
        assertThat(Locations.withoutSlash("s3://b/model/")).isEqualTo("s3://b/model");
    }

    @Test
    void provenanceNamesLocalCopiesByTheirLocations(@TempDir Path tmp) {
        Provenance provenance = new Provenance();
        provenance.add(new Artifact("s3://b/models/base/", tmp.resolve("base")));
        provenance.add(new Artifact("s3://b/models/base-long/", tmp.resolve("base-long")));
        IllegalArgumentException e = provenance.restate(new IllegalStateException("tensor x differs: "
                + tmp.resolve("base-long").resolve("model.safetensors") + " vs " + tmp.resolve("base")));
        assertThat(e.getMessage()).isEqualTo("tensor x differs: s3://b/models/base-long/model.safetensors vs"
                + " s3://b/models/base").doesNotContain(tmp.toString());
        assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void windowsComeFromTheSpecElseTheModelAndLPrimeDefaultsToFourL(@TempDir Path tmp) throws IOException {
        Path model = Files.createDirectories(tmp.resolve("m"));
        Files.writeString(model.resolve("config.json"), "{\"max_position_embeddings\": 64}");
        RunSpec plain = spec("");
        assertThat(ContextWindows.of(plain, model, "s3://b/m/")).isEqualTo(new ContextWindows(64, 256));
        assertThat(ContextWindows.of(spec("contextLength: 32\n"), model, "m")).isEqualTo(new ContextWindows(32, 128));
        assertThat(ContextWindows.of(spec("targetLength: 100\n"), model, "m")).isEqualTo(new ContextWindows(64, 100));
        assertThat(plain.targetLengthFor(64)).isEqualTo(256);

        Files.writeString(model.resolve("config.json"), "{}");
        assertThatThrownBy(() -> ContextWindows.of(plain, model, "s3://b/m/"))
                .hasMessageContaining("the base window L is unknown").hasMessageContaining("s3://b/m/")
                .hasMessageContaining("set contextLength");
    }

    private static RunSpec spec(String extra) {
        return RunSpecs.parse("baseModel: m\ncorpus: c.jsonl\nreplayCorpus: r.jsonl\n" + extra);
    }
}
