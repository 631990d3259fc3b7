package dev.longrecipe.analyzer.types;

/**
 * Gives every token of a sample a type; the analysis ranks types by how much long-context training changed them.
 * One class per system, registered in {@link TokenTypeSystems}.
 */
public interface TokenTypeSystem {

    /** The system's name in the run spec ({@code analyzer.typeSystem}). */
    String name();

    /** The segmenter's sentence rule that looks for this system's anchor types (the report's {@code anchorRule}). */
    String anchorRule();

    /** Whether a sentence rule can look for {@code type} (e.g. not the marker of whitespace-only tokens). */
    boolean isAnchorCandidate(String type);

    /** One type per token (length T). */
    String[] types(TokenizedSample sample);
}
