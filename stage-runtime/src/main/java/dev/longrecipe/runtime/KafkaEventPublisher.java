package dev.longrecipe.runtime;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@link EventPublisher} over a plain idempotent {@link KafkaProducer} (acks=all); each send waits for the ack, at
 * most {@code max.block.ms} + {@code delivery.timeout.ms}. One try: the stage runtime retries within its outage
 * budget ({@link OutageRetry}).
 */
public final class KafkaEventPublisher implements EventPublisher, AutoCloseable {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);
    private final KafkaProducer<String, byte[]> producer;

    /** @param kafkaConfig client settings, at least {@code bootstrap.servers} (serializers are set here) */
    public KafkaEventPublisher(Map<String, ?> kafkaConfig) {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        if (config.get(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG) == null) {
            throw new IllegalArgumentException("'kafka.bootstrap.servers' is not set: give the broker address, "
                    + "e.g. 127.0.0.1:9092 (KAFKA_BOOTSTRAP_SERVERS)");
        }
        config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) SEND_TIMEOUT.toMillis());
        config.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "longrecipe-publisher");
        // consumer-only keys (group.id, deserializers…) from a shared map would only produce warnings
        config.keySet().removeIf(k -> k.startsWith("group.") || k.endsWith(".deserializer")
                || k.startsWith("auto.") || k.startsWith("enable.auto"));
        this.producer = new KafkaProducer<>(config);
    }

    @Override
    public void publish(String topic, String key, byte[] value, Map<String, String> headers) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(topic, key, value);
        headers.forEach((name, v) -> record.headers().add(new RecordHeader(name, v.getBytes(StandardCharsets.UTF_8))));
        try {
            producer.send(record).get(SEND_TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EventPublishException("interrupted while publishing to '" + topic + "'", e);
        } catch (IllegalStateException e) {
            // KafkaProducer says "Cannot perform operation after producer has been closed": the service is stopping
            throw new EventPublishException("the Kafka producer is closed (the service is shutting down); the message"
                    + " for '" + topic + "' was not sent and the input is redelivered after the restart", e, true);
        } catch (ExecutionException | TimeoutException | org.apache.kafka.common.KafkaException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            throw new EventPublishException("Kafka did not accept a message on '" + topic + "' ("
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage()
                    + "); check kafka.bootstrap.servers and that the topic exists", cause);
        }
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
