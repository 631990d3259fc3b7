package dev.longrecipe.runtime.quarkus;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.jboss.logging.Logger;

/**
 * Counts and logs partition assignments and revocations of the stage consumer
 * ({@code longrecipe_stage_rebalances_total{event=assigned|revoked}}): a revocation while a stage works means the
 * poll loop stalled or a member joined — exactly what long stages must not cause.
 */
@ApplicationScoped
@Identifier(RebalanceCounter.NAME)
public class RebalanceCounter implements KafkaConsumerRebalanceListener {
    public static final String NAME = "longrecipe-rebalance-counter";
    private static final Logger LOG = Logger.getLogger(RebalanceCounter.class);

    @Inject
    MeterRegistry registry;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("partitions assigned: %s", partitions);
        counter("assigned").increment(partitions.size());
    }

    @Override
    public void onPartitionsRevoked(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        LOG.infof("partitions revoked: %s", partitions);
        counter("revoked").increment(partitions.size());
    }

    public double revoked() {
        return counter("revoked").count();
    }

    public double assigned() {
        return counter("assigned").count();
    }

    private Counter counter(String event) {
        return Counter.builder("longrecipe.stage.rebalances").description("partitions assigned to / revoked from"
                + " the stage consumer").tag("event", event).register(registry);
    }
}
