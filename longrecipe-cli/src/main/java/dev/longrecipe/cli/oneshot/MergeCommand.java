package dev.longrecipe.cli.oneshot;

import dev.longrecipe.merger.MergeSummary;
import dev.longrecipe.merger.ModelMerger;
import dev.longrecipe.schema.spec.RunSpec;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code longrecipe merge --base DIR --other DIR --out DIR}: the merger stage on local folders (merger-core's
 * {@link ModelMerger}); method and λ from the spec's {@code merger} section.
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"One-shot merger: θ = λ1·θ_base + λ2·θ_other over two Hugging Face folders.",
                "merger.method and merger.parameters come from the run spec. The output keeps the other model's config and tokenizer.",
                "Example: longrecipe merge --base models/llama --other runs/x/replay/final --out models/merged"
                        + " --set merger.parameters.lambdaBase=0.3 --set merger.parameters.lambdaReplay=0.7"})
public final class MergeCommand implements Callable<Integer> {
    @Option(names = "--base", required = true, paramLabel = "DIR", description = "the base model H (HF folder)")
    Path base;

    @Option(names = "--other", required = true, paramLabel = "DIR",
            description = "the extended/replayed model (HF folder); its config.json and tokenizer go to the output")
    Path other;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "new output folder (must not exist)")
    Path out;

    @Mixin
    OneShotSpec specOptions;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        InputPaths.modelFolder("base model (--base)", base);
        InputPaths.modelFolder("other model (--other)", other);
        InputPaths.newOutput("output folder (--out)", out);
        RunSpec spec = specOptions.load("merge", Map.of("baseModel", base));

        ProgressBar bar = new ProgressBar(command.commandLine().getErr());
        MergeSummary summary;
        try {
            summary = new ModelMerger().merge(base, other, out, spec.merger().method(), spec.merger().parameters(),
                    bar::update);
        } finally {
            bar.finish();
        }
        command.commandLine().getOut().printf("merged %d tensors (%,d parameters, %.1f MB) with %s %s in %.1f s"
                        + " (%.1f MB/s) → %s%n", summary.tensors(), summary.parameters(), summary.bytes() / 1e6,
                summary.method(), new TreeMap<>(summary.params()), summary.seconds(), summary.megabytesPerSecond(), out);
        command.commandLine().getOut().flush();
        return 0;
    }
}
