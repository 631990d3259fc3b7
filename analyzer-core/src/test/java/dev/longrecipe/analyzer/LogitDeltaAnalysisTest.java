package dev.longrecipe.analyzer;

import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.BucketStatistics;
import dev.longrecipe.analyzer.delta.SampleDeltas;
import dev.longrecipe.analyzer.delta.TypeStatistics;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LogitDeltaAnalysisTest {

    /** A sample whose signed deltas at positions 1…T−1 are {@code deltas} (H scores 0, H′ scores Δ). */
    static SampleDeltas sample(float... deltas) {
        double[] entropy = new double[deltas.length];
        Arrays.fill(entropy, 1.0);
        return new SampleDeltas(new int[deltas.length + 1], new float[deltas.length], deltas.clone(), entropy);
    }

    static TypeStatistics type(AnalysisTables tables, String name) {
        return tables.types().stream().filter(t -> t.type().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theLargestAbsoluteDeltaAtEachPositionIsImpactfulWhateverItsSign() {
        LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(0.2, 4, 1);
        // 5 samples → ⌈0.2·5⌉ = 1 impactful token per position; the NUM token has the largest |Δ| everywhere
        analysis.add(sample(-9f, 0.1f, 8f), new String[] {"X", "NUM", "DET", "NUM"});
        analysis.add(sample(1f, 7f, 0.3f), new String[] {"X", "NUM", "DET", "DET"});
        analysis.add(sample(2f, -1f, 1f), new String[] {"X", "DET", "DET", "DET"});
        analysis.add(sample(0.5f, 1f, -2f), new String[] {"X", "DET", "DET", "DET"});
        analysis.add(sample(3f, 0.2f, 1f), new String[] {"X", "DET", "DET", "DET"});

        AnalysisTables tables = analysis.finish();

        assertThat(tables.tokens()).isEqualTo(15);
        assertThat(tables.impactfulTokens()).isEqualTo(3);
        TypeStatistics num = type(tables, "NUM");
        assertThat(num.count()).isEqualTo(3);
        // positions 1 and 3 pick sample 0's NUM; position 2 picks sample 1's DET (|7| > |0.3|)
        assertThat(num.impactfulCount()).isEqualTo(2);
        assertThat(num.impactfulShare()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(num.baseShare()).isCloseTo(3.0 / 15, within(1e-12));
        assertThat(num.lift()).isCloseTo((2.0 / 3) / (3.0 / 15), within(1e-12));
        assertThat(type(tables, "DET").impactfulCount()).isEqualTo(1);
        assertThat(tables.types()).extracting(TypeStatistics::type).doesNotContain("X"); // position 0 is never predicted
    }

    @Test
    void typeSignificanceIsTheSumOfAbsoluteDeltasAndTheSignedSumIsKept() {
        LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(0.5, 3, 1);
        analysis.add(sample(-2f, 3f), new String[] {"X", "PRON", "NUM"});
        analysis.add(sample(4f, -0.5f), new String[] {"X", "NUM", "PRON"});

        AnalysisTables tables = analysis.finish();

        TypeStatistics num = type(tables, "NUM");
        assertThat(num.deltaAbsSum()).isCloseTo(7.0, within(1e-6));
        assertThat(num.deltaSignedSum()).isCloseTo(7.0, within(1e-6));
        TypeStatistics pron = type(tables, "PRON");
        assertThat(pron.deltaAbsSum()).isCloseTo(2.5, within(1e-6));
        assertThat(pron.deltaSignedSum()).isCloseTo(-2.5, within(1e-6));
        assertThat(tables.types()).extracting(TypeStatistics::type).containsExactly("NUM", "PRON"); // by Δ(τ)
    }

    @Test
    void theImpactfulCountPerPositionIsTheCeilingOfTheFractionOfSamplesPresent() {
        LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(0.2, 3, 1);
        for (int s = 0; s < 8; s++) {
            analysis.add(sample(s + 1, s + 1), new String[] {"X", "A" + s, "A" + s});
        }
        AnalysisTables tables = analysis.finish();
        // ⌈0.2·8⌉ = 2 per position: the two samples with the largest |Δ| (7 and 6)
        assertThat(tables.impactfulTokens()).isEqualTo(4);
        assertThat(type(tables, "A7").impactfulCount()).isEqualTo(2);
        assertThat(type(tables, "A6").impactfulCount()).isEqualTo(2);
        assertThat(type(tables, "A5").impactfulCount()).isZero();
    }

    @Test
    void shorterSamplesOnlyTakePartInThePositionsTheyReach() {
        LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(0.5, 4, 1);
        analysis.add(sample(1f, 1f, 1f), new String[] {"X", "A", "A", "A"});
        analysis.add(sample(2f), new String[] {"X", "B"});
        AnalysisTables tables = analysis.finish();
        // position 1: two samples → 1 impactful (B); positions 2, 3: one sample → 1 impactful (A)
        assertThat(tables.impactfulTokens()).isEqualTo(3);
        assertThat(type(tables, "A").impactfulCount()).isEqualTo(2);
        assertThat(type(tables, "B").impactfulCount()).isEqualTo(1);
        assertThat(tables.sampleLengths()).containsExactly(4, 2);
    }

    @Test
    void allZeroDeltasMakeNoTokenImpactful() {
        LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(0.2, 4, 2);
        analysis.add(sample(0f, 0f, 0f), new String[] {"X", "NUM", "DET", "NUM"});
        analysis.add(sample(0f, 0f, 0f), new String[] {"X", "PRON", "NUM", "DET"});
        AnalysisTables tables = analysis.finish();
        assertThat(tables.tokens()).isEqualTo(6);
        assertThat(tables.impactfulTokens()).isZero();
        assertThat(tables.nonZeroDeltas()).isZero();
        assertThat(tables.maxAbsDelta()).isZero();
        assertThat(tables.types()).allSatisfy(t -> assertThat(t.impactfulShare()).isZero());
    }

    @Test
    void bucketsReportSharesAmongImpactfulAndAllTokensAndTheMeanEntropy() {
        LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(0.5, 4, 2); // buckets: positions 0–1, 2–3
        analysis.add(new SampleDeltas(new int[4], new float[3], new float[] {5f, 1f, 1f}, new double[] {2, 4, 6}),
                new String[] {"X", "NUM", "DET", "DET"});
        analysis.add(new SampleDeltas(new int[4], new float[3], new float[] {1f, 3f, 3f}, new double[] {4, 6, 8}),
                new String[] {"X", "DET", "NUM", "PRON"});
        AnalysisTables tables = analysis.finish();

        BucketStatistics first = tables.buckets().get(0);
        assertThat(first.fromPosition()).isZero();
        assertThat(first.toPosition()).isEqualTo(1);
        assertThat(first.tokens()).isEqualTo(2);
        assertThat(first.impactfulTokens()).isEqualTo(1);
        assertThat(first.impactfulShares()).containsEntry("NUM", 1.0).containsEntry("DET", 0.0);
        assertThat(first.baseShares()).containsEntry("NUM", 0.5).containsEntry("DET", 0.5);
        assertThat(first.entropyMean()).isCloseTo(3.0, within(1e-12));

        BucketStatistics second = tables.buckets().get(1);
        assertThat(second.tokens()).isEqualTo(4);
        assertThat(second.impactfulTokens()).isEqualTo(2);
        assertThat(second.impactfulShares()).containsEntry("NUM", 0.5).containsEntry("PRON", 0.5);
        assertThat(second.baseShares()).containsEntry("DET", 0.5);
        assertThat(second.entropyMean()).isCloseTo(6.0, within(1e-12));
    }

    @Test
    void samplesLongerThanTheAnalysisLengthAreRejected() {
        LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(0.2, 2, 1);
        assertThatThrownBy(() -> analysis.add(sample(1f, 2f), new String[] {"X", "A", "B"}))
                .hasMessageContaining("longer than the analysis length 2");
    }
}
