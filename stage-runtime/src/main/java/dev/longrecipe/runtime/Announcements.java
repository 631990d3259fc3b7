package dev.longrecipe.runtime;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.Event;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Announces intermediate artifacts of an attempt (the trainer's checkpoints) exactly once, durably: before the event
 * is published its JSON is stored as {@code <attempt>/_announced/<artifact>.json} with {@code announced: false};
 * after the broker took it, the record says {@code announced: true}. An artifact whose record is missing or not
 * announced is announced (again) when the attempt resumes — with the stored event, so the event id stays the same
 * and downstream can tell a repeat by it.
 */
final class Announcements {
    /** What {@code _announced/<artifact>.json} holds. */
    record Announcement(String artifactKey, String eventId, String eventJson, boolean announced, String announcedAt) {
    }

    private final ObjectStore store;
    private final String attemptPrefix;
    private final Consumer<String> publish;

    /** @param publish sends one event's JSON on the stage's output topic (retried within the outage budget) */
    Announcements(ObjectStore store, String attemptPrefix, Consumer<String> publish) {
        this.store = store;
        this.attemptPrefix = attemptPrefix;
        this.publish = publish;
    }

    String recordKey(String artifactKey) {
        if (!artifactKey.startsWith(attemptPrefix)) {
            throw new IllegalArgumentException("artifact '" + artifactKey + "' is not below this attempt's prefix '"
                    + attemptPrefix + "'; announce only artifacts of this attempt");
        }
        String relative = artifactKey.substring(attemptPrefix.length());
        if (relative.endsWith("/")) {
            relative = relative.substring(0, relative.length() - 1);
        }
        if (relative.isEmpty()) {
            throw new IllegalArgumentException("announce an artifact below the attempt prefix, not the prefix itself");
        }
        return attemptPrefix + "_announced/" + relative + ".json";
    }

    boolean announced(String artifactKey) {
        String key = recordKey(artifactKey);
        return store.exists(key) && read(key).announced();
    }

    /**
     * Publishes the event for {@code artifactKey} unless it was announced before; returns whether it published.
     * A record left unannounced by an earlier try is published with its stored event (same event id).
     */
    boolean announce(String artifactKey, Supplier<? extends Event<?>> build) {
        String key = recordKey(artifactKey);
        String json;
        String eventId;
        if (store.exists(key)) {
            Announcement earlier = read(key);
            if (earlier.announced()) {
                return false;
            }
            json = earlier.eventJson();
            eventId = earlier.eventId();
        } else {
            Event<?> event = build.get();
            json = Json.write(event);
            eventId = event.header().eventId();
            store.putJson(key, new Announcement(artifactKey, eventId, json, false, null));
        }
        publish.accept(json);
        store.putJson(key, new Announcement(artifactKey, eventId, json, true, Events.now()));
        return true;
    }

    private Announcement read(String key) {
        try {
            return Json.MAPPER.readValue(store.getText(key), Announcement.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("announcement record '" + key + "' is not valid JSON ("
                    + e.getOriginalMessage() + "); delete it and the artifact is announced again on resume");
        }
    }
}
