package dev.longrecipe.stack;

/**
 * What a supervisor needs to know about one process of the stack (a server or a service): running and
 * answering, running but not answering (hung, or stopped with SIGSTOP), or gone.
 */
public enum ProcessHealth {
    /** The process runs and answers its probe (Kafka: describe cluster; S3: a signed ListBuckets; a service: HTTP). */
    UP,
    /** The process runs but did not answer its probe within the probe's patience: it is killed and restarted. */
    NOT_ANSWERING,
    /** The recorded process is gone (killed, crashed, or never started). */
    EXITED;

    /** For {@code up}'s "was" column: {@code up}, {@code exited (pid 42)}, {@code not answering (pid 42)}. */
    public String describe(long pid) {
        return switch (this) {
            case UP -> "up";
            case NOT_ANSWERING -> "not answering (pid " + pid + ")";
            case EXITED -> "exited (pid " + pid + ")";
        };
    }
}
