package dev.longrecipe.schema.spec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.schema.Json;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads run specs (YAML or JSON): the given document is laid over {@link RunSpec#defaults()}, operator overrides
 * ({@code trainer.extension.lr=1e-5}) over that, and the result is validated. Every problem is reported at once.
 */
public final class RunSpecs {
    private RunSpecs() {
    }

    /** Parses YAML or JSON (JSON is YAML), fills defaults, validates. */
    public static RunSpec parse(String text) {
        return parse(text, Map.of());
    }

    public static RunSpec parse(String text, Map<String, String> overrides) {
        JsonNode given;
        try {
            given = Json.YAML.readTree(text);
        } catch (JsonProcessingException e) {
            throw invalid("(document)", "is not valid YAML or JSON: " + e.getOriginalMessage(),
                    "fix the syntax at line " + e.getLocation().getLineNr());
        }
        if (given == null || !given.isObject()) {
            throw invalid("(document)", "is not a mapping of fields", "write `baseModel: …`, `corpus: …` and so on");
        }
        ObjectNode merged = Json.MAPPER.valueToTree(RunSpec.defaults());
        List<SpecError> errors = new ArrayList<>();
        deepMerge(merged, (ObjectNode) given, "", errors);
        for (Map.Entry<String, String> o : overrides.entrySet()) {
            applyOverride(merged, o.getKey(), o.getValue(), errors);
        }
        if (!errors.isEmpty()) {
            throw new InvalidSpecException(errors);
        }
        migrateLegacyLinearMerge(merged);
        RunSpec spec = bind(merged);
        List<SpecError> problems = RunSpecValidator.validate(spec);
        if (!problems.isEmpty()) {
            throw new InvalidSpecException(problems);
        }
        return spec;
    }

    /**
     * Specs written before {@code merger.models} existed (stored spec.json files of older runs, old {@code --set}
     * habits) gave the linear merge's λ as {@code merger.parameters.lambdaBase} / {@code lambdaReplay}, without
     * normalisation. They become the base's and the replay model's weights with {@code normalize: false}: the same
     * θ = λ1·θ_base + λ2·θ_replay.
     */
    private static void migrateLegacyLinearMerge(ObjectNode root) {
        if (!(root.get("merger") instanceof ObjectNode merger) || !(merger.get("parameters") instanceof ObjectNode p)
                || !"linear".equals(merger.path("method").asText())
                || !(p.has("lambdaBase") || p.has("lambdaReplay"))) {
            return;
        }
        ObjectNode models = merger.get("models") instanceof ObjectNode m ? m : merger.putObject("models");
        for (String[] legacy : new String[][] {{"lambdaBase", "base"}, {"lambdaReplay", "replay"}}) {
            JsonNode value = p.remove(legacy[0]);
            if (value != null) {
                (models.get(legacy[1]) instanceof ObjectNode o ? o : models.putObject(legacy[1])).set("weight", value);
            }
        }
        p.put("normalize", false);
    }

    /** Applies overrides to an already valid spec (a re-run with {@code --set}); validates the result. */
    public static RunSpec withOverrides(RunSpec spec, Map<String, String> overrides) {
        return parse(Json.write(spec), overrides);
    }

    /** Spec maps whose keys are the user's (any key is taken, not checked against the defaults'). */
    private static final List<String> OPEN_MAPS = List.of("merger.models", "merger.parameters", "evaluator.qaDatasets");

    private static RunSpec bind(ObjectNode merged) {
        try {
            return Json.MAPPER.treeToValue(merged, RunSpec.class);
        } catch (UnrecognizedPropertyException e) {
            throw invalid(path(e), "is not a known field", "use one of " + e.getKnownPropertyIds().stream()
                    .map(Object::toString).sorted().collect(Collectors.joining(", ")));
        } catch (InvalidFormatException e) {
            throw invalid(path(e), "has value '" + e.getValue() + "' which is not a "
                    + e.getTargetType().getSimpleName(), "write a " + e.getTargetType().getSimpleName());
        } catch (MismatchedInputException e) {
            throw invalid(path(e), "has the wrong type: " + e.getOriginalMessage(), "see RunSpec's documentation");
        } catch (com.fasterxml.jackson.databind.exc.ValueInstantiationException e) { // a value's own check refused it
            String reason = e.getCause() != null ? e.getCause().getMessage() : e.getOriginalMessage();
            throw invalid(path(e), "is not valid: " + reason, "see docs/ALGORITHMS.md §6 for the accepted forms");
        } catch (JsonProcessingException e) {
            throw invalid("(document)", e.getOriginalMessage(), "see RunSpec's documentation");
        }
    }

    /** Lays {@code given} over {@code base}; fields the defaults do not have are errors naming the known ones. */
    private static void deepMerge(ObjectNode base, ObjectNode given, String prefix, List<SpecError> errors) {
        Iterator<Map.Entry<String, JsonNode>> fields = given.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> f = fields.next();
            String path = prefix + f.getKey();
            JsonNode current = base.get(f.getKey());
            if (!base.has(f.getKey())) {
                errors.add(new SpecError(path, "is not a known field", "use one of " + fieldNames(base)));
            } else if (current instanceof ObjectNode obj && f.getValue() instanceof ObjectNode sub
                    && !OPEN_MAPS.contains(path)) {
                deepMerge(obj, sub, path + ".", errors);
            } else {
                base.set(f.getKey(), f.getValue());
            }
        }
    }

    private static void applyOverride(ObjectNode root, String dotted, String value, List<SpecError> errors) {
        String[] parts = dotted.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode next = node.get(parts[i]);
            if (!(next instanceof ObjectNode obj)) {
                errors.add(new SpecError(dotted, "'" + parts[i] + "' is not a section of the spec",
                        "use one of " + fieldNames(node)));
                return;
            }
            node = obj;
        }
        String leaf = parts[parts.length - 1];
        boolean openMap = OPEN_MAPS.stream().anyMatch(m -> dotted.startsWith(m + "."));
        if (!openMap && !node.has(leaf)) {
            errors.add(new SpecError(dotted, "is not a known field", "use one of " + fieldNames(node)));
            return;
        }
        try {
            node.set(leaf, Json.YAML.readTree(value));
        } catch (JsonProcessingException e) {
            errors.add(new SpecError(dotted, "value '" + value + "' does not parse", "quote it or fix its syntax"));
        }
    }

    private static String fieldNames(ObjectNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return String.join(", ", names);
    }

    private static String path(com.fasterxml.jackson.databind.JsonMappingException e) {
        return e.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static InvalidSpecException invalid(String field, String problem, String fix) {
        return new InvalidSpecException(List.of(new SpecError(field, problem, fix)));
    }
}
