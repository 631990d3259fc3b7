package dev.longrecipe.evaluator.generate;

import ai.djl.Device;
import dev.longrecipe.evaluator.Fixtures;
import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.text.ModelTokenizer;
import dev.longrecipe.model.llama.LlamaModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Batched decoding against one-prompt-at-a-time decoding ({@link GreedyGenerator} with an end-of-sequence stop) on
 * the repository's demo models: base (L = 256) and reference (L = 1024), prompts of King James text from 64 to 900
 * tokens, batch sizes 1, 3 and 8.
 */
class BatchedGreedyGeneratorTest {
    private static final Path DEMO = Fixtures.ROOT.toAbsolutePath().getParent().resolve("demo");
    private static final int[] LENGTHS = {100, 900, 250, 64, 650, 400, 777, 333, 512, 120, 899};
    private static final Set<Integer> MODEL_EOS = Set.of(2); // both demo models' config.json eos_token_id

    private static List<int[]> prompts;

    @BeforeAll
    static void prompts() {
        HaystackCorpus kjv = HaystackCorpus.bundledKjv();
        try (ModelTokenizer tokenizer = ModelTokenizer.load(DEMO.resolve("base-model"), OptionalInt.of(1))) {
            prompts = new ArrayList<>();
            for (int p = 0; p < LENGTHS.length; p++) {
                StringBuilder text = new StringBuilder();
                int[] ids = new int[0];
                for (int s = 1000 * p; ids.length < LENGTHS[p]; s++) {
                    text.append(kjv.sentence(s)).append(' ');
                    ids = tokenizer.encode(text.toString());
                }
                prompts.add(Arrays.copyOf(ids, LENGTHS[p]));
            }
        }
    }

    @AfterAll
    static void release() {
        prompts = null;
    }

    private static LlamaModel load(String model) {
        return LlamaModel.load(DEMO.resolve(model), Device.cpu());
    }

    /** The reference: each prompt alone, the cache one row wide, stopping at EOS or the budget. */
    private static List<Generation> oneAtATime(LlamaModel model, int[] budgets, Set<Integer> eos) {
        List<Generation> out = new ArrayList<>();
        for (int i = 0; i < prompts.size(); i++) {
            out.add(new GreedyGenerator(model, 512).generate(prompts.get(i), budgets[i], StopCondition.eos(eos)));
        }
        return out;
    }

    private static void assertSame(List<Generation> actual, List<Generation> expected, String what) {
        assertThat(actual).hasSize(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).tokens()).as("%s, prompt %d (%d tokens)", what, i, prompts.get(i).length)
                    .containsExactly(expected.get(i).tokens());
            assertThat(actual.get(i).reason()).as("%s, prompt %d", what, i).isEqualTo(expected.get(i).reason());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"base-model", "reference-model"})
    void batchedDecodingGivesExactlyTheTokensOfOneAtATimeDecoding(String name) {
        int[] budgets = new int[LENGTHS.length];
        for (int i = 0; i < budgets.length; i++) {
            budgets[i] = 6 + 3 * i; // rows run out of budget at different steps
        }
        try (LlamaModel model = load(name)) {
            List<Generation> expected = oneAtATime(model, budgets, MODEL_EOS);
            for (int batch : new int[]{1, 3, 8}) {
                // prefill chunks of 128 tokens here, 512 in the reference
                List<Generation> got = new BatchedGreedyGenerator(model, 128, batch).generate(prompts, budgets,
                        MODEL_EOS);
                assertSame(got, expected, name + " batch " + batch);
            }
        }
    }

    @Test
    void rowsEndingAtEndOfSequenceAtDifferentStepsLeaveTheOthersUnchanged() {
        try (LlamaModel model = load("reference-model")) {
            int[] budgets = new int[LENGTHS.length];
            Arrays.fill(budgets, 16);
            // the model never has to emit its real EOS: declare tokens it does emit as end-of-sequence
            List<Generation> free = oneAtATime(model, budgets, Set.of());
            Set<Integer> eos = new LinkedHashSet<>();
            eos.add(free.get(0).tokens()[2]);
            eos.add(free.get(4).tokens()[9]);
            List<Generation> expected = oneAtATime(model, budgets, eos);
            long atEos = expected.stream().filter(g -> g.reason() == StopReason.EOS).count();
            long distinctEnds = expected.stream().filter(g -> g.reason() == StopReason.EOS)
                    .mapToInt(g -> g.tokens().length).distinct().count();
            assertThat(atEos).as("rows ending at EOS").isGreaterThanOrEqualTo(2);
            assertThat(distinctEnds).as("distinct EOS steps").isGreaterThanOrEqualTo(2);
            assertThat(atEos).as("rows ending at the budget").isLessThan(expected.size());
            for (int batch : new int[]{3, 8}) {
                assertSame(new BatchedGreedyGenerator(model, 256, batch).generate(prompts, budgets, eos), expected,
                        "EOS " + eos + " batch " + batch);
            }
        }
    }

    @Test
    void aZeroBudgetGivesAnEmptyBudgetGenerationAndBadInputsFail() {
        try (LlamaModel model = load("base-model")) {
            BatchedGreedyGenerator g = new BatchedGreedyGenerator(model, 64, 4);
            List<Generation> out = g.generate(List.of(prompts.get(0), prompts.get(3)), new int[]{0, 3}, MODEL_EOS);
            assertThat(out.get(0).tokens()).isEmpty();
            assertThat(out.get(0).reason()).isEqualTo(StopReason.BUDGET);
            assertThat(out.get(1).tokens()).containsExactly(new GreedyGenerator(model, 64)
                    .generate(prompts.get(3), 3, StopCondition.eos(MODEL_EOS)).tokens());
            assertThatThrownBy(() -> g.generate(List.of(new int[0]), new int[]{3}, MODEL_EOS))
                    .hasMessageContaining("empty");
            assertThatThrownBy(() -> g.generate(List.of(prompts.get(0)), new int[]{3, 4}, MODEL_EOS))
                    .hasMessageContaining("budgets");
            assertThat(g.generate(List.of(), new int[0], MODEL_EOS)).isEmpty();
        }
    }
}
