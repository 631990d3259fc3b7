package dev.longrecipe.analyzer.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.longrecipe.schema.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * {@code report.json}, format version {@value #FORMAT_VERSION}; every field is described in
 * {@code analyzer-core/REPORT_FORMAT.md}. The segmenter reads {@code anchorRule} and {@code anchorTypes}.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AnalysisReport(
        int formatVersion,
        String anchorRule,
        List<String> anchorTypes,
        String anchorSelection,
        String statement,
        String fallbackReason,
        String typeSystem,
        Parameters parameters,
        Models models,
        Samples samples,
        Long tokens,
        Long impactfulTokens,
        Long nonZeroDeltas,
        Double maxAbsDelta,
        Double entropyMax,
        List<TypeRow> types,
        List<BucketRow> buckets,
        Chart chart) {

    public static final int FORMAT_VERSION = 1;
    public static final String FILE_NAME = "report.json";

    public AnalysisReport {
        anchorTypes = List.copyOf(anchorTypes);
        types = List.copyOf(types);
        buckets = List.copyOf(buckets);
    }

    /**
     * The analysis knobs as used (after defaults were resolved).
     *
     * @param length        tokens per analysis input, BOS included: {@code analyzer.length}, else L′ capped at H′'s
     *                      max_position_embeddings
     * @param contextLength L (the spec's, else the base model's max_position_embeddings); null without H′
     * @param targetLength  L′ (the spec's, else 4·L); null without H′
     */
    public record Parameters(int samples, Integer length, double topFraction, int positionBuckets, String typeSystem,
            String anchorSelection, double minLift, int topK, Integer contextLength, Integer targetLength) {
    }

    /**
     * Where H and H′ came from (as given to the analyzer), their vocabulary size, and how they ran.
     *
     * @param baseRopeTheta      the RoPE base H ran with: the base model's θ raised by the trainer's rule for L → L′
     *                           (trainer.ropeTheta, else the dynamic-NTK rule), the RoPE the extension starts from
     * @param baseConfigTheta    the RoPE base in the base model's config.json
     * @param referenceRopeTheta the RoPE base of H′ (its config.json)
     * @param bosTokenId         the BOS token every input starts with at position 0, or null when the model has none
     */
    public record Models(String base, String reference, Integer vocabSize, Double baseRopeTheta,
            Double baseConfigTheta, Double referenceRopeTheta, Integer bosTokenId) {

        /** Without H′ only the folder of H is known. */
        public static Models baseOnly(String base) {
            return new Models(base, null, null, null, null, null, null);
        }
    }

    /** @param lengths tokens per analysed sample */
    public record Samples(int count, List<Integer> lengths) {
    }

    /** One token type; see REPORT_FORMAT.md. {@code label} is the decoded token for the vocab type system. */
    public record TypeRow(String type, String label, long count, long impactfulCount, double baseShare,
            double impactfulShare, double lift, double impactfulZ, double deltaAbsSum, double deltaSignedSum,
            double deltaAbsMean, boolean anchorCandidate) {
    }

    /** One position bucket; {@code entropyMean} is null for a bucket no sample reached. */
    public record BucketRow(int index, int fromPosition, int toPosition, long tokens, long impactfulTokens,
            Double entropyMean, Map<String, Double> impactfulShares, Map<String, Double> baseShares) {
    }

    /** File names of the chart beside report.json. */
    public record Chart(String png, String svg, List<String> types) {
    }

    public void write(Path file) {
        try {
            Files.writeString(file, Json.writePretty(this));
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }

    public static AnalysisReport read(Path file) {
        try {
            AnalysisReport report = Json.MAPPER.readValue(file.toFile(), AnalysisReport.class);
            if (report.formatVersion() != FORMAT_VERSION) {
                throw new IllegalArgumentException(file + " has report format " + report.formatVersion()
                        + " but this reader understands " + FORMAT_VERSION);
            }
            return report;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read analysis report " + file + ": " + e.getMessage(), e);
        }
    }
}
