package dev.longrecipe.cli.oneshot;

import dev.longrecipe.analyzer.report.AnalysisReport;
import dev.longrecipe.hf.BosToken;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.segmenter.Segmenter;
import dev.longrecipe.segmenter.SegmenterResult;
import dev.longrecipe.segmenter.SegmenterSettings;
import dev.longrecipe.segmenter.SegmenterStats;
import dev.longrecipe.segmenter.SettingsFromSpec;
import dev.longrecipe.segmenter.anchor.DigitsAnchorRule;
import dev.longrecipe.segmenter.anchor.PosTypeAnchorRule;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code longrecipe segment …}: the segmenter stage on local files (segmenter-core's {@link Segmenter} with
 * {@link SettingsFromSpec}); {@code --explain N} prints decoded samples with their positions.
 */
@Command(name = "segment", mixinStandardHelpOptions = true,
        description = {"One-shot segmenter: JSONL corpus → sample shards, manifest.json, stats.json.",
                "Method, L′, ratio, transform and seeds come from the run spec. With --explain N, prints N decoded samples with their"
                + " positions (after the run, or of an existing --out when --corpus is left out).",
                "Example: longrecipe segment --corpus kjv.jsonl --model models/llama --out samples --report"
                        + " analysis/report.json --set targetLength=32768 --explain 2"})
public final class SegmentCommand implements Callable<Integer> {
    @Option(names = "--corpus", paramLabel = "FILE",
            description = "JSONL corpus ({\"text\": …} per line, optionally .gz); leave out to only --explain --out")
    Path corpus;

    @Option(names = "--tokenizer", paramLabel = "tokenizer.json", description = "the base model's tokenizer.json"
            + " (default: --model's)")
    Path tokenizer;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "output folder (new or empty)")
    Path out;

    @Option(names = "--context-length", paramLabel = "L",
            description = "the base window L (default: the spec's contextLength, else --model's max_position_embeddings)")
    Integer contextLength;

    @Option(names = "--model", paramLabel = "DIR",
            description = "base model folder: its max_position_embeddings is L, its tokenizer.json the tokenizer, and"
                    + " its config/tokenizer files say whether samples start with a BOS token (without --model: the"
                    + " folder of --tokenizer)")
    Path model;

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

    @Mixin
    OneShotSpec specOptions;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        PrintWriter out = command.commandLine().getOut();
        if (model != null) {
            InputPaths.modelFolder("base model (--model)", model);
        }
        Path tokenizerJson = tokenizerJson();
        if (corpus == null) {
            if (explain <= 0) {
                throw new IllegalArgumentException("segment needs --corpus FILE (or --explain N to look at the"
                        + " samples already in --out)");
            }
            InputPaths.file("segmenter output (--out) manifest", out().resolve("manifest.json"),
                    "run segment with --corpus first, or point --out at a segmenter output folder");
            out.print(new Segmenter().explain(this.out, explain, tokenizerJson));
            out.flush();
            return 0;
        }
        InputPaths.corpus("corpus (--corpus)", corpus);
        Map<String, Path> inputs = new LinkedHashMap<>();
        inputs.put("corpus", corpus);
        if (model != null) {
            inputs.put("baseModel", model);
        }
        RunSpec spec = specOptions.load("segment", inputs);
        int l = contextLength(spec);
        AnchorChoice anchor = anchorChoice(command.commandLine().getErr());
        SegmenterSettings settings = SettingsFromSpec.from(spec, l, anchor.rule(), anchor.types(),
                BosToken.of(modelFolder(tokenizerJson)));
        if (partition != null) {
            int[] p = partition(partition);
            settings = settings.toBuilder().partition(p[0], p[1]).build();
        }

        ProgressBar bar = new ProgressBar(command.commandLine().getErr());
        SegmenterResult result;
        try {
            result = new Segmenter().run(settings, corpus, tokenizerJson, this.out, bar::update);
        } finally {
            bar.finish();
        }
        printSummary(out, settings, result);
        if (explain > 0) {
            out.println();
            out.print(new Segmenter().explain(this.out, explain, tokenizerJson));
        }
        out.flush();
        return 0;
    }

    private Path out() {
        return InputPaths.folder("segmenter output (--out)", out, "run segment with --corpus first");
    }

    private Path tokenizerJson() {
        if (tokenizer != null) {
            return InputPaths.file("tokenizer (--tokenizer)", tokenizer, "give the base model's tokenizer.json");
        }
        if (model != null) {
            return InputPaths.file("base model (--model)'s tokenizer.json", model.resolve("tokenizer.json"),
                    "copy the model's tokenizer.json into the folder or pass --tokenizer");
        }
        throw new IllegalArgumentException("segment needs a tokenizer: pass --tokenizer tokenizer.json or --model DIR"
                + " (a Hugging Face folder with tokenizer.json)");
    }

    /**
     * The folder whose config.json, tokenizer.json and tokenizer_config.json say whether samples start with a BOS token:
     * --model, else the folder holding --tokenizer.
     */
    private Path modelFolder(Path tokenizerJson) {
        return model != null ? model : tokenizerJson.toAbsolutePath().getParent();
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
            return ModelConfig.read(model.resolve("config.json")).maxPositionEmbeddings();
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
            InputPaths.file("analysis report (--report)", anchors.report, "give the analyzer's report.json");
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
