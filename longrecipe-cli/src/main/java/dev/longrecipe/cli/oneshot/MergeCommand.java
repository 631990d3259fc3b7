package dev.longrecipe.cli.oneshot;

import dev.longrecipe.merger.MergePlan;
import dev.longrecipe.merger.MergeSummary;
import dev.longrecipe.merger.ModelMerger;
import dev.longrecipe.schema.spec.MergerParams;
import dev.longrecipe.schema.spec.RunSpec;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
                        + " density: 0.5}}'"})
public final class MergeCommand implements Callable<Integer> {
    @Option(names = "--base", paramLabel = "DIR", description = "the base model H (HF folder)")
    Path base;

    @Option(names = {"--replay", "--other"}, paramLabel = "DIR",
            description = "the replay-trained (or extended) model: the spec's 'replay' model")
    Path replay;

    @Option(names = "--extended", paramLabel = "DIR", description = "the extended model: the spec's 'extended' model")
    Path extended;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "new output folder (must not exist)")
    Path out;

    @Mixin
    OneShotSpec specOptions;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        Map<String, Path> given = new LinkedHashMap<>();
        Map<String, String> flags = Map.of("base", "--base", "extended", "--extended", "replay", "--replay");
        if (base != null) {
            InputPaths.modelFolder("base model (--base)", base);
            given.put("base", base);
        }
        if (extended != null) {
            InputPaths.modelFolder("extended model (--extended)", extended);
            given.put("extended", extended);
        }
        if (replay != null) {
            InputPaths.modelFolder("replay model (--replay)", replay);
            given.put("replay", replay);
        }
        InputPaths.newOutput("output folder (--out)", out);
        RunSpec spec = specOptions.load("merge", base != null ? Map.of("baseModel", base) : Map.of());
        MergerParams params = spec.merger();
        if (!params.sweep().isEmpty()) {
            throw new IllegalArgumentException("merger.sweep is a pipeline feature (the evaluator scores each merged"
                    + " model and picks one); here, run merge once per λ_base with merger.models weights instead");
        }
        MergePlan plan = MergePlan.of(params, spec.seed()); // every parameter checked before any tensor is read
        for (String name : plan.modelsRead()) {
            if (!given.containsKey(name)) {
                throw new IllegalArgumentException("method '" + plan.method().name() + "' reads the " + name
                        + " model (merger.models lists " + plan.inputs() + "); give it with " + flags.get(name));
            }
        }

        ProgressBar bar = new ProgressBar(command.commandLine().getErr());
        MergeSummary summary;
        try {
            summary = new ModelMerger().merge(given, out, plan, bar::update);
        } finally {
            bar.finish();
        }
        command.commandLine().getOut().printf("merged %d tensors (%,d parameters, %.1f MB) with %s of %s %s in %.1f s"
                        + " (%.1f MB/s) → %s%n", summary.tensors(), summary.parameters(), summary.bytes() / 1e6,
                summary.method(), params.models(), new TreeMap<>(summary.params()), summary.seconds(),
                summary.megabytesPerSecond(), out);
        command.commandLine().getOut().flush();
        return 0;
    }
}
