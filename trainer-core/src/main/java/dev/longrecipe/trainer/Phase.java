package dev.longrecipe.trainer;

import java.util.Locale;

/** The two training phases, in the order they run; the name is the folder under the output dir and the event field. */
public enum Phase {
    EXTENSION,
    REPLAY;

    /** "extension", "replay". */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
