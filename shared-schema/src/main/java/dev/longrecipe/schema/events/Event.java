package dev.longrecipe.schema.events;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;
import java.util.Objects;

/**
 * One event as it travels on a topic: the {@link EventHeader} every event shares and the topic's typed
 * {@link Payload}. On the wire: {@code {"schemaVersion": 2, "header": {…}, "payload": {…}}}; {@link Events#parse}
 * refuses any other version, naming it. Events carry object keys and small summaries, never tensors.
 *
 * @param <P> the topic's payload type
 */
@JsonPropertyOrder({"schemaVersion", "header", "payload"})
public record Event<P extends Payload>(EventHeader header, P payload) {
    /**
     * The wire format's version. 1 was the flat format (header fields beside the payload's, one record per topic);
     * 2 nests them as {@code header} and {@code payload}.
     */
    public static final int VERSION = 2;

    public Event {
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(payload, "payload");
    }

    /** Always {@link #VERSION}: what this code writes, and the only version it reads. */
    @JsonProperty("schemaVersion")
    public int schemaVersion() {
        return VERSION;
    }

    /** The same payload, marked as an operator's re-run request with these run-spec overrides. */
    public Event<P> asRerun(String newEventId, Map<String, String> overrides, boolean stopAfter) {
        return new Event<>(header.asRerun(newEventId, overrides, stopAfter), payload);
    }
}
