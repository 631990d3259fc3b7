package dev.longrecipe.runtime;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning to its current end without joining a consumer group (no lag of its own): what
 * {@code longrecipe status} and the fault suite show, and what tests check a service published.
 */
public final class TopicReader {
    private TopicReader() {
    }

    /** Every record on {@code topic}, values as UTF-8 text. */
    public static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        return read(bootstrap, topic, StringDeserializer.class);
    }

    /** Every record on {@code topic}, values as the bytes that were sent. */
    public static List<ConsumerRecord<String, byte[]>> readAllBytes(String bootstrap, String topic) {
        return read(bootstrap, topic, ByteArrayDeserializer.class);
    }

    private static <V> List<ConsumerRecord<String, V>> read(String bootstrap, String topic,
                                                            Class<? extends Deserializer<V>> values) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, values.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<String, V>> out = new ArrayList<>();
        try (KafkaConsumer<String, V> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> parts = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            consumer.assign(parts);
            consumer.seekToBeginning(parts);
            Map<TopicPartition, Long> end = consumer.endOffsets(parts);
            while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                consumer.poll(Duration.ofMillis(500)).forEach(out::add);
            }
        }
        return out;
    }
}
