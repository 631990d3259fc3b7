package dev.longrecipe.analyzer.anchor;

import dev.longrecipe.analyzer.delta.AnalysisTables;
import dev.longrecipe.analyzer.delta.TypeStatistics;

import java.util.function.Predicate;
import java.util.stream.Stream;

/** Picks anchor types from the analysis tables. One class per rule, registered in {@link AnchorSelections}. */
public interface AnchorSelection {

    /** The rule's name in the run spec ({@code analyzer.anchorSelection}). */
    String name();

    /**
     * The chosen types; only types with at least one impactful occurrence that {@code eligible} accepts may be
     * chosen (the type system says which of its types a sentence rule can look for, e.g. no whitespace marker).
     */
    AnchorChoice choose(AnalysisTables tables, Predicate<String> eligible);

    /** The eligible types with at least one impactful token, in the tables' order: what every rule chooses from. */
    static Stream<TypeStatistics> candidates(AnalysisTables tables, Predicate<String> eligible) {
        return tables.types().stream().filter(t -> t.impactfulCount() > 0 && eligible.test(t.type()));
    }
}
