package dev.longrecipe.merger;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.spec.MergerParams;

/** Merge plans for tests, written as the spec's {@code merger} section in YAML. */
final class Plans {
    /** The paper's merge: 0.5·base + 0.5·replay. */
    static final MergePlan PAPER = MergePlan.of(MergerParams.defaults(), 42);

    private Plans() {
    }

    static MergerParams params(String yaml) {
        try {
            return Json.YAML.readValue(yaml, MergerParams.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static MergePlan of(String yaml) {
        return MergePlan.of(params(yaml), 42);
    }
}
