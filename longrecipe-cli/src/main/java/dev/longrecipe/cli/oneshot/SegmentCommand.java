package dev.longrecipe.cli.oneshot;

import dev.longrecipe.analyzer.report.AnalysisReport;
import dev.longrecipe.hf.BosToken;
import dev.longrecipe.schema.ContextWindows;
import dev.longrecipe.schema.artifact.Provenance;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.segmenter.Segmenter;
import dev.longrecipe.segmenter.SegmenterInputs;
import dev.longrecipe.segmenter.SegmenterResult;
import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.segmenter.SegmenterStats;
import dev.longrecipe.segmenter.SettingsFromSpec;
import dev.longrecipe.segmenter.UnusableCorpusException;
import dev.longrecipe.draw.anchor.DigitsAnchorRule;
import dev.longrecipe.draw.anchor.PosTypeAnchorRule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe segment …}: the segmenter stage on local files (segmenter-core's {@link Segmenter} with
 * {@link SettingsFromSpec}); {@code --explain N} prints decoded samples with their positions.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"One-shot segmenter: JSONL corpus → sample shards, manifest.json, stats.json.",
                "Method, L′, ratio, transform and seeds come from the run spec. With --explain N, prints N decoded samples with their"
                + " positions (after the run, or of an existing --out when --corpus is left out).",
                "Example: longrecipe segment --corpus kjv.jsonl --model models/llama --out samples --report"
                        + " analysis/report.json --set targetLength=32768 --explain 2",
                "--out is a new or empty folder. " + OneShotSource.HELP + " --explain without --corpus reads a"
                        + " local --out and tokenizer."})
public final class SegmentCommand extends OneShotCommand {
    @Option(names = "--corpus", paramLabel = "FILE",
            description = "JSONL corpus ({\"text\": …} per line, optionally .gz); leave out to only --explain --out")
    String corpus;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.json", description = "the base model's tokenizer.json"
            + " (default: --model's)")
    Path tokenizer;

    @Option(names = "--context-length", paramLabel = "L",
            description = "the base window L (default: the spec's contextLength, else --model's max_position_embeddings)")
    Integer contextLength;

    @Option(names = "--model", paramLabel = "DIR",
            description = "base model folder: its max_position_embeddings is L, its tokenizer.json the tokenizer, and"
                    + " its config/tokenizer files say whether samples start with a BOS token (without --model: the"
                    + " folder of --tokenizer)")
    String model;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Anchors anchors;

    static final class Anchors {
        @Option(names = "--anchors", split = ",", paramLabel = "TYPE",
                description = "anchor token types (Universal POS tags, e.g. NUM,PRON,AUX), or 'digits' for the"
                        + " released code's rule")
        List<String> types;

        @Option(names = "--report", paramLabel = "report.json",
                description = "the analyzer's report.json: its anchorRule and anchorTypes")
        Path report;
    }

    @Option(names = "--partition", paramLabel = "i/n",
            description = "process only corpus lines with index mod n = i (split one attempt across workers)")
    String partition;

    @Option(names = "--explain", paramLabel = "N", description = "print N decoded samples with their positions (the"
            + " epoch-0 draws; the trainer draws every sample afresh each epoch)")
    int explain;

    @Override
    int run() {
        PrintWriter out = stdout();
        if (model != null) {
            InputPaths.modelFolder("base model (--model)", model);
        }
        if (corpus == null) {
            if (explain <= 0) {
                throw new IllegalArgumentException("segment needs --corpus FILE (or --explain N to look at the"
                        + " samples already in --out)");
            }
            InputPaths.file("segmenter output (--out) manifest", outDir().resolve("manifest.json").toString(),
                    "run segment with --corpus first, or point --out at a local segmenter output folder");
            out.print(new Segmenter().explain(outDir(), explain, localTokenizer()));
            out.flush();
            return 0;
        }
        InputPaths.corpus("corpus (--corpus)", corpus);
        RunSpec spec = spec("segment", givenInputs("corpus", corpus, "baseModel", model));
        SegmenterInputs in = inputs(spec);
        AnchorChoice anchor = anchorChoice(stderr());
        SegmenterSettings settings = SettingsFromSpec.from(spec, in.windows().contextLength(), anchor.rule(),
                anchor.types(), BosToken.of(in.modelFolder()));
        if (partition != null) {
            int[] p = partition(partition);
            settings = settings.toBuilder().partition(p[0], p[1]).build();
        }
        SegmenterSettings chosen = settings;
        SegmenterResult result;
        try {
            result = withProgress(bar -> new Segmenter().run(chosen, in.corpus(), in.tokenizer(), outDir(),
                    bar::update));
        } catch (UnusableCorpusException e) {
            throw in.provenance().restate(e);
        }
        printSummary(out, settings, result);
        if (explain > 0) {
            out.println();
            out.print(new Segmenter().explain(outDir(), explain, in.tokenizer()));
        }
        out.flush();
        return 0;
    }

    /**
     * With --model: the stage's own inputs (corpus, the model's tokenizer and BOS files, L from the spec or the
     * model), --tokenizer and --context-length overriding. Without: the corpus, --tokenizer and its folder, L from
     * --context-length or the spec.
     */
    private SegmenterInputs inputs(RunSpec spec) {
        if (model != null && tokenizer == null && contextLength == null) {
            return SegmenterInputs.resolve(spec, source, scratch());
        }
        Path tokenizerJson = localTokenizer();
        SegmenterInputs in = model != null ? SegmenterInputs.resolve(spec, source, scratch()) : null;
        Provenance provenance = in != null ? in.provenance() : new Provenance();
        Path corpusFile = in != null ? in.corpus() : provenance.add(source.file("corpus (--corpus)", corpus,
                scratch(), "give a JSONL file with one {\"text\": …} object per line (optionally .gz)"));
        int l = contextLength(spec);
        return new SegmenterInputs(corpusFile, tokenizerJson, in != null ? in.modelFolder()
                : tokenizerJson.toAbsolutePath().getParent(), new ContextWindows(l, spec.targetLengthFor(l)),
                provenance);
    }

    /** --tokenizer, else --model's tokenizer.json (both local: --explain and overrides read them in place). */
    private Path localTokenizer() {
        if (tokenizer != null) {
            return Path.of(InputPaths.file("tokenizer (--tokenizer)", tokenizer.toString(),
                    "give the base model's tokenizer.json"));
        }
        if (model != null && !OneShotSource.isS3(model)) {
            return Path.of(InputPaths.file("base model (--model)'s tokenizer.json",
                    Path.of(model).resolve("tokenizer.json").toString(),
                    "copy the model's tokenizer.json into the folder or pass --tokenizer"));
        }
        throw new IllegalArgumentException("segment needs a tokenizer: pass --tokenizer tokenizer.json or --model DIR"
                + " (a Hugging Face folder with tokenizer.json)");
    }

    /** L: --context-length, else the spec's contextLength, else the model's max_position_embeddings. */
    private int contextLength(RunSpec spec) {
        if (contextLength != null) {
            if (contextLength < 16) {
                throw new IllegalArgumentException("--context-length " + contextLength + " is below 16; give the base"
                        + " model's window L, e.g. 8192");
            }
            return contextLength;
        }
        if (spec.contextLength() != null) {
            return spec.contextLength();
        }
        if (model != null) {
            return ContextWindows.of(spec, Path.of(model), model).contextLength();
        }
        throw new IllegalArgumentException("segment needs the base window L: pass --context-length L, --model DIR"
                + " (its max_position_embeddings), or set contextLength in the spec");
    }

    private record AnchorChoice(String rule, List<String> types, String fallbackReason) {
        AnchorChoice(String rule, List<String> types) {
            this(rule, types, null);
        }
    }

    private AnchorChoice anchorChoice(PrintWriter err) {
        if (anchors != null && anchors.report != null) {
            InputPaths.file("analysis report (--report)", anchors.report.toString(),
                    "give the analyzer's report.json");
            AnalysisReport report = AnalysisReport.read(anchors.report);
            AnchorChoice choice = new AnchorChoice(report.anchorRule(), report.anchorTypes(), report.fallbackReason());
            SettingsFromSpec.anchorFallback(choice.rule(), choice.types(), choice.fallbackReason())
                    .ifPresent(note -> err.println("segment: " + note));
            return choice;
        }
        if (anchors != null && anchors.types != null) {
            List<String> types = new ArrayList<>();
            anchors.types.stream().map(String::trim).filter(t -> !t.isEmpty()).forEach(types::add);
            if (types.equals(List.of(DigitsAnchorRule.NAME))) {
                return new AnchorChoice(DigitsAnchorRule.NAME, List.of());
            }
            return new AnchorChoice(PosTypeAnchorRule.NAME, types.stream().map(t -> t.toUpperCase(Locale.ROOT))
                    .toList());
        }
        err.println("segment: no --anchors or --report given; anchor sentences follow the released code's"
                + " 'digits' rule");
        return new AnchorChoice(DigitsAnchorRule.NAME, List.of());
    }

    /** "i/n" → {i, n}. */
    static int[] partition(String text) {
        String[] parts = text.split("/");
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].trim());
                int n = Integer.parseInt(parts[1].trim());
                if (n >= 1 && i >= 0 && i < n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--partition '" + text + "' is not i/n with 0 ≤ i < n; e.g. --partition"
                + " 0/4 takes corpus lines 0, 4, 8, … (run 1/4, 2/4 and 3/4 in other processes)");
    }

    private static void printSummary(PrintWriter out, SegmenterSettings settings, SegmenterResult result) {
        SegmenterStats s = result.stats();
        out.printf(Locale.ROOT, "method %s: %,d samples (%,d tokens, Ls = %d, L′ = %d) in %d shards from %,d of %,d"
                        + " documents%n", settings.method(), s.samples(), s.tokens(), s.sampleLength(),
                s.targetLength(), result.shards().size(), s.documentsUsed(), s.documentsRead());
        out.printf(Locale.ROOT, "  anchor rule %s %s: anchor hit rate %.3f, sentences kept %,d / dropped %,d%n",
                settings.anchorRule(), settings.anchorTypes().isEmpty() ? "" : settings.anchorTypes(),
                s.anchorHitRate(), s.keptSentences(), s.droppedSentences());
        out.printf(Locale.ROOT, "  avg continuous segment %.1f tokens, avg token distance %.1f, position coverage"
                + " %.3f of [0, L′)%n", s.avgContinuousSegmentLength(), s.avgTokenDistance(), s.positionCoverage());
        Map<String, Long> skipped = new TreeMap<>(s.badInput());
        skipped.values().removeIf(count -> count == 0);
        if (!skipped.isEmpty()) {
            out.println("  skipped input lines: " + skipped);
        }
        out.println("  manifest: " + result.manifest());
        out.println("  stats:    " + result.statsFile());
    }
}
