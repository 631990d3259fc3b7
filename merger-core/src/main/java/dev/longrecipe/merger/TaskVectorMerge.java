package dev.longrecipe.merger;

import dev.longrecipe.schema.spec.MergerParams;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The task-vector family, as mergekit defines it: each listed model contributes its task vector τ_i = θ_i − θ_base,
 * optionally sparsified (TIES: keep the {@code density} fraction of largest magnitudes; DARE: keep each element with
 * probability {@code density}, seeded, and rescale the kept ones by 1/density), weighted by its {@code weight};
 * optionally only the contributions that agree with the elected sign are kept (TIES' sign consensus: the sign of
 * Σ w_i·τ_i per element); the sum is divided by the weights that took part when {@code normalize}; the result is
 * θ_base + λ·Σ.
 *
 * <p>The four registered methods are {@link #TASK_ARITHMETIC}, {@link #TIES}, {@link #DARE_LINEAR} and
 * {@link #DARE_TIES}.
 *
 * @param defaultNormalize {@code normalize} when the spec leaves it unset
 * @param defaultRescale   {@code rescale} (DARE) when the spec leaves it unset
 */
public record TaskVectorMerge(String name, String paperLink, Sparsification sparsification, boolean signConsensus,
                              boolean defaultNormalize, boolean defaultRescale) implements MergeMethod {

    /** How a task vector is thinned before it is added. */
    public enum Sparsification { NONE, MAGNITUDE, RANDOM }

    public static final String WEIGHT = "weight";
    public static final String DENSITY = "density";
    public static final String NORMALIZE = "normalize";
    public static final String RESCALE = "rescale";
    public static final String LAMBDA = "lambda";

    /** Task arithmetic (Ilharco et al.): θ_base + λ·Σ w_i·τ_i. */
    public static final TaskVectorMerge TASK_ARITHMETIC = new TaskVectorMerge("task_arithmetic",
            "https://arxiv.org/abs/2212.04089", Sparsification.NONE, false, false, false);
    /** TIES (Yadav et al.): trim by magnitude, elect sign, disjoint mean. */
    public static final TaskVectorMerge TIES = new TaskVectorMerge("ties", "https://arxiv.org/abs/2306.01708",
            Sparsification.MAGNITUDE, true, true, false);
    /** DARE (Yu et al.) with a weighted sum: drop at random, rescale. */
    public static final TaskVectorMerge DARE_LINEAR = new TaskVectorMerge("dare_linear",
            "https://arxiv.org/abs/2311.03099", Sparsification.RANDOM, false, false, true);
    /** DARE with TIES' sign consensus. */
    public static final TaskVectorMerge DARE_TIES = new TaskVectorMerge("dare_ties", "https://arxiv.org/abs/2311.03099",
            Sparsification.RANDOM, true, false, true);

    @Override
    public Map<String, Double> defaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(NORMALIZE, defaultNormalize ? 1.0 : 0.0);
        if (sparsification == Sparsification.RANDOM) {
            d.put(RESCALE, defaultRescale ? 1.0 : 0.0);
        }
        d.put(LAMBDA, 1.0);
        return d;
    }

    @Override
    public Map<String, Double> modelDefaults() {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put(WEIGHT, null);
        if (sparsification != Sparsification.NONE) {
            d.put(DENSITY, 1.0);
        }
        return d;
    }

    @Override
    public boolean subtractsBase() {
        return true;
    }

    @Override
    public boolean elementwise() {
        return sparsification == Sparsification.NONE;
    }

    @Override
    public void validate(TensorMerge.Parameters p) {
        double weights = 0;
        for (int i = 0; i < p.inputs().size(); i++) {
            weights += p.of(i, WEIGHT);
            if (sparsification != Sparsification.NONE) {
                double density = p.of(i, DENSITY);
                if (!(density > 0 && density <= 1)) {
                    throw new IllegalArgumentException("merger.models." + p.inputNames().get(i) + ".density of method '"
                            + name + "' must be in (0, 1] (the fraction of the task vector kept), got " + density);
                }
            }
        }
        if (!signConsensus && p.get(NORMALIZE) != 0 && Math.abs(weights) < 1e-8) {
            throw new IllegalArgumentException("merger.models: the weights " + p.inputNames() + " sum to 0 and"
                    + " merger.parameters.normalize divides by that sum; give weights that do not cancel, or set"
                    + " normalize: false");
        }
    }

    @Override
    public float[] merge(TensorMerge t) {
        float[] base = t.base();
        int n = base.length;
        int k = t.inputs().size();
        float[][] weighted = new float[k][];
        double[] w = new double[k];
        for (int i = 0; i < k; i++) {
            w[i] = t.inputParam(i, WEIGHT);
            float[] tau = new float[n];
            float[] x = t.inputs().get(i);
            for (int j = 0; j < n; j++) {
                tau[j] = x[j] - base[j];
            }
            switch (sparsification) {
                case MAGNITUDE -> keepLargest(tau, t.inputParam(i, DENSITY));
                case RANDOM -> dropAtRandom(tau, t.inputParam(i, DENSITY), t.param(RESCALE) != 0,
                        new SplittableRandom(t.seed() * 31 + i));
                case NONE -> { }
            }
            float wi = (float) w[i];
            for (int j = 0; j < n; j++) {
                tau[j] *= wi;
            }
            weighted[i] = tau;
        }
        boolean normalize = t.param(NORMALIZE) != 0;
        double weightSum = Arrays.stream(w).sum();
        float lambda = (float) t.param(LAMBDA);
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            float mixed = 0;
            float divisor = 0;
            if (signConsensus) {
                float total = 0;
                for (int i = 0; i < k; i++) {
                    total += weighted[i][j];
                }
                float elected = total >= 0 ? 1 : -1; // TIES: the sign of the summed contributions (0 counts as +)
                for (int i = 0; i < k; i++) {
                    if (Math.signum(weighted[i][j]) == elected) { // zeros (trimmed or dropped) agree with no sign
                        mixed += weighted[i][j];
                        divisor += (float) w[i];
                    }
                }
                if (divisor == 0) {
                    divisor = 1;
                }
            } else {
                for (int i = 0; i < k; i++) {
                    mixed += weighted[i][j];
                }
                divisor = Math.abs(weightSum) < 1e-8 ? 1 : (float) weightSum;
            }
            if (normalize) {
                mixed /= divisor;
            }
            out[j] = base[j] + lambda * mixed;
        }
        return out;
    }

    /**
     * TIES' trim: keeps the ⌊density·n⌋ elements of largest magnitude (ties at the threshold kept in index order, so
     * exactly that many) and zeroes the rest.
     */
    static void keepLargest(float[] tau, double density) {
        if (density >= 1) {
            return;
        }
        int keep = (int) (density * tau.length);
        if (keep <= 0) {
            Arrays.fill(tau, 0);
            return;
        }
        float[] magnitudes = new float[tau.length];
        for (int j = 0; j < tau.length; j++) {
            magnitudes[j] = Math.abs(tau[j]);
        }
        float threshold = select(magnitudes, tau.length - keep); // the keep-th largest magnitude
        int above = 0;
        for (float t : tau) {
            if (Math.abs(t) > threshold) {
                above++;
            }
        }
        int atThreshold = keep - above;
        for (int j = 0; j < tau.length; j++) {
            float m = Math.abs(tau[j]);
            if (m > threshold) {
                continue;
            }
            if (m == threshold && atThreshold > 0) {
                atThreshold--;
                continue;
            }
            tau[j] = 0;
        }
    }

    /**
     * The value that would sit at index {@code rank} if {@code values} were sorted ascending (quickselect, O(n) on
     * average; reorders {@code values}). Pivots come from a fixed-seed generator, so the work is the same every run.
     */
    static float select(float[] values, int rank) {
        SplittableRandom random = new SplittableRandom(rank);
        int lo = 0;
        int hi = values.length - 1;
        while (lo < hi) {
            float pivot = values[lo + random.nextInt(hi - lo + 1)];
            int lt = lo; // [lo, lt) < pivot, [lt, i) == pivot, (gt, hi] > pivot
            int gt = hi;
            int i = lo;
            while (i <= gt) {
                float v = values[i];
                if (v < pivot) {
                    values[i++] = values[lt];
                    values[lt++] = v;
                } else if (v > pivot) {
                    values[i] = values[gt];
                    values[gt--] = v;
                } else {
                    i++;
                }
            }
            if (rank < lt) {
                hi = lt - 1;
            } else if (rank > gt) {
                lo = gt + 1;
            } else {
                return pivot;
            }
        }
        return values[rank];
    }

    /** DARE's drop: each element kept with probability {@code density}; kept ones divided by density to rescale. */
    static void dropAtRandom(float[] tau, double density, boolean rescale, SplittableRandom random) {
        if (density >= 1) {
            return;
        }
        float scale = rescale ? (float) (1 / density) : 1f;
        for (int j = 0; j < tau.length; j++) {
            tau[j] = random.nextDouble() < density ? tau[j] * scale : 0;
        }
    }

    /** λ scales the summed task vectors: the base's share λ_base makes it (1 − λ_base)·λ of the spec. */
    @Override
    public MergerParams atBaseShare(MergerParams spec, double lambdaBase) {
        return Sweeps.withParameter(spec, LAMBDA, (1 - lambdaBase) * Sweeps.plainParameter(spec, LAMBDA, 1.0));
    }
}
