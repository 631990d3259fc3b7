package dev.longrecipe.evaluator.task;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SplittableRandom;

/**
 * RULER's needle positions ({@code niah.py}).
 *
 * <ul>
 * <li>Essay haystack: {@link #DEPTHS} is {@code round(linspace(0, 100, 40))}; a sample draws as many distinct depths as
 * it has needles, sorts them, and needle i (after RULER's shuffle) goes before sentence
 * {@code int(sentences × depth_i / 100)}.</li>
 * <li>Noise and needle haystacks: distinct line indexes drawn from {@code range(lines)}, sorted descending, needle i
 * inserted before line {@code index_i} (so the first needle lands deepest).</li>
 * </ul>
 * Every draw comes from the sample's own seed; for the line haystacks the draw also depends on the line count the
 * fitter is trying (RULER draws after it knows its count), so each count places the needles one fixed way.
 */
final class NeedleDepths {
    /** RULER's 40 depths in percent: 0, 3, 5, 8, … 97, 100. */
    static final List<Integer> DEPTHS = depths();

    private NeedleDepths() {
    }

    private static List<Integer> depths() {
        List<Integer> out = new ArrayList<>(40);
        for (int k = 0; k < 40; k++) {
            out.add((int) Math.round(k * 100.0 / 39)); // no value is a tie at .5, so rounding mode does not matter
        }
        return List.copyOf(out);
    }

    /** {@code count} distinct depths from {@link #DEPTHS}, sorted ascending, as RULER's essay haystack draws them. */
    static NeedlePlacement essay(SplittableRandom rng, int count) {
        List<Integer> pool = new ArrayList<>(DEPTHS);
        List<Integer> drawn = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            drawn.add(pool.remove(rng.nextInt(pool.size())));
        }
        Collections.sort(drawn);
        List<Integer> percents = List.copyOf(drawn);
        return new NeedlePlacement() {
            @Override
            public int[] boundaries(int wholeUnits) {
                int[] b = new int[percents.size()];
                for (int i = 0; i < b.length; i++) {
                    b[i] = (int) (wholeUnits * (percents.get(i) / 100.0));
                }
                return b;
            }

            @Override
            public List<Double> depths(int wholeUnits) {
                return percents.stream().map(p -> p / 100.0).toList();
            }
        };
    }

    /**
     * {@code count} distinct line indexes from {@code range(lines)} (with repeats only when there are fewer lines than
     * needles), RULER's noise/needle-haystack draw.
     *
     * @param seed       the sample's seed for this draw
     * @param descending true for niah (RULER inserts in descending index order, the first needle deepest), false for
     *                   vt (its chain's assignments in text order)
     */
    static NeedlePlacement lineIndexes(long seed, int count, boolean descending) {
        return new NeedlePlacement() {
            @Override
            public int[] boundaries(int wholeUnits) {
                SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, wholeUnits));
                List<Integer> drawn = new ArrayList<>(count);
                if (wholeUnits >= count) {
                    List<Integer> pool = new ArrayList<>(wholeUnits);
                    for (int i = 0; i < wholeUnits; i++) {
                        pool.add(i);
                    }
                    for (int i = 0; i < count; i++) {
                        int j = i + rng.nextInt(wholeUnits - i); // partial Fisher-Yates: a uniform sample
                        Collections.swap(pool, i, j);
                        drawn.add(pool.get(i));
                    }
                } else {
                    for (int i = 0; i < count; i++) {
                        drawn.add(rng.nextInt(wholeUnits + 1));
                    }
                }
                if (descending) {
                    drawn.sort(Collections.reverseOrder());
                } else {
                    Collections.sort(drawn);
                }
                return drawn.stream().mapToInt(Integer::intValue).toArray();
            }

            @Override
            public List<Double> depths(int wholeUnits) {
                int[] b = boundaries(wholeUnits);
                List<Double> out = new ArrayList<>(b.length);
                for (int x : b) {
                    out.add(wholeUnits == 0 ? 0.0 : (double) x / wholeUnits);
                }
                return out;
            }
        };
    }
}
