package dev.longrecipe.schema.spec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.longrecipe.schema.Json;

/** What the spec's sections read as when they are empty: each knob's default, from its record's compact constructor. */
final class SpecSections {
    private SpecSections() {
    }

    /** The section {@code type} with nothing given: every knob at the default its compact constructor fills in. */
    static <T> T empty(Class<T> type) {
        return Json.MAPPER.convertValue(JsonNodeFactory.instance.objectNode(), type);
    }
}
