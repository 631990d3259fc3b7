package dev.longrecipe.evaluator.results;

import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The merge sweep's trade-off (merger.sweep): for each λ_base (the base model's share of the merge) the merged
 * model's NIAH score at each length and its short-text perplexity, and the λ the spec's rule picks.
 *
 * <p>NIAH at a length is the mean score of the needle tasks ({@code niah_*}) that ran there. The rule: among the
 * merged models whose short-text perplexity is at most (1 + maxPerplexityRise) × the base model's, the highest NIAH
 * at {@code niahLength} (L′, or the longest length evaluated when L′ was not); ties go to the larger λ_base (closer
 * to the base). {@code pick} is {@code null} when no merged model keeps perplexity within the bound.
 *
 * @param rule       the rule in words, for the report
 * @param pickReason why {@code pick} is what it is, in one line
 */
public record MergeSweep(String rule, int niahLength, double maxPerplexityRise, double basePerplexity,
                         List<Point> points, Double pick, String pickReason) {

    public MergeSweep {
        points = List.copyOf(points);
    }

    /**
     * One merged model of the sweep.
     *
     * @param niah            NIAH score (0–100) per length
     * @param withinPerplexity whether its short-text perplexity is within the rule's bound
     */
    public record Point(double lambdaBase, String model, Map<Integer, Double> niah, double shortPerplexity,
                        boolean withinPerplexity) {
        public Point {
            niah = java.util.Collections.unmodifiableMap(new TreeMap<>(niah));
        }
    }

    /** What the evaluator is asked: which evaluated models are sweep points (name → λ_base), and the rule's bound. */
    public record Request(Map<String, Double> lambdaByModel, double maxPerplexityRise) {
        public Request {
            lambdaByModel = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(lambdaByModel));
        }
    }

    /**
     * The sweep of {@code models} (which must include a model named {@code base}, the reference perplexity);
     * {@code targetLength} is L′.
     */
    public static MergeSweep of(List<ModelResults> models, Request request, int targetLength) {
        ModelResults base = models.stream().filter(m -> m.name().equals("base")).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("a merge sweep is judged against the base model's"
                        + " perplexity; keep base in evaluator.models"));
        double basePpl = base.shortContext().perplexity();
        double bound = basePpl * (1 + request.maxPerplexityRise());
        List<Point> points = new ArrayList<>();
        for (ModelResults m : models) {
            Double lambda = request.lambdaByModel().get(m.name());
            if (lambda != null) {
                double ppl = m.shortContext().perplexity();
                points.add(new Point(lambda, m.name(), niahByLength(m), ppl, ppl <= bound));
            }
        }
        points.sort(Comparator.comparingDouble(Point::lambdaBase));
        int niahLength = points.stream().flatMap(p -> p.niah().keySet().stream()).anyMatch(l -> l == targetLength)
                ? targetLength : points.stream().flatMap(p -> p.niah().keySet().stream()).max(Integer::compare)
                .orElse(targetLength);
        Point best = null;
        for (Point p : points) {
            Double score = p.niah().get(niahLength);
            if (!p.withinPerplexity() || score == null) {
                continue;
            }
            if (best == null || score >= best.niah().get(niahLength)) { // sorted by λ: ties go to the larger λ
                best = p;
            }
        }
        String rule = String.format("highest NIAH at %d tokens among the merged models whose short-text perplexity"
                + " is at most %.0f %% above the base model's (%.2f → bound %.2f); ties → the larger λ_base",
                niahLength, request.maxPerplexityRise() * 100, basePpl, bound);
        String reason = best != null
                ? String.format("λ_base = %s: NIAH %.1f at %d tokens, short-text perplexity %.2f",
                fmt(best.lambdaBase()), best.niah().get(niahLength), niahLength, best.shortPerplexity())
                : String.format("no merged model keeps short-text perplexity within %.2f (%.0f %% above the base);"
                + " raise merger.sweepMaxPerplexityRise or sweep larger λ_base", bound,
                request.maxPerplexityRise() * 100);
        return new MergeSweep(rule, niahLength, request.maxPerplexityRise(), basePpl, points,
                best == null ? null : best.lambdaBase(), reason);
    }

    /** Mean score of the needle tasks at each length. */
    static Map<Integer, Double> niahByLength(ModelResults m) {
        Map<Integer, double[]> acc = new TreeMap<>();
        for (TaskScore t : m.tasks()) {
            if (t.task().startsWith("niah")) {
                double[] a = acc.computeIfAbsent(t.length(), l -> new double[2]);
                a[0] += t.score();
                a[1]++;
            }
        }
        Map<Integer, Double> out = new TreeMap<>();
        acc.forEach((length, a) -> out.put(length, a[0] / a[1]));
        return out;
    }

    /** λ as the sweep wrote it: 0.25, 0.5, 1. */
    public static String fmt(double lambda) {
        return java.math.BigDecimal.valueOf(lambda).stripTrailingZeros().toPlainString();
    }
}
