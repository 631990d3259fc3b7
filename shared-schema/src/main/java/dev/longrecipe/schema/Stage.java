package dev.longrecipe.schema;

import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.Payload;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The five stages of a run, each with the topic it consumes (and so the payload type of its input events), the topic
 * it completes on, its consumer group (operators read a stage's backlog as that group's lag) and its dead-letter topic.
 */
public enum Stage {
    ANALYZER(Topics.RUN_REQUESTED, Topics.ANALYSIS_COMPLETED),
    SEGMENTER(Topics.ANALYSIS_COMPLETED, Topics.SAMPLES_READY),
    TRAINER(Topics.SAMPLES_READY, Topics.CHECKPOINT_READY),
    MERGER(Topics.CHECKPOINT_READY, Topics.MODEL_MERGED),
    EVALUATOR(Topics.MODEL_MERGED, Topics.BENCHMARK_COMPLETED);

    private final String inputTopic;
    private final String outputTopic;

    Stage(String inputTopic, String outputTopic) {
        this.inputTopic = inputTopic;
        this.outputTopic = outputTopic;
    }

    /** Lower-case name used in object keys, topics and CLI arguments ("merger"). */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String inputTopic() {
        return inputTopic;
    }

    /** The payload of the events this stage consumes (MERGER: {@code CheckpointReady}). */
    public Class<? extends Payload> inputType() {
        return Events.typeOf(inputTopic);
    }

    public String outputTopic() {
        return outputTopic;
    }

    public String deadLetterTopic() {
        return Topics.deadLetter(this);
    }

    /** One consumer group per stage: its lag is the stage's backlog. */
    public String consumerGroup() {
        return "longrecipe-" + id();
    }

    public static Stage parse(String name) {
        for (Stage s : values()) {
            if (s.id().equalsIgnoreCase(name.trim())) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown stage '" + name + "': use one of "
                + Arrays.stream(values()).map(Stage::id).collect(Collectors.joining(", ")));
    }
}
