package dev.longrecipe.evaluator.task;

import java.util.List;

/**
 * One benchmark prompt and what a correct answer must contain.
 *
 * @param task            registry name, e.g. {@code niah_multikey}
 * @param variant         haystack variant ({@code essay}, {@code word-key-distractors}, {@code uuid-key-distractors})
 * @param length          target length in tokens: prompt plus answer budget
 * @param sampleKey       the sample's coordinates within its task and length (part of its seed)
 * @param depths          intended depth in [0, 1] of each needle, in placement order
 * @param prompt          the whole model input as text, ending with the answer prefix the model continues (the
 *                        model's BOS, when it has one, goes in front of its tokens)
 * @param promptTokens    tokens of {@code prompt} as the model receives it (its BOS included when it has one)
 * @param answerBudget    tokens reserved for the answer (evaluator.maxNewTokens)
 * @param needles         needle sentences, in placement order
 * @param needlePositions where each needle starts, as a fraction of the context's characters
 * @param expected        values the answer must contain
 */
public record TaskSample(String task, String variant, int length, String sampleKey, List<Double> depths,
                         String prompt, int promptTokens, int answerBudget, List<String> needles,
                         List<Double> needlePositions, List<String> expected) {
    public TaskSample {
        depths = List.copyOf(depths);
        needles = List.copyOf(needles);
        needlePositions = List.copyOf(needlePositions);
        expected = List.copyOf(expected);
    }

    /** The single-needle depth, for the depth × length grid (the first needle's). */
    public double depth() {
        return depths.get(0);
    }
}
