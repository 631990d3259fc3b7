package dev.longrecipe.cli.oneshot;

import dev.longrecipe.merger.MergePlan;
import dev.longrecipe.merger.MergeSummary;
import dev.longrecipe.merger.MergerInputs;
import dev.longrecipe.merger.ModelMerger;
import dev.longrecipe.schema.spec.MergerParams;
import dev.longrecipe.schema.spec.RunSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code longrecipe merge --base DIR --replay DIR [--extended DIR] --out DIR}: the merger stage on local folders
 * (merger-core's {@link ModelMerger}); method, models and parameters from the spec's {@code merger} section.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"One-shot merger over Hugging Face folders; merger.method, merger.models and merger.parameters"
                + " come from the run spec (default: the paper's 0.5·base + 0.5·replay).",
                "The output keeps the config and tokenizer of the first listed model other than base.",
                "Example: longrecipe merge --base models/llama --replay runs/x/replay/final --out models/merged"
                        + " --set merger.models.base.weight=0.3 --set merger.models.replay.weight=0.7",
                "Example: longrecipe merge --base H --extended E --replay R --out M --set merger.method=ties"
                        + " --set 'merger.models={extended: {weight: 0.5, density: 0.5}, replay: {weight: 0.5,"
                        + " density: 0.5}}'", "--out must not exist yet. " + OneShotSource.HELP})
public final class MergeCommand extends OneShotCommand {
    private static final Map<String, String> FLAGS = Map.of("base", "--base", "extended", "--extended",
            "replay", "--replay");

    @Option(names = "--base", paramLabel = "DIR", description = "the base model H (HF folder)")
    String base;

    @Option(names = {"--replay", "--other"}, paramLabel = "DIR",
            description = "the replay-trained (or extended) model: the spec's 'replay' model")
    String replay;

    @Option(names = "--extended", paramLabel = "DIR", description = "the extended model: the spec's 'extended' model")
    String extended;

    @Override
    int run() {
        Map<String, String> given = new LinkedHashMap<>();
        given.put("base", base);
        given.put("extended", extended);
        given.put("replay", replay);
        given.values().removeIf(Objects::isNull);
        given.forEach((name, location) -> InputPaths.modelFolder(name + " model (" + FLAGS.get(name) + ")",
                location));
        requireNewOutput();
        RunSpec spec = spec("merge", givenInputs("baseModel", base));
        MergerParams params = spec.merger();
        if (!params.sweep().isEmpty()) {
            throw new IllegalArgumentException("merger.sweep is a pipeline feature (the evaluator scores each merged"
                    + " model and picks one); here, run merge once per λ_base with merger.models weights instead");
        }
        MergePlan plan = MergePlan.of(params, spec.seed()); // every parameter checked before any tensor is read
        for (String name : plan.modelsRead()) {
            if (!given.containsKey(name)) {
                throw new IllegalArgumentException("method '" + plan.method().name() + "' reads the " + name
                        + " model (merger.models lists " + plan.inputs() + "); give it with " + FLAGS.get(name));
            }
        }
        MergerInputs in = MergerInputs.resolve(given, plan.modelsRead(), name -> "give a Hugging Face model folder"
                + " with " + FLAGS.get(name), source, scratch());

        MergeSummary summary;
        try {
            summary = withProgress(bar -> new ModelMerger().merge(in.models(), outDir(), plan, bar::update));
        } catch (IllegalArgumentException e) {
            throw in.provenance().restate(e);
        }
        stdout().printf("merged %d tensors (%,d parameters, %.1f MB) with %s of %s %s in %.1f s (%.1f MB/s) → %s%n",
                summary.tensors(), summary.parameters(), summary.bytes() / 1e6, summary.method(), params.models(),
                new TreeMap<>(summary.params()), summary.seconds(), summary.megabytesPerSecond(), out);
        stdout().flush();
        return 0;
    }
}
