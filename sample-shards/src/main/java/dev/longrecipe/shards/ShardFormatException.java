package dev.longrecipe.shards;

/** A shard that is corrupt, truncated, of another format, or does not fit the reader's window. */
public final class ShardFormatException extends RuntimeException {
    public ShardFormatException(String message) {
        super(message);
    }

    public ShardFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
