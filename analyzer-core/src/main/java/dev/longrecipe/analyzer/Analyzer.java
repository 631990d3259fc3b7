package dev.longrecipe.analyzer;

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
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.schema.spec.AnalyzerParams;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The analyzer stage as one function (ALGORITHMS.md §1): reads the first {@code analyzer.samples} documents of the
 * corpus that have at least two tokens, each cut to the analysis length, runs H and H′ on them, and writes
 * {@code report.json} and the Figure-4 chart into the output folder. Without H′ it writes a report stating the
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
                    : inputs.contextLength()), new AnalysisReport.Models(string(inputs.baseModel()), null, null));
            return write(report, outDir, List.of());
        }
        ModelConfig baseConfig = ModelFolders.config(inputs.baseModel(), "base model H");
        ModelConfig referenceConfig = ModelFolders.config(inputs.referenceModel(), "reference model H′");
        ModelFolders.checkSameVocabulary(inputs.baseModel(), baseConfig, inputs.referenceModel(), referenceConfig);
        int length = p.length() != null ? p.length()
                : inputs.contextLength() != null ? inputs.contextLength() : baseConfig.maxPositionEmbeddings();
        TokenTypeSystem typeSystem = TokenTypeSystems.create(p.typeSystem());
        LogitDeltaAnalysis analysis = new LogitDeltaAnalysis(p.topFraction(), length, p.positionBuckets());

        try (TextTokenizer tokenizer = ModelFolders.tokenizer(inputs.baseModel())) {
            try (LlamaModel base = ModelFolders.load(inputs.baseModel(), "base model H");
                 LlamaModel reference = ModelFolders.load(inputs.referenceModel(), "reference model H′");
                 CorpusDocuments documents = CorpusDocuments.open(inputs.corpus())) {
                ModelPairScorer scorer = new ModelPairScorer(base, reference);
                while (analysis.samples() < p.samples() && documents.hasNext()) {
                    TokenizedSample sample = tokenizer.tokenize(documents.next()).truncate(length);
                    if (sample.length() < 2) {
                        continue; // nothing to predict
                    }
                    analysis.add(scorer.score(sample.tokenIds()), typeSystem.types(sample));
                    progress.sampleAnalysed(analysis.samples(), p.samples());
                }
            }
            if (analysis.samples() == 0) {
                throw new IllegalArgumentException("corpus " + inputs.corpus() + " has no usable text: no document"
                        + " has at least 2 tokens; give a JSONL corpus of long documents ({\"text\": …} per line)");
            }
            AnalysisTables tables = analysis.finish();
            AnchorChoice choice = AnchorSelections.create(p.anchorSelection(), p.minLift(), p.topK())
                    .choose(tables, typeSystem::isAnchorCandidate);
            Function<String, String> labels = typeSystem instanceof VocabTypeSystem
                    ? type -> tokenizer.decode(new int[] {Integer.parseInt(type)})
                    : type -> null;
            AnalysisReport report = ReportBuilder.analysed(parameters(p, length),
                    new AnalysisReport.Models(string(inputs.baseModel()), string(inputs.referenceModel()),
                            baseConfig.vocabSize()),
                    tables, choice, typeSystem, baseConfig.vocabSize(), labels);
            ImpactfulTypeChart.write(report, report.chart().types(), outDir);
            return write(report, outDir, List.of(outDir.resolve(ImpactfulTypeChart.PNG),
                    outDir.resolve(ImpactfulTypeChart.SVG)));
        }
    }

    private static AnalysisReport.Parameters parameters(AnalyzerParams p, Integer length) {
        return new AnalysisReport.Parameters(p.samples(), length, p.topFraction(), p.positionBuckets(),
                p.typeSystem(), p.anchorSelection(), p.minLift(), p.topK());
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
