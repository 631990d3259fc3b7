package dev.longrecipe.runtime;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An {@link EventPublisher} that keeps every message it is given, in order, instead of sending it to a broker. */
final class RecordingPublisher implements EventPublisher {
    /** One published message. */
    record Message(String topic, String key, byte[] value, Map<String, String> headers) {
        String text() {
            return new String(value, StandardCharsets.UTF_8);
        }
    }

    private final List<Message> messages = new ArrayList<>();

    @Override
    public synchronized void publish(String topic, String key, byte[] value, Map<String, String> headers) {
        messages.add(new Message(topic, key, value, Map.copyOf(headers)));
    }

    /** The messages published on {@code topic} with key {@code key}, in order. */
    synchronized List<Message> on(String topic, String key) {
        return messages.stream().filter(m -> m.topic().equals(topic) && key.equals(m.key())).toList();
    }

    /** Their values as text. */
    List<String> texts(String topic, String key) {
        return on(topic, key).stream().map(Message::text).toList();
    }
}
