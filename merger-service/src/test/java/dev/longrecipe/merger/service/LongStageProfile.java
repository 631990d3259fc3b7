package dev.longrecipe.merger.service;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** A poll interval of 3 s and a merger that works 12 s: work four times longer than Kafka allows between polls. */
public class LongStageProfile implements QuarkusTestProfile {
    static final int MAX_POLL_INTERVAL_MS = 3_000;

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("mp.messaging.incoming.stage-in.max.poll.interval.ms", Integer.toString(MAX_POLL_INTERVAL_MS));
    }

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(SlowMergerHandler.class);
    }
}
