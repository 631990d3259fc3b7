package dev.longrecipe.runtime;

import java.nio.charset.StandardCharsets;

/**
 * One consumed message as the runtime sees it: where it came from (for the dead-letter headers), its key (the run
 * id) and its raw bytes (parked unchanged when it cannot be processed).
 */
public record InboundRecord(String topic, int partition, long offset, String key, byte[] value) {
    public String text() {
        return value == null ? "" : new String(value, StandardCharsets.UTF_8);
    }
}
