package dev.longrecipe.trainer.checkpoint;

import java.io.IOException;

/** A checkpoint could not be written (disk full, permissions); the message says what to do and what is kept. */
public class CheckpointWriteException extends RuntimeException {
    public CheckpointWriteException(String message, IOException cause) {
        super(message, cause);
    }
}
