package dev.longrecipe.cli.oneshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longrecipe.schema.spec.InvalidSpecException;
import dev.longrecipe.schema.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OneShotSpecTest {
    @Test
    void withoutASpecEveryKnobHasItsDefaultAndUnusedInputsArePlaceholders() {
        RunSpec spec = OneShotSpec.load("merge", null, Map.of(), Map.of("baseModel", Path.of("/m/base")));

        assertThat(spec.baseModel()).isEqualTo("/m/base");
        assertThat(spec.corpus()).isEqualTo("unused-by-merge");
        assertThat(spec.replayCorpus()).isEqualTo("unused-by-merge");
        assertThat(spec).usingRecursiveComparison().ignoringFields("baseModel", "corpus", "replayCorpus")
                .isEqualTo(RunSpec.defaults());
    }

    @Test
    void theCommandsPathsReplaceTheSpecsAndTheSpecsOtherInputsStay(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("run.json"),
                "{\"baseModel\": \"s3://b/llama\", \"corpus\": \"docs.jsonl\", \"replayCorpus\": \"replay.jsonl\","
                        + " \"segmenter\": {\"ratio\": 0.5}}");

        RunSpec spec = OneShotSpec.load("segment", file, Map.of("segmenter.maxSkip", "8"),
                Map.of("corpus", Path.of("/data/kjv.jsonl")));

        assertThat(spec.corpus()).isEqualTo("/data/kjv.jsonl");
        assertThat(spec.baseModel()).isEqualTo("s3://b/llama");
        assertThat(spec.replayCorpus()).isEqualTo("replay.jsonl");
        assertThat(spec.segmenter().ratio()).isEqualTo(0.5);
        assertThat(spec.segmenter().maxSkip()).isEqualTo(8);
    }

    @Test
    void anEmptySpecFileIsTheDefaults(@TempDir Path tmp) throws IOException {
        Path file = Files.writeString(tmp.resolve("empty.yaml"), "");

        RunSpec spec = OneShotSpec.load("merge", file, Map.of(), Map.of("baseModel", Path.of("b")));

        assertThat(spec.merger()).isEqualTo(RunSpec.defaults().merger());
    }

    @Test
    void syntaxAndValueErrorsComeFromTheSpecParserWithTheirField(@TempDir Path tmp) throws IOException {
        Path broken = Files.writeString(tmp.resolve("broken.yaml"), "segmenter: {ratio: [\n");
        Path list = Files.writeString(tmp.resolve("list.yaml"), "- a\n- b\n");

        assertThatThrownBy(() -> OneShotSpec.load("segment", broken, Map.of(), Map.of()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("not valid YAML or JSON");
        assertThatThrownBy(() -> OneShotSpec.load("segment", list, Map.of(), Map.of()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("not a mapping");
        assertThatThrownBy(() -> OneShotSpec.load("segment", null, Map.of("segmenter.ratio", "2"), Map.of()))
                .isInstanceOf(InvalidSpecException.class).hasMessageContaining("segmenter.ratio");
    }
}
