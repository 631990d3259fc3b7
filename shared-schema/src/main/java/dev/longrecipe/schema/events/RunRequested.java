package dev.longrecipe.schema.events;

/** A run was submitted; its validated spec is at {@code specKey}. Topic: {@link dev.longrecipe.schema.Topics#RUN_REQUESTED}. */
@Field(description = "A run was submitted; its validated spec is in S3. Topic run.requested.")
public record RunRequested(@Field(description = "runs/<run>/spec.json", minLength = 1) String specKey)
        implements Payload {
}
