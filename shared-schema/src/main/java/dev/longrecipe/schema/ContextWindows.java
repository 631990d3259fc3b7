package dev.longrecipe.schema;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.spec.RunSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * The two windows of a run, worked out in one place for every stage and both doors: L, the base model's window
 * (the spec's {@code contextLength}, else the base model's {@code max_position_embeddings}), and L′, the window to
 * reach (the spec's {@code targetLength}, else {@link #DEFAULT_TARGET_FACTOR}·L).
 */
public record ContextWindows(int contextLength, int targetLength) {
    /** L′ = 4·L when the spec does not say: the paper's extension factor (8k → 32k, 16k → 64k). */
    public static final int DEFAULT_TARGET_FACTOR = 4;

    /**
     * L and L′ of {@code spec} for the base model in {@code modelFolder} (its config.json is read only when the spec
     * leaves L out).
     *
     * @param shown the base model's location as the user gave it, for errors
     */
    public static ContextWindows of(RunSpec spec, Path modelFolder, String shown) {
        int l = spec.contextLength() != null ? spec.contextLength() : maxPositions(modelFolder, shown);
        return new ContextWindows(l, targetLength(spec.targetLength(), l));
    }

    /** L′: {@code given}, else 4·L. */
    public static int targetLength(Integer given, int contextLength) {
        return given != null ? given : DEFAULT_TARGET_FACTOR * contextLength;
    }

    private static int maxPositions(Path modelFolder, String shown) {
        JsonNode config;
        try {
            config = Json.MAPPER.readTree(modelFolder.resolve("config.json").toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the base model's config.json at " + shown + ": "
                    + e.getMessage(), e);
        }
        int positions = config.path("max_position_embeddings").asInt(0);
        if (positions <= 0) {
            throw new IllegalArgumentException("the base window L is unknown: the run spec sets no contextLength and"
                    + " the base model's config.json (" + shown + ") has no positive max_position_embeddings; set"
                    + " contextLength in the run spec");
        }
        return positions;
    }
}
