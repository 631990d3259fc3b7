package dev.longrecipe.runtime;

/** What a stage waits for when a call fails with a passing error: the artifact store or the broker. */
public enum Dependency {
    S3("s3", "S3"),
    KAFKA("kafka", "Kafka");

    private final String tag;
    private final String label;

    Dependency(String tag, String label) {
        this.tag = tag;
        this.label = label;
    }

    /** The metric tag value ({@code longrecipe_stage_waiting{for="s3"}}). */
    public String tag() {
        return tag;
    }

    /** The name an operator reads in messages. */
    public String label() {
        return label;
    }
}
