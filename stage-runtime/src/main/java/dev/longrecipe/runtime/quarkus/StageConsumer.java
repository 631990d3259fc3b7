package dev.longrecipe.runtime.quarkus;

import dev.longrecipe.runtime.InboundRecord;
import dev.longrecipe.runtime.StageRunner;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * The Kafka door every stage service shares: channel {@value #CHANNEL} (the stage's input topic, e.g.
 * {@code checkpoint.ready}, in consumer group {@code longrecipe-<stage>}) → {@link StageRunner}. Outputs go to the
 * stage's output topic, {@code stage.progress}, {@code stage.failed} and {@code <stage>.dead-letter} through the
 * runner's publisher.
 *
 * <p>The handler runs on a worker thread ({@code @Blocking}, ordered: one message at a time) while the connector's
 * poll thread keeps polling with the partitions paused, so hours of work never exceed {@code max.poll.interval.ms}.
 * The message is acknowledged (its offset committed) when {@link StageRunner#handle} returns.
 */
@ApplicationScoped
public class StageConsumer {
    public static final String CHANNEL = "stage-in";
    private static final Logger LOG = Logger.getLogger(StageConsumer.class);

    @Inject
    StageRunner runner;

    @Inject
    Config config;

    @Inject
    StageRuntimeConfig runtime;

    @Incoming(CHANNEL)
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        runner.handle(new InboundRecord(record.topic(), record.partition(), record.offset(), record.key(),
                record.value()));
    }

    /**
     * SIGTERM: no new message is started, and the attempt in progress is asked to save its work and stop (the
     * trainer writes a checkpoint of the steps done); shutdown waits for it up to {@code longrecipe.stage.stop-grace}.
     */
    void stopping(@Observes ShutdownEvent stopping) throws InterruptedException {
        runner.requestStop();
        if (!runtime.stopGrace().isZero() && !runner.awaitIdle(runtime.stopGrace())) {
            LOG.warnf("%s: the attempt in progress did not stop within longrecipe.stage.stop-grace (%s s); it resumes"
                    + " from what it saved before", runner.stage().id(), runtime.stopGrace().toSeconds());
        }
    }

    /** Deletes the scratch folders of attempts that a kill cut short (logged with the size freed). */
    void cleanScratch(@Observes StartupEvent started) {
        runner.cleanDeadScratch();
    }

    /** Fails start-up when the channel is not wired to the stage's consumer group (its lag is the stage's backlog). */
    void checkChannel(@Observes StartupEvent started) {
        String prefix = "mp.messaging.incoming." + CHANNEL + ".";
        String group = config.getOptionalValue(prefix + "group.id", String.class).orElse(null);
        String expected = runner.stage().consumerGroup();
        if (!expected.equals(group)) {
            throw new IllegalStateException(prefix + "group.id is '" + group + "' but the " + runner.stage().id()
                    + " stage must consume in group '" + expected + "'; set it in application.properties");
        }
        if (config.getOptionalValue(prefix + "topic", String.class).isEmpty()) {
            throw new IllegalStateException(prefix + "topic is not set; set it to '" + runner.stage().inputTopic()
                    + "' in application.properties");
        }
    }
}
