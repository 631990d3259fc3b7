package dev.longrecipe.analyzer.types;

import java.util.List;

/** The registry of token type systems by their run-spec name ({@code analyzer.typeSystem}). */
public final class TokenTypeSystems {

    public static final List<String> NAMES = List.of(UposTypeSystem.NAME, VocabTypeSystem.NAME);

    private TokenTypeSystems() {
    }

    public static TokenTypeSystem create(String name) {
        return switch (name) {
            case UposTypeSystem.NAME -> new UposTypeSystem(new OpenNlpWordSpans());
            case VocabTypeSystem.NAME -> new VocabTypeSystem();
            default -> throw new IllegalArgumentException("unknown token type system '" + name + "'; valid: " + NAMES);
        };
    }
}
