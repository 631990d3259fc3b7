package dev.longrecipe.runtime;

import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.EventHeader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The attempts of one stage of one run, as recorded in the bucket ({@link ObjectKeys}): an attempt is claimed by
 * {@code _attempt.json} naming its input event, complete once {@code _completed.json} exists, and announced once
 * {@code _announced.json} records that its completion was published. Decides what an incoming event means:
 * <ul>
 *   <li>an attempt claimed by the same event id, completed and announced → a duplicate: nothing to do or send
 *       (downstream already has the completion, with the same event id);</li>
 *   <li>claimed by the same event id, completed but never announced (the service stopped between
 *       {@code _completed.json} and the publish) → publish the stored completion (same event id), no work;</li>
 *   <li>claimed by the same event id but not completed (the service stopped mid-run) → run that attempt again;</li>
 *   <li>otherwise (a new event, including an operator's re-run, which always carries a fresh event id) → a new
 *       attempt numbered one above the highest existing one.</li>
 * </ul>
 * Events of one run share a partition (keyed by run id) and a stage has one consumer group, so one consumer decides
 * for a run at a time.
 */
final class Attempts {
    private final ObjectStore store;
    private final Stage stage;

    Attempts(ObjectStore store, Stage stage) {
        this.store = store;
        this.stage = stage;
    }

    /** What to do with an event. */
    sealed interface Decision permits Duplicate, Announce, Run {
    }

    /** The attempt completed and its completion was announced: nothing to do. */
    record Duplicate(int attempt) implements Decision {
    }

    /** The attempt completed but its completion was never published: publish {@code completionJson}. */
    record Announce(int attempt, String completionJson) implements Decision {
    }

    /** Run attempt {@code attempt}; {@code resumed} when it was claimed before by the same event. */
    record Run(int attempt, boolean resumed) implements Decision {
    }

    Decision decide(EventHeader header) {
        String runId = header.runId();
        int highest = 0;
        for (int n : existing(runId)) {
            highest = Math.max(highest, n);
            Optional<AttemptClaim> claim = claim(runId, n);
            if (claim.isPresent() && header.eventId().equals(claim.get().inputEventId())) {
                String completedKey = ObjectKeys.completed(runId, stage, n);
                if (store.exists(completedKey)) {
                    if (store.exists(announcedKey(runId, n))) {
                        return new Duplicate(n);
                    }
                    return new Announce(n, store.getText(completedKey));
                }
                return new Run(n, true);
            }
        }
        return new Run(highest + 1, false);
    }

    void claim(EventHeader header, String inputTopic, int attempt) {
        AttemptClaim claim = new AttemptClaim(stage.id(), attempt, header.eventId(), inputTopic, header.lineage(),
                header.rerun(), header.overrides(), Events.now());
        store.putJson(ObjectKeys.claim(header.runId(), stage, attempt), claim);
    }

    /** Records that attempt {@code attempt}'s completion (event {@code eventId}) was published. */
    void markAnnounced(String runId, int attempt, String eventId) {
        store.putJson(announcedKey(runId, attempt), java.util.Map.of("eventId", eventId, "announcedAt", Events.now()));
    }

    String announcedKey(String runId, int attempt) {
        return ObjectKeys.attempt(runId, stage, attempt) + "_announced.json";
    }

    /** Attempt numbers that have a folder in the bucket, ascending. */
    List<Integer> existing(String runId) {
        List<Integer> numbers = new ArrayList<>();
        for (String folder : store.listFolders(ObjectKeys.stage(runId, stage))) {
            int n = ObjectKeys.attemptOf(runId, stage, folder);
            if (n > 0) {
                numbers.add(n);
            }
        }
        numbers.sort(null);
        return numbers;
    }

    Optional<AttemptClaim> claim(String runId, int attempt) {
        String key = ObjectKeys.claim(runId, stage, attempt);
        return store.exists(key) ? Optional.of(store.getJson(key, AttemptClaim.class)) : Optional.empty();
    }
}
