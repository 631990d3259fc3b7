package dev.longrecipe.runtime;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Sends one message and waits until the broker has it. Stage messages are keyed by run id, so all events of a run
 * keep their order. Failing to publish throws {@link EventPublishException} (retriable).
 */
public interface EventPublisher {
    void publish(String topic, String key, byte[] value, Map<String, String> headers);

    default void publish(String topic, String key, String json) {
        publish(topic, key, json.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
