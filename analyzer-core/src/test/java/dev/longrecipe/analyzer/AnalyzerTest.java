package dev.longrecipe.analyzer;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.analyzer.report.AnalysisReport;
import dev.longrecipe.analyzer.report.ImpactfulTypeChart;
import dev.longrecipe.analyzer.testing.Fixtures;
import dev.longrecipe.analyzer.testing.ModelPair;
import dev.longrecipe.schema.spec.AnalyzerParams;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The whole stage on the fixture models (given the KJV tokenizer cut to their vocabulary) and a KJV corpus. */
class AnalyzerTest {

    static ModelPair models;

    @BeforeAll
    static void inputs(@TempDir Path shared) throws IOException {
        models = ModelPair.write(shared, 4);
    }

    /** H = {@link #models}' base on their corpus, with the spec's defaults: L = 256 (its config), L′ = 4·L. */
    static AnalyzerInputs inputs(AnalyzerParams params, Path reference) {
        return new AnalyzerInputs(params, models.base(), reference, models.corpus(), null, null, null, null);
    }

    static AnalyzerParams params(String typeSystem, String selection) {
        return new AnalyzerParams(3, 64, 0.2, 4, typeSystem, selection, 1.2, 3, "float32");
    }

    @Test
    void writesAReportAndTheFigureFourChartForTwoModelsWithDifferentRope() throws IOException {
        Path out = Files.createDirectories(Path.of("target", "analyzer-test-report"));
        List<String> progress = new ArrayList<>();
        AnalyzerResult result = Analyzer.run(inputs(params("upos", "above-base-rate"), models.reference()), out,
                ProgressListener.ofSamples((done, total) -> progress.add(done + "/" + total), ProgressListener.NONE));

        assertThat(progress).containsExactly("1/3", "2/3", "3/3");
        AnalysisReport report = AnalysisReport.read(out.resolve("report.json"));
        assertThat(report).isEqualTo(result.report());
        assertThat(report.formatVersion()).isEqualTo(1);
        assertThat(report.typeSystem()).isEqualTo("upos");
        assertThat(report.samples().lengths()).containsExactly(64, 64, 64);
        assertThat(report.tokens()).isEqualTo(3 * 63);
        // ⌈0.2·3⌉ = 1 impactful token at each of the 63 predicted positions (the models differ everywhere)
        assertThat(report.impactfulTokens()).isEqualTo(63);
        assertThat(report.entropyMax()).isCloseTo(Math.log(512), within(1e-12));
        assertThat(report.types()).extracting(AnalysisReport.TypeRow::type).contains("NOUN", "CCONJ", "PRON");
        assertThat(report.buckets()).hasSize(4);
        for (AnalysisReport.BucketRow bucket : report.buckets()) {
            assertThat(bucket.impactfulShares().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, within(1e-9));
            assertThat(bucket.baseShares().values().stream().mapToDouble(Double::doubleValue).sum())
                    .isCloseTo(1.0, within(1e-9));
            assertThat(bucket.entropyMean()).isBetween(0.0, Math.log(512));
        }
        if (report.anchorTypes().isEmpty()) {
            assertThat(report.anchorRule()).isEqualTo("none");
        } else {
            assertThat(report.anchorRule()).isEqualTo("pos-types");
            for (String anchor : report.anchorTypes()) {
                AnalysisReport.TypeRow row = report.types().stream().filter(t -> t.type().equals(anchor)).findFirst()
                        .orElseThrow();
                assertThat(row.impactfulShare()).isGreaterThanOrEqualTo(1.2 * row.baseShare());
            }
        }
        byte[] png = Files.readAllBytes(out.resolve(ImpactfulTypeChart.PNG));
        assertThat(png).hasSizeGreaterThan(1000);
        assertThat(new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("PNG");
        String svg = Files.readString(out.resolve(ImpactfulTypeChart.SVG));
        assertThat(svg.substring(0, 300)).contains("<svg");
        assertThat(svg.contains("(impactful)") && svg.contains(report.chart().types().get(0) + " (all tokens)"))
                .as("SVG names the impactful and base-rate series").isTrue();
        assertThat(result.files()).containsExactly(out.resolve("report.json"), out.resolve(ImpactfulTypeChart.PNG),
                out.resolve(ImpactfulTypeChart.SVG));
    }

    @Test
    void identicalModelsGiveZeroDeltasAndTheReportSaysNoTypeStandsOut(@TempDir Path out) {
        for (String selection : List.of("above-base-rate", "top-k")) {
            // H = H′: the same folder, and L′ = L so the trainer's rule leaves H's θ as it is
            AnalysisReport report = Analyzer.run(new AnalyzerInputs(params("upos", selection), models.base(), models.base(),
                    models.corpus(), 256, 256, null, null), out.resolve(selection), ProgressListener.NONE).report();
            assertThat(report.models().baseRopeTheta()).isEqualTo(10_000.0);
            assertThat(report.nonZeroDeltas()).isZero();
            assertThat(report.maxAbsDelta()).isZero();
            assertThat(report.impactfulTokens()).isZero();
            assertThat(report.anchorTypes()).isEmpty();
            assertThat(report.anchorRule()).isEqualTo("none");
            assertThat(report.statement()).contains("No anchor types stand out");
            assertThat(report.fallbackReason()).isEqualTo(report.statement()).contains("every Δ is zero");
            assertThat(report.types()).allSatisfy(t -> assertThat(t.deltaAbsSum()).isZero());
            assertThat(report.buckets()).allSatisfy(b ->
                    assertThat(b.entropyMean()).isCloseTo(Math.log(512), within(1e-9)));
        }
    }

    @Test
    void theVocabTypeSystemRanksTokenIdsAndLabelsThemWithTheirText(@TempDir Path out) {
        AnalysisReport report = Analyzer.run(inputs(params("vocab", "top-k"), models.reference()), out,
                ProgressListener.NONE).report();
        assertThat(report.anchorTypes()).hasSize(3);
        assertThat(report.anchorRule()).isEqualTo("token-ids");
        assertThat(report.anchorTypes()).allSatisfy(id -> assertThat(Integer.parseInt(id)).isBetween(0, 511));
        List<AnalysisReport.TypeRow> top = report.types().subList(0, 3);
        assertThat(top).extracting(AnalysisReport.TypeRow::type).containsExactlyElementsOf(report.anchorTypes());
        assertThat(top).allSatisfy(t -> assertThat(t.label()).isNotEmpty());
        assertThat(top.get(0).deltaAbsSum()).isGreaterThanOrEqualTo(top.get(1).deltaAbsSum());
    }

    @Test
    void withoutAReferenceModelTheReportStatesTheReleasedCodesDigitsRuleAndRunsNoModel(@TempDir Path out) {
        AnalyzerResult result = Analyzer.run(new AnalyzerInputs(AnalyzerParams.defaults(), models.base(), null,
                models.corpus(), 256, 1024, null, null),
                out, (done, total) -> { throw new AssertionError("no sample may be analysed"); });
        AnalysisReport report = AnalysisReport.read(result.reportFile());
        assertThat(report.anchorRule()).isEqualTo("digits");
        assertThat(report.anchorTypes()).isEmpty();
        assertThat(report.statement()).contains("released code's \"digits\" rule").contains("no model was run");
        assertThat(report.fallbackReason()).isEqualTo(report.statement());
        assertThat(report.samples().count()).isZero();
        assertThat(report.chart()).isNull();
        assertThat(result.files()).containsExactly(out.resolve("report.json"));
    }

    @Test
    void referenceModelWithADifferentTokenizerIsRefused(@TempDir Path dir) throws IOException {
        Path other = Fixtures.modelWithTokenizer("llama-linear4", dir, "other");
        Fixtures.writeTokenizer(other.resolve("tokenizer.json"), 400);
        assertThatThrownBy(() -> Analyzer.run(inputs(params("upos", "top-k"), other),
                dir.resolve("out"), ProgressListener.NONE))
                .hasMessageContaining("define different vocabularies").hasMessageContaining("same tokenizer");
    }

    @Test
    void referenceModelWithoutWeightsIsRefusedNamingIt(@TempDir Path dir) throws IOException {
        Path broken = Fixtures.modelWithTokenizer("llama-linear4", dir, "broken");
        Files.delete(broken.resolve("model.safetensors"));
        assertThatThrownBy(() -> Analyzer.run(inputs(params("upos", "top-k"), broken),
                dir.resolve("out"), ProgressListener.NONE))
                .hasMessageContaining("reference model H′").hasMessageContaining("model.safetensors");
    }

    @Test
    void aCorpusWithNoUsableTextIsRefused(@TempDir Path dir) throws IOException {
        Path empty = Files.writeString(dir.resolve("empty.jsonl"), "{\"text\": \"  \"}\n\n{\"text\": \"a\"}\n");
        assertThatThrownBy(() -> Analyzer.run(new AnalyzerInputs(params("upos", "top-k"), models.base(),
                models.reference(), empty, null, null, null, null), dir.resolve("out"), ProgressListener.NONE))
                .hasMessageContaining("has no usable text");
    }
}
