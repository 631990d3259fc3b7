package dev.longrecipe.schema.spec;

/** One problem in a run spec: the field (dotted path), what is wrong, and what to write instead. */
public record SpecError(String field, String problem, String fix) {
    @Override
    public String toString() {
        return field + ": " + problem + " — " + fix;
    }
}
