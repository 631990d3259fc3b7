package dev.longrecipe.analyzer;

import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.analyzer.anchor.AnchorChoice;
import dev.longrecipe.analyzer.anchor.AnchorSelections;
import dev.longrecipe.analyzer.corpus.CorpusDocuments;
import dev.longrecipe.analyzer.corpus.TextTokenizer;
import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.report.AnalysisReport;
import dev.longrecipe.analyzer.report.ImpactfulTypeChart;
import dev.longrecipe.analyzer.report.ReportBuilder;
import dev.longrecipe.analyzer.types.TokenTypeSystem;
import dev.longrecipe.analyzer.types.TokenTypeSystems;
import dev.longrecipe.analyzer.types.TokenizedSample;
import dev.longrecipe.analyzer.types.VocabTypeSystem;
import dev.longrecipe.hf.BosToken;
import dev.longrecipe.model.config.ExtensionRope;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.schema.spec.AnalyzerParams;

import dev.longrecipe.schema.ContextWindows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.function.Function;

/**
 * The analyzer stage as one function (docs/ALGORITHMS.md §1): reads the first {@code analyzer.samples} documents of the
 * corpus that have at least two tokens of text, each as BOS (when the model has one) + text cut to the analysis length, runs
 * H and H′ on them, and writes {@code report.json} and the Figure-4 chart into the output folder. H is the base model
 * with the RoPE the extension starts from (θ raised by the trainer's rule, see {@link AnalyzerInputs}); the analysis
 * length defaults to L′ capped at H′'s max_position_embeddings. Without H′ it writes a report stating the
 * released code's "digits" rule and runs nothing. Both models are held in memory together, so each sample is
 * read once and both logit rows of a position are at hand for the Eq. 2 entropy.
 */
public final class Analyzer {

    private Analyzer() {
    }

    public static AnalyzerResult run(AnalyzerInputs inputs, Path outDir, ProgressListener progress) {
        createDirectories(outDir);
        AnalyzerParams p = inputs.params();
        if (inputs.digitsRule()) {
            AnalysisReport report = ReportBuilder.digits(parameters(p, p.length() != null ? p.length()
                    : inputs.contextLength(), inputs.contextLength(), inputs.targetLength()),
                    AnalysisReport.Models.baseOnly(string(inputs.baseModel())));
            return write(report, outDir, List.of());
        }
        ModelConfig baseConfig = ModelFolders.config(inputs.baseModel(), "base model H");
        ModelConfig referenceConfig = ModelFolders.config(inputs.referenceModel(), "reference model H′");
        ModelFolders.checkSameVocabulary(inputs.baseModel(), baseConfig, inputs.referenceModel(), referenceConfig);
        ModelConfig hConfig = configOfH(baseConfig, inputs);
        int contextLength = contextLength(baseConfig, inputs);
        int length = length(p, hConfig, referenceConfig);
        OptionalInt bos = BosToken.of(inputs.baseModel());
        TokenTypeSystem typeSystem = TokenTypeSystems.create(p.typeSystem());
        LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(p.topFraction(), length, p.positionBuckets());

        try (TextTokenizer tokenizer = ModelFolders.tokenizer(inputs.baseModel())) {
            AnalysisSamples samples = new AnalysisSamples(tokenizer, typeSystem, bos, length);
            try (LlamaModel base = ModelFolders.loadExtended(inputs.baseModel(), hConfig.rope(),
                    hConfig.maxPositionEmbeddings(), p.weightStorage());
                 LlamaModel reference = ModelFolders.load(inputs.referenceModel(), "reference model H′",
                         p.weightStorage());
                 CorpusDocuments documents = CorpusDocuments.open(inputs.corpus())) {
                ModelPairScorer scorer = new ModelPairScorer(base, reference);
                while (analysis.samples() < p.samples() && documents.hasNext()) {
                    AnalysisSamples.Input input = samples.of(documents.next());
                    if (input.text().length() < 2) {
                        continue; // a document needs 2 tokens of text, with or without a BOS in front
                    }
                    analysis.add(scorer.score(input.tokenIds()), input.types());
                    progress.samplesAnalysed(analysis.samples(), p.samples());
                }
            }
            if (analysis.samples() == 0) {
                throw new IllegalArgumentException("corpus " + inputs.corpus() + " has no usable text: no document"
                        + " has at least 2 tokens; give a JSONL corpus of long documents"
                        + " ({\"text\": …} per line)");
            }
            AnalysisTables tables = analysis.finish();
            AnchorChoice choice = AnchorSelections.create(p.anchorSelection(), p.minLift(), p.topK())
                    .choose(tables, typeSystem::isAnchorCandidate);
            Function<String, String> labels = typeSystem instanceof VocabTypeSystem
                    ? type -> tokenizer.decode(new int[] {Integer.parseInt(type)})
                    : type -> null;
            AnalysisReport report = ReportBuilder.analysed(parameters(p, length, contextLength,
                            hConfig.maxPositionEmbeddings()),
                    new AnalysisReport.Models(string(inputs.baseModel()), string(inputs.referenceModel()),
                            baseConfig.vocabSize(), hConfig.rope().theta(), baseConfig.rope().theta(),
                            referenceConfig.rope().theta(), bos.isPresent() ? bos.getAsInt() : null),
                    tables, choice, typeSystem, baseConfig.vocabSize(), labels);
            ImpactfulTypeChart.write(report, report.chart().types(), outDir);
            return write(report, outDir, List.of(outDir.resolve(ImpactfulTypeChart.PNG),
                    outDir.resolve(ImpactfulTypeChart.SVG)));
        }
    }

    /** L: the spec's contextLength, else the base model's max_position_embeddings. */
    static int contextLength(ModelConfig baseConfig, AnalyzerInputs inputs) {
        return inputs.contextLength() != null ? inputs.contextLength() : baseConfig.maxPositionEmbeddings();
    }

    /**
     * The config H runs with: the base model's, with RoPE θ raised by the trainer's rule for L → L′
     * ({@link ExtensionRope}: trainer.ropeTheta, else the dynamic-NTK rule with s = trainer.ropeFactor or L′/L) and
     * max_position_embeddings = L′ — the model the extension starts from.
     */
    static ModelConfig configOfH(ModelConfig baseConfig, AnalyzerInputs inputs) {
        int contextLength = contextLength(baseConfig, inputs);
        int targetLength = ContextWindows.targetLength(inputs.targetLength(), contextLength);
        RopeParameters rope = ExtensionRope.forTarget(baseConfig, inputs.ropeTheta(), inputs.ropeFactor(),
                contextLength, targetLength);
        return baseConfig.withRope(rope, targetLength);
    }

    /**
     * Tokens per analysis input (BOS included): {@code analyzer.length}, else L′ capped at H′'s
     * max_position_embeddings, so long-range effects (a fact recalled hundreds of tokens later) can show.
     */
    static int length(AnalyzerParams p, ModelConfig hConfig, ModelConfig referenceConfig) {
        if (p.length() != null) {
            return p.length();
        }
        return Math.min(hConfig.maxPositionEmbeddings(), referenceConfig.maxPositionEmbeddings());
    }

    private static AnalysisReport.Parameters parameters(AnalyzerParams p, Integer length, Integer contextLength,
            Integer targetLength) {
        return new AnalysisReport.Parameters(p.samples(), length, p.topFraction(), p.positionBuckets(),
                p.typeSystem(), p.anchorSelection(), p.minLift(), p.topK(), contextLength, targetLength);
    }

    private static AnalyzerResult write(AnalysisReport report, Path outDir, List<Path> chartFiles) {
        Path reportFile = outDir.resolve(AnalysisReport.FILE_NAME);
        report.write(reportFile);
        List<Path> files = new ArrayList<>();
        files.add(reportFile);
        files.addAll(chartFiles);
        return new AnalyzerResult(report, reportFile, files);
    }

    private static String string(Path path) {
        return path == null ? null : path.toString();
    }

    private static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create output folder " + dir, e);
        }
    }
}
