package dev.longrecipe.cli.oneshot;

import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.hf.TensorInfo;
import dev.longrecipe.model.tools.LogitsTool;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code longrecipe logits --model DIR --input IN.safetensors --out OUT.safetensors}: model-core's {@link LogitsTool},
 * for checking a model against transformers number for number.
 */
@Command(name = "logits", mixinStandardHelpOptions = true,
        description = {"Logits of a model for input_ids (+ position_ids) from a safetensors file.",
                "Reads input_ids and optional position_ids, I32 or I64 [B,T]; writes logits F32 [B,T,V].",
                "Example: longrecipe logits --model models/llama --input ids.safetensors --out logits.safetensors"})
public final class LogitsCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Hugging Face model folder")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "IN.safetensors",
            description = "input_ids [B,T] (I32/I64) and optionally position_ids of the same shape (default 0…T−1)")
    Path input;

    @Option(names = "--out", required = true, paramLabel = "OUT.safetensors", description = "where logits go")
    Path out;

    @Spec
    CommandSpec command;

    @Override
    public Integer call() {
        InputPaths.modelFolder("model (--model)", model.toString());
        InputPaths.file("input (--input)", input.toString(),
                "give a safetensors file with input_ids [B,T] (e.g. saved with safetensors.torch.save_file)");
        LogitsTool.run(model, input, out);
        try (SafetensorsFile written = SafetensorsFile.open(out)) {
            TensorInfo logits = written.info("logits");
            command.commandLine().getOut().println("wrote logits " + logits.dtype() + " "
                    + Arrays.toString(logits.shape()) + " to " + out);
        }
        command.commandLine().getOut().flush();
        return 0;
    }
}
