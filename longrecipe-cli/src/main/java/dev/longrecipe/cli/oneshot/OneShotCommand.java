package dev.longrecipe.cli.oneshot;

import dev.longrecipe.files.FileTrees;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.schema.artifact.Locations;
import dev.longrecipe.schema.spec.RunSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * What the one-shot stage commands share: {@code --out}, the run spec options, the source their inputs are read
 * from (local paths and {@code s3://} locations, {@link OneShotSource}), the progress bar, and an output in S3 — the
 * stage writes into a temporary folder that is uploaded below the {@code s3://} prefix when the stage is done.
 * Temporary folders (S3 inputs' copies, an S3 output) are deleted when the command ends.
 */
abstract class OneShotCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "output folder, or s3://BUCKET/PREFIX/ (written in a temporary folder, then uploaded)")
    String out;

    @Mixin
    OneShotSpec specOptions;

    @Spec
    CommandSpec command;

    final OneShotSource source = new OneShotSource();
    private final List<Path> temporary = new ArrayList<>();
    private Path scratch;
    private Path outDir;

    /** The stage's work; its files go to {@link #outDir()}. */
    abstract int run();

    @Override
    public final Integer call() {
        try {
            int code = run();
            if (code == 0 && OneShotSource.isS3(out)) {
                ArtifactStore store = source.store(out);
                List<String> keys = store.uploadFolder(outDir(), Locations.asFolder(store.keyOf(out)));
                stdout().println("uploaded " + keys.size() + " file(s) to " + Locations.asFolder(out));
                stdout().flush();
            }
            return code;
        } finally {
            temporary.forEach(FileTrees::deleteQuietly); // a folder left behind is not worth failing for
        }
    }

    /** The run spec with the command's inputs written into its input fields ({@link OneShotSpec}). */
    RunSpec spec(String name, Map<String, ?> inputs) {
        return specOptions.load(name, inputs);
    }

    /**
     * The inputs the command was given, for {@link #spec}: {@code fieldsAndLocations} alternates a spec input field
     * and its location; a null location (its option left out) leaves that field to the spec.
     */
    static Map<String, String> givenInputs(String... fieldsAndLocations) {
        Map<String, String> inputs = new LinkedHashMap<>();
        for (int i = 0; i < fieldsAndLocations.length; i += 2) {
            if (fieldsAndLocations[i + 1] != null) {
                inputs.put(fieldsAndLocations[i], fieldsAndLocations[i + 1]);
            }
        }
        return inputs;
    }

    /** Where S3 inputs are copied to. */
    Path scratch() {
        if (scratch == null) {
            scratch = temporaryFolder("longrecipe-inputs-");
        }
        return scratch;
    }

    /** The local folder the stage writes: {@code --out}, or the temporary folder an S3 output is uploaded from. */
    Path outDir() {
        if (outDir == null) {
            // a new folder inside a temporary one: stages that refuse an existing output (merge) accept it
            outDir = OneShotSource.isS3(out) ? temporaryFolder("longrecipe-out-").resolve("out") : Path.of(out);
        }
        return outDir;
    }

    /** Refuses an output that exists already (local folder, or objects below the S3 prefix). */
    void requireNewOutput() {
        if (OneShotSource.isS3(out)) {
            ArtifactStore store = source.store(out);
            if (!store.list(Locations.asFolder(store.keyOf(out))).isEmpty()) {
                throw new IllegalArgumentException("output folder (--out) already exists: " + out
                        + "; choose a new output path or delete the old one");
            }
        } else {
            InputPaths.newOutput("output folder (--out)", Path.of(out));
        }
    }

    /** Runs {@code work} with a progress bar on stderr, finished whatever happens. */
    <T> T withProgress(Function<ProgressBar, T> work) {
        ProgressBar bar = new ProgressBar(command.commandLine().getErr());
        try {
            return work.apply(bar);
        } finally {
            bar.finish();
        }
    }

    PrintWriter stdout() {
        return command.commandLine().getOut();
    }

    PrintWriter stderr() {
        return command.commandLine().getErr();
    }

    private Path temporaryFolder(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            temporary.add(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
    }
}
