package dev.longrecipe.schema.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Topics;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Parsing events from a topic, with errors that say what is wrong with the message. */
public final class Events {
    private static final Map<String, Class<? extends Payload>> BY_TOPIC = byTopic();
    private static final Set<String> ENVELOPE_FIELDS = Set.of("schemaVersion", "header", "payload");
    /**
     * Largest event accepted, in characters of JSON. Events carry keys and small settings, never data: one this big
     * is poison (a run spec or corpus pasted into an event, or garbage), refused before it is parsed.
     */
    public static final int MAX_EVENT_CHARS = 1_000_000;

    private Events() {
    }

    private static Map<String, Class<? extends Payload>> byTopic() {
        Map<String, Class<? extends Payload>> types = new LinkedHashMap<>();
        types.put(Topics.RUN_REQUESTED, RunRequested.class);
        types.put(Topics.ANALYSIS_COMPLETED, AnalysisCompleted.class);
        types.put(Topics.SAMPLES_READY, SamplesReady.class);
        types.put(Topics.CHECKPOINT_READY, CheckpointReady.class);
        types.put(Topics.MODEL_MERGED, ModelMerged.class);
        types.put(Topics.BENCHMARK_COMPLETED, BenchmarkCompleted.class);
        types.put(Topics.STAGE_FAILED, StageFailed.class);
        types.put(Topics.STAGE_PROGRESS, StageProgress.class);
        return java.util.Collections.unmodifiableMap(types);
    }

    public static String newId() {
        return UUID.randomUUID().toString();
    }

    public static String now() {
        return Instant.now().toString();
    }

    /** Topic → payload type, for every topic that carries events. */
    public static Map<String, Class<? extends Payload>> topics() {
        return BY_TOPIC;
    }

    public static Class<? extends Payload> typeOf(String topic) {
        Class<? extends Payload> type = BY_TOPIC.get(topic);
        if (type == null) {
            throw new IllegalArgumentException("no event type is registered for topic '" + topic + "'");
        }
        return type;
    }

    /**
     * Parses a message from {@code topic} into an event with that topic's payload type; throws
     * {@link InvalidEventException} naming the problem and the fix.
     */
    public static <P extends Payload> Event<P> parse(String topic, String json) {
        @SuppressWarnings("unchecked")
        Class<P> type = (Class<P>) typeOf(topic);
        String name = type.getSimpleName();
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
                    + e.getOriginalMessage() + "); publish a " + name + " event as JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("message on '" + topic + "' is not a JSON object; publish a "
                    + name + " event as a JSON object");
        }
        checkVersion(topic, node.get("schemaVersion"));
        for (Iterator<String> fields = node.fieldNames(); fields.hasNext(); ) {
            String field = fields.next();
            if (!ENVELOPE_FIELDS.contains(field)) {
                throw new InvalidEventException("message on '" + topic + "' has a field '" + field + "' beside"
                        + " schemaVersion, header and payload; see " + schemaFile(topic));
            }
        }
        EventHeader header = part(topic, node, "header", EventHeader.class);
        P payload = part(topic, node, "payload", type);
        return new Event<>(header, payload);
    }

    private static void checkVersion(String topic, JsonNode version) {
        if (version == null || !version.canConvertToInt()) {
            throw new InvalidEventException("message on '" + topic + "' has no integer schemaVersion; add "
                    + "\"schemaVersion\": " + Event.VERSION);
        }
        if (version.asInt() == 1) {
            throw new InvalidEventException("message on '" + topic + "' is a version-1 event (schemaVersion 1: its"
                    + " header fields beside the payload's) but this service needs version " + Event.VERSION
                    + " ({\"schemaVersion\": " + Event.VERSION + ", \"header\": {…}, \"payload\": {…}}); upgrade the"
                    + " producer to this release, or re-publish the run's event with `longrecipe rerun RUN STAGE`");
        }
        if (version.asInt() != Event.VERSION) {
            throw new InvalidEventException("message on '" + topic + "' has schemaVersion " + version.asInt()
                    + " but this service understands only version " + Event.VERSION
                    + "; upgrade the service or publish a version-" + Event.VERSION + " event");
        }
    }

    private static <T> T part(String topic, JsonNode event, String part, Class<T> type) {
        JsonNode node = event.get(part);
        if (node == null || !node.isObject()) {
            throw new InvalidEventException("message on '" + topic + "' has no " + part + " object; see "
                    + schemaFile(topic));
        }
        String what = part.equals("header") ? "event header" : type.getSimpleName();
        try {
            return Json.MAPPER.treeToValue(node, type);
        } catch (JsonMappingException e) {
            String field = e.getPath().stream().map(r -> r.getFieldName() == null ? "[" + r.getIndex() + "]"
                    : r.getFieldName()).collect(Collectors.joining("."));
            Throwable cause = e.getCause() instanceof IllegalArgumentException iae ? iae : null;
            throw new InvalidEventException("message on '" + topic + "' is not a valid " + what + " (field '"
                    + part + (field.isEmpty() ? "" : "." + field) + "'): "
                    + (cause != null ? cause.getMessage() : e.getOriginalMessage()) + "; see " + schemaFile(topic));
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("message on '" + topic + "' is not a valid " + what + ": "
                    + e.getOriginalMessage());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("message on '" + topic + "' is not a valid " + what + ": "
                    + e.getMessage());
        }
    }

    private static String schemaFile(String topic) {
        return "shared-schema/src/main/resources/schemas/" + topic + ".schema.json";
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
