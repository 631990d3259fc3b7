package dev.longrecipe.schema.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Parsing events from a topic, with errors that say what is wrong with the message. */
public final class Events {
    private static final Map<String, Class<?>> BY_TOPIC = Map.of(
            Topics.RUN_REQUESTED, RunRequested.class,
            Topics.ANALYSIS_COMPLETED, AnalysisCompleted.class,
            Topics.SAMPLES_READY, SamplesReady.class,
            Topics.CHECKPOINT_READY, CheckpointReady.class,
            Topics.MODEL_MERGED, ModelMerged.class,
            Topics.BENCHMARK_COMPLETED, BenchmarkCompleted.class,
            Topics.STAGE_FAILED, StageFailed.class,
            Topics.STAGE_PROGRESS, StageProgress.class);
    /**
     * Largest event accepted, in characters of JSON. Events carry keys and small settings, never data: one this big
     * is poison (a run spec or corpus pasted into an event, or garbage), refused before it is parsed.
     */
    public static final int MAX_EVENT_CHARS = 1_000_000;
    /** Every record has a SCHEMA_VERSION constant; all are 1 today. */
    public static final int SUPPORTED_VERSION = 1;

    private Events() {
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static String now() {
        return Instant.now().toString();
    }

    public static Class<?> typeOf(String topic) {
        Class<?> type = BY_TOPIC.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("no event type is registered for topic '" + topic + "'");
        }
        return type;
    }

    /** Parses a message from {@code topic}; throws {@link InvalidEventException} naming the problem and the fix. */
    @SuppressWarnings("unchecked")
    public static <T> T parse(String topic, String json) {
        Class<T> type = (Class<T>) typeOf(topic);
        if (json != null && json.length() > MAX_EVENT_CHARS) {
            throw new InvalidEventException("message on '" + topic + "' is " + json.length() + " characters, over"
                    + " the " + MAX_EVENT_CHARS + "-character limit for events; events carry S3 keys, not content:"
                    + " put large content in S3 and publish its key");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("message on '" + topic + "' is not valid JSON ("
                    + e.getOriginalMessage() + "); publish a " + type.getSimpleName() + " as JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("message on '" + topic + "' is not a JSON object; publish a "
                    + type.getSimpleName() + " as a JSON object");
        }
        JsonNode version = node.get("schemaVersion");
        if (version == null || !version.canConvertToInt()) {
            throw new InvalidEventException("message on '" + topic + "' has no integer schemaVersion; add "
                    + "\"schemaVersion\": " + SUPPORTED_VERSION);
        }
        if (version.asInt() != SUPPORTED_VERSION) {
            throw new InvalidEventException("message on '" + topic + "' has schemaVersion " + version.asInt()
                    + " but this service understands only version " + SUPPORTED_VERSION
                    + "; upgrade the service or publish a version-" + SUPPORTED_VERSION + " event");
        }
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (com.fasterxml.jackson.databind.JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).collect(java.util.stream.Collectors.joining("."));
            throw new InvalidEventException("message on '" + topic + "' is not a valid " + type.getSimpleName()
                    + (field.isEmpty() ? "" : " (field '" + field + "')") + ": " + e.getOriginalMessage()
                    + "; see shared-schema/src/main/resources/schemas/" + topic + ".schema.json");
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("message on '" + topic + "' is not a valid " + type.getSimpleName()
                    + ": " + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("message on '" + topic + "' is not a valid " + type.getSimpleName()
                    + ": " + e.getMessage());
        }
    }

    static void require(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("field '" + field + "' is required");
        }
    }

    /** A message that can never be processed as it is: it goes to the dead-letter topic, not back to the stage. */
    public static final class InvalidEventException extends RuntimeException {
        public InvalidEventException(String message) {
            super(message);
        }
    }
}
