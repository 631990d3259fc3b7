package dev.longrecipe.trainer.data;

/** A sample or shard the trainer cannot use; the message names the sample and the fix. Not retriable. */
public class InvalidSampleException extends RuntimeException {
    public InvalidSampleException(String message) {
        super(message);
    }

    public InvalidSampleException(String message, Throwable cause) {
        super(message, cause);
    }
}
