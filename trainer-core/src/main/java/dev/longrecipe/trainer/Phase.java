package dev.longrecipe.trainer;

/** The two training phases, in the order they run; the name is the folder under the output dir and the event field. */
public enum Phase {
    EXTENSION("extension"),
    REPLAY("replay");

    private final String id;

    Phase(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }
}
