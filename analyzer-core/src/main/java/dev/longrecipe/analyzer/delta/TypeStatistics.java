package dev.longrecipe.analyzer.delta;

/**
 * One token type's numbers over all analysed positions.
 *
 * @param type           the type's name (a UPOS tag, or a token id for the vocab type system)
 * @param count          occurrences among all predicted tokens
 * @param impactfulCount occurrences among impactful tokens
 * @param baseShare      count / all predicted tokens (the base rate)
 * @param impactfulShare impactfulCount / all impactful tokens (0 when there are none)
 * @param lift           impactfulShare / baseShare
 * @param deltaAbsSum    Δ(τ) = Σ |S_H′ − S_H| over the type's occurrences (Eq. 3)
 * @param deltaSignedSum Σ (S_H′ − S_H) over the type's occurrences
 */
public record TypeStatistics(String type, long count, long impactfulCount, double baseShare, double impactfulShare,
        double lift, double deltaAbsSum, double deltaSignedSum) {

    /** Mean |Δ| per occurrence. */
    public double deltaAbsMean() {
        return count == 0 ? 0 : deltaAbsSum / count;
    }
}
