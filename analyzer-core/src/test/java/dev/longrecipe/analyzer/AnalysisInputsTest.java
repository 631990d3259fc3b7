package dev.longrecipe.analyzer;

import dev.longrecipe.schema.ProgressListener;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.analyzer.corpus.TextTokenizer;
import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.SampleDeltas;
import dev.longrecipe.analyzer.delta.TypeStatistics;
import dev.longrecipe.analyzer.report.AnalysisReport;
import dev.longrecipe.analyzer.testing.Fixtures;
import dev.longrecipe.analyzer.testing.ModelPair;
import dev.longrecipe.analyzer.types.TaggedWord;
import dev.longrecipe.analyzer.types.UposTypeSystem;
import dev.longrecipe.hf.BosToken;
import dev.longrecipe.model.config.DynamicNtkTheta;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.schema.spec.AnalyzerParams;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** What H is (the base model with the extension's RoPE) and what the models read (BOS + text). */
class AnalysisInputsTest {

    static ModelPair models;

    @BeforeAll
    static void inputs(@TempDir Path shared) throws IOException {
        models = ModelPair.write(shared, 2);
    }

    /** {@link #models} as the inputs of a run from L 256 to L′ 1024 whose spec adds {@code extra}. */
    static AnalyzerInputs inputs(String extra) {
        RunSpec spec = RunSpecs.parse("baseModel: h\nreferenceModel: h2\ncorpus: c.jsonl\nreplayCorpus: r.jsonl\n"
                + "contextLength: 256\ntargetLength: 1024\n" + extra);
        return AnalyzerInputs.of(spec, models.base(), models.reference(), models.corpus());
    }

    @Test
    void hRunsWithTheThetaTheTrainersRuleGivesFor256To1024() {
        ModelConfig config = Analyzer.configOfH(ModelFolders.config(models.base(), "H"), inputs(""));
        // the trainer's TargetRope evaluates model-core's rule: θ·(s·L′/L − (s−1))^(d/(d−2)), s = L′/L = 4, d = 16
        double rule = DynamicNtkTheta.theta(10_000, 16, 256, 1024);
        assertThat(rule).isCloseTo(10_000 * Math.pow(13, 16.0 / 14), within(1e-6));
        assertThat(config.rope().theta()).isEqualTo(rule);
        assertThat(config.maxPositionEmbeddings()).isEqualTo(1024);
        try (LlamaModel h = ModelFolders.loadExtended(models.base(), config.rope(), config.maxPositionEmbeddings(),
                "float32")) {
            assertThat(h.config().rope().theta()).isEqualTo(rule);
            assertThat(h.config().maxPositionEmbeddings()).isEqualTo(1024);
        }
    }

    @Test
    void theSpecsRopeOverridesReachH() {
        ModelConfig baseConfig = ModelFolders.config(models.base(), "H");
        assertThat(Analyzer.configOfH(baseConfig, inputs("trainer:\n  ropeTheta: 41829.37\n")).rope().theta())
                .isEqualTo(41829.37);
        assertThat(Analyzer.configOfH(baseConfig, inputs("trainer:\n  ropeFactor: 1\n")).rope().theta())
                .isEqualTo(DynamicNtkTheta.theta(10_000, 16, 256, 1024, 1.0));
        // no L′ in the spec: 4·L, as everywhere else
        AnalyzerInputs defaults = new AnalyzerInputs(AnalyzerParams.defaults(), models.base(), models.reference(),
                models.corpus(), null, null, null, null);
        assertThat(Analyzer.configOfH(baseConfig, defaults).maxPositionEmbeddings()).isEqualTo(1024);
    }

    @Test
    void theAnalysisLengthIsTargetLengthCappedAtTheReferencesWindowUnlessSet() {
        ModelConfig h = Analyzer.configOfH(ModelFolders.config(models.base(), "H"), inputs(""));
        ModelConfig longReference = ModelFolders.config(models.reference(), "H′").withRope(
                ModelFolders.config(models.reference(), "H′").rope(), 4096);
        ModelConfig shortReference = ModelFolders.config(models.reference(), "H′");            // 256 positions
        AnalyzerParams unset = AnalyzerParams.defaults();
        assertThat(Analyzer.length(unset, h, longReference)).isEqualTo(1024);
        assertThat(Analyzer.length(unset, h, shortReference)).isEqualTo(256);
        AnalyzerParams set = new AnalyzerParams(8, 100, 0.2, 8, "upos", "above-base-rate", 1.2, 3, "float32");
        assertThat(Analyzer.length(set, h, longReference)).isEqualTo(100);
    }

    @Test
    void theReportNamesTheThetaHRanWithAndTheBos(@TempDir Path out) {
        AnalysisReport report = Analyzer.run(inputs("analyzer:\n  samples: 1\n  length: 32\n"), out, ProgressListener.NONE)
                .report();
        assertThat(report.models().baseRopeTheta()).isEqualTo(DynamicNtkTheta.theta(10_000, 16, 256, 1024));
        assertThat(report.models().baseConfigTheta()).isEqualTo(10_000.0);
        assertThat(report.models().referenceRopeTheta()).isEqualTo(10_000.0);
        assertThat(report.models().bosTokenId()).isEqualTo(1);
        assertThat(report.parameters().contextLength()).isEqualTo(256);
        assertThat(report.parameters().targetLength()).isEqualTo(1024);
        assertThat(report.samples().lengths()).containsExactly(32);
        assertThat(report.tokens()).isEqualTo(31);
        assertThat(report.types()).extracting(AnalysisReport.TypeRow::type)
                .doesNotContain(AnalysisSamples.BOS_TYPE);
    }

    @Test
    void inputsStartWithTheModelsBosAndOnlyTheTextIsTyped() throws IOException {
        OptionalInt bos = BosToken.of(models.base());
        assertThat(bos).hasValue(1);
        String text = "And God said, Let there be light: and there was light.";
        List<String> typed = new ArrayList<>();
        UposTypeSystem types = new UposTypeSystem(t -> {
            typed.add(t);
            return List.of(new TaggedWord(0, t.length(), "NOUN"));
        });
        try (TextTokenizer tokenizer = TextTokenizer.load(models.base().resolve("tokenizer.json"))) {
            int[] textIds = tokenizer.tokenize(text).tokenIds();
            assertThat(textIds).doesNotContain(1);

            AnalysisSamples.Input input = new AnalysisSamples(tokenizer, types, bos, 64).of(text);
            assertThat(input.tokenIds()[0]).isEqualTo(1);
            assertThat(Arrays.copyOfRange(input.tokenIds(), 1, input.length())).containsExactly(textIds);
            assertThat(input.types()[0]).isEqualTo(AnalysisSamples.BOS_TYPE);
            assertThat(Arrays.copyOfRange(input.types(), 1, input.length())).containsOnly("NOUN");
            assertThat(typed).containsExactly(text); // the type system saw the text, never the BOS

            // cut to the analysis length with the BOS counted in it
            AnalysisSamples.Input cut = new AnalysisSamples(tokenizer, types, bos, 5).of(text);
            assertThat(cut.tokenIds()).containsExactly(1, textIds[0], textIds[1], textIds[2], textIds[3]);

            // without a BOS the input is the text alone
            AnalysisSamples.Input plain = new AnalysisSamples(tokenizer, types, OptionalInt.empty(), 64).of(text);
            assertThat(plain.tokenIds()).containsExactly(textIds);

            // the statistics count the text tokens at positions 1…T−1; the BOS at 0 is never a typed token
            LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(0.2, 64, 2);
            float[] gold = new float[input.length() - 1];
            float[] other = new float[gold.length];
            Arrays.fill(other, 1f);
            analysis.add(new SampleDeltas(input.tokenIds(), gold, other, new double[gold.length]), input.types());
            AnalysisTables tables = analysis.finish();
            assertThat(tables.tokens()).isEqualTo(textIds.length);
            assertThat(tables.types()).extracting(TypeStatistics::type).containsExactly("NOUN");
        }
    }

    @Test
    void aModelWithoutBosReadsTheTextAlone(@TempDir Path dir) throws IOException { // with float16 weights, too
        Path noBos = Fixtures.modelWithTokenizer("llama-default", dir, "no-bos");
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(noBos.resolve("config.json").toFile());
        config.remove("bos_token_id");
        Files.writeString(noBos.resolve("config.json"), json.writeValueAsString(config));
        assertThat(BosToken.of(noBos)).isEmpty();
        AnalysisReport report = Analyzer.run(new AnalyzerInputs(new AnalyzerParams(1, 32, 0.2, 2, "upos",
                "top-k", 1.2, 3, "float16"), noBos, models.reference(), models.corpus(), null, null, null, null),
                dir.resolve("out"), ProgressListener.NONE).report();
        assertThat(report.models().bosTokenId()).isNull();
        assertThat(report.tokens()).isEqualTo(31);
        assertThat(report.samples().lengths()).containsExactly(32);
    }
}
