package dev.longrecipe.cli.oneshot;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * {@code --spec SPEC --set k=v …} of every one-shot command: the optional run spec (YAML or JSON) with the operator's
 * overrides, parsed by {@link RunSpecs#parse}, so every knob of a one-shot stage comes from the same place as in a
 * submitted run.
 *
 * <p>A one-shot command runs on the files it was given, so those paths are written into the spec's input fields
 * (replacing whatever the spec named). The spec's required inputs the command does not read are filled, when the spec
 * leaves them out, with a placeholder that says so ({@code unused-by-merge}), so a spec is never refused for lacking
 * an input the stage does not use.
 */
public final class OneShotSpec {
    /** The spec fields {@code RunSpecs} requires (replayCorpus while trainer.replayFraction > 0). */
    static final List<String> REQUIRED_INPUTS = List.of("baseModel", "corpus", "replayCorpus");

    @Option(names = "--spec", paramLabel = "SPEC",
            description = "run spec (YAML or JSON) the knobs come from; absent → the defaults of every knob")
    Path specFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "override a spec value, e.g. --set segmenter.ratio=0.5 --set merger.parameters.lambdaBase=0.3")
    Map<String, String> overrides = new LinkedHashMap<>();

    /**
     * The effective spec for {@code command}.
     *
     * @param inputs spec input field → the location the command reads it from (e.g. baseModel → --model's folder)
     */
    public RunSpec load(String command, Map<String, ?> inputs) {
        return load(command, specFile, overrides, inputs);
    }

    public static RunSpec load(String command, Path specFile, Map<String, String> overrides, Map<String, ?> inputs) {
        String text = "{}";
        if (specFile != null) {
            InputPaths.file("run spec (--spec)", specFile.toString(), "give a YAML or JSON run spec, or leave --spec out");
            try {
                text = Files.readString(specFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read run spec " + specFile + ": " + e.getMessage(), e);
            }
        }
        JsonNode given;
        try {
            given = Json.YAML.readTree(text);
        } catch (JsonProcessingException e) {
            return RunSpecs.parse(text, overrides); // reports the syntax error with its line
        }
        if (given == null || given.isMissingNode() || given.isNull()) {
            given = Json.MAPPER.createObjectNode();
        }
        if (!(given instanceof ObjectNode document)) {
            return RunSpecs.parse(text, overrides); // reports "not a mapping of fields"
        }
        inputs.forEach((field, location) -> document.put(field, location.toString()));
        for (String field : REQUIRED_INPUTS) {
            JsonNode value = document.get(field);
            if (value == null || value.isNull()) {
                document.put(field, placeholder(command));
            }
        }
        return RunSpecs.parse(Json.write(document), overrides);
    }

    /** What a required input the command does not read is set to. */
    public static String placeholder(String command) {
        return "unused-by-" + command;
    }
}
