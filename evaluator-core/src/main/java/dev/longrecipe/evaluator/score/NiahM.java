package dev.longrecipe.evaluator.score;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The paper's NIAH(M) at one length, from RULER's multi-needle tasks: the mean of three numbers, (1) the mean of the
 * niah_multikey_1/2/3 scores that ran, (2) niah_multivalue, (3) niah_multiquery. It exists only when all three parts
 * ran at that length (at least one multikey task among them): a mean of fewer parts is another number.
 */
public final class NiahM {
    /** niah_multikey_1/2/3: averaged into one part. */
    public static final List<String> MULTIKEY = List.of("niah_multikey_1", "niah_multikey_2", "niah_multikey_3");
    public static final String MULTIVALUE = "niah_multivalue";
    public static final String MULTIQUERY = "niah_multiquery";
    /** Every task that feeds NIAH(M). */
    public static final List<String> TASKS = List.of("niah_multikey_1", "niah_multikey_2", "niah_multikey_3",
            MULTIVALUE, MULTIQUERY);

    private NiahM() {
    }

    /**
     * @param scoreByTask task scores (0–100) at one length; other tasks are ignored
     * @return NIAH(M), or empty when a part is missing
     */
    public static OptionalDouble of(Map<String, Double> scoreByTask) {
        List<Double> multikey = new ArrayList<>();
        for (String t : MULTIKEY) {
            if (scoreByTask.containsKey(t)) {
                multikey.add(scoreByTask.get(t));
            }
        }
        if (multikey.isEmpty() || !scoreByTask.containsKey(MULTIVALUE) || !scoreByTask.containsKey(MULTIQUERY)) {
            return OptionalDouble.empty();
        }
        double mk = multikey.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        return OptionalDouble.of((mk + scoreByTask.get(MULTIVALUE) + scoreByTask.get(MULTIQUERY)) / 3.0);
    }
}
