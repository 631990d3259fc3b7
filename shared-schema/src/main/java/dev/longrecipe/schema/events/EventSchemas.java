package dev.longrecipe.schema.events;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.schema.Json;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/**
 * The JSON Schema (draft 2020-12) of each topic's events, made from the records: the envelope ({@link Event}) with
 * the {@link EventHeader} and the topic's {@link Payload}. Java types give JSON types (strings, integers, numbers,
 * booleans, lists, string-keyed maps, nested records, enums); {@link Field} adds descriptions and constraints; a field
 * is required unless it is {@link Field#optional()}. The files under {@code shared-schema/src/main/resources/schemas/}
 * are these schemas, checked in for readers outside Java; {@code EventSchemasTest} fails when one differs.
 */
public final class EventSchemas {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private EventSchemas() {
    }

    /** The schema of an event on {@code topic}. */
    public static ObjectNode of(String topic) {
        Class<? extends Payload> payload = Events.typeOf(topic);
        ObjectNode schema = NODES.objectNode();
        schema.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.put("$id", "https://longrecipe.dev/schemas/" + topic + ".schema.json");
        schema.put("title", payload.getSimpleName());
        Field doc = payload.getAnnotation(Field.class);
        if (doc != null && !doc.description().isEmpty()) {
            schema.put("description", doc.description());
        }
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        schema.set("required", NODES.arrayNode().add("schemaVersion").add("header").add("payload"));
        ObjectNode properties = schema.putObject("properties");
        properties.putObject("schemaVersion").put("type", "integer").put("const", Event.VERSION)
                .put("description", "wire format version; consumers refuse versions they do not know");
        properties.set("header", record(EventHeader.class));
        properties.set("payload", record(payload));
        return schema;
    }

    /** The schema as it is written to its file: pretty-printed, two-space indent, ending in a newline. */
    public static String text(String topic) {
        return Json.writePretty(of(topic)).replace("\r\n", "\n") + "\n";
    }

    private static ObjectNode record(Class<?> type) {
        ObjectNode schema = NODES.objectNode();
        schema.put("type", "object");
        schema.put("additionalProperties", false);
        ArrayNode required = schema.putArray("required");
        ObjectNode properties = schema.putObject("properties");
        for (RecordComponent component : type.getRecordComponents()) {
            Field field = component.getAnnotation(Field.class);
            boolean optional = field != null && field.optional();
            if (!optional) {
                required.add(component.getName());
            }
            ObjectNode property = type(component.getGenericType(), field);
            if (optional) {
                allowNull(property);
            }
            if (field != null && !field.description().isEmpty()) {
                property.put("description", field.description());
            }
            properties.set(component.getName(), property);
        }
        return schema;
    }

    private static ObjectNode type(Type type, Field field) {
        ObjectNode schema = NODES.objectNode();
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (raw == String.class) {
            if (field != null && field.oneOf().length > 0) {
                ArrayNode values = schema.putArray("enum");
                for (String value : field.oneOf()) {
                    values.add(value);
                }
                return schema;
            }
            schema.put("type", "string");
            if (field != null && !field.pattern().isEmpty()) {
                schema.put("pattern", field.pattern());
            }
            if (field != null && field.minLength() >= 0) {
                schema.put("minLength", field.minLength());
            }
        } else if (raw == int.class || raw == long.class || raw == Integer.class || raw == Long.class) {
            schema.put("type", "integer");
            bounds(schema, field);
        } else if (raw == double.class || raw == float.class || raw == Double.class || raw == Float.class) {
            schema.put("type", "number");
            bounds(schema, field);
        } else if (raw == boolean.class || raw == Boolean.class) {
            schema.put("type", "boolean");
        } else if (raw.isEnum()) {
            ArrayNode values = schema.putArray("enum");
            for (Object constant : raw.getEnumConstants()) {
                values.add(Json.MAPPER.convertValue(constant, String.class));
            }
        } else if (List.class.isAssignableFrom(raw)) {
            schema.put("type", "array");
            schema.set("items", type(argument(type, 0), null));
        } else if (Map.class.isAssignableFrom(raw)) {
            if (argument(type, 0) != String.class) {
                throw new IllegalArgumentException("event maps need string keys, not " + type);
            }
            schema.put("type", "object");
            schema.set("additionalProperties", type(argument(type, 1), field)); // constraints apply to the values
        } else if (raw.isRecord()) {
            return record(raw);
        } else {
            throw new IllegalArgumentException("no JSON Schema type for " + type + "; events use strings, numbers,"
                    + " booleans, lists, maps, enums and records");
        }
        return schema;
    }

    private static Type argument(Type type, int index) {
        if (!(type instanceof ParameterizedType p)) {
            throw new IllegalArgumentException(type + " needs type arguments in an event record");
        }
        return p.getActualTypeArguments()[index];
    }

    private static void bounds(ObjectNode schema, Field field) {
        if (field != null && !Double.isNaN(field.minimum())) {
            number(schema, "minimum", field.minimum());
        }
        if (field != null && !Double.isNaN(field.maximum())) {
            number(schema, "maximum", field.maximum());
        }
    }

    private static void number(ObjectNode schema, String name, double value) {
        if (value == Math.rint(value)) {
            schema.put(name, (long) value);
        } else {
            schema.put(name, value);
        }
    }

    /** An optional field may also be null. */
    private static void allowNull(ObjectNode schema) {
        if (schema.has("enum")) {
            ((ArrayNode) schema.get("enum")).addNull();
        } else if (schema.has("type")) {
            schema.set("type", NODES.arrayNode().add(schema.get("type").asText()).add("null"));
        }
    }
}
