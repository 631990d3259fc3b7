package dev.longrecipe.runtime;

/** An object (or a folder prefix) that a stage needs is not in the bucket. Not retriable: someone must upload it. */
public final class MissingObjectException extends RuntimeException {
    private final String key;

    public MissingObjectException(String bucket, String key, String fix) {
        super("object 's3://" + bucket + "/" + key + "' does not exist; " + fix);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
