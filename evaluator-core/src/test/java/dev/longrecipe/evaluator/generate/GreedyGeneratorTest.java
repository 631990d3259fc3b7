package dev.longrecipe.evaluator.generate;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import dev.longrecipe.evaluator.Fixtures;
import dev.longrecipe.evaluator.FullForward;
import dev.longrecipe.model.llama.LlamaModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class GreedyGeneratorTest {

    private static int[] randomPrompt(long seed, int length) {
        Random rng = new Random(seed);
        int[] ids = new int[length];
        for (int i = 0; i < length; i++) {
            ids[i] = 3 + rng.nextInt(509);
        }
        return ids;
    }

    /** The reference: the whole sequence through the model again for every new token, no cache. */
    private static int[] fullRecomputation(LlamaModel model, int[] prompt, int newTokens) {
        int[] seq = Arrays.copyOf(prompt, prompt.length + newTokens);
        for (int n = prompt.length; n < seq.length; n++) {
            try (NDManager scope = model.manager().newSubManager()) {
                NDArray logits = FullForward.logits(model, scope, seq, n);              // (1, n, V)
                seq[n] = GreedyGenerator.argmax(logits.get(new NDIndex(0, n - 1)));
            }
        }
        return Arrays.copyOfRange(seq, prompt.length, seq.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"llama-default", "qwen2", "llama-tied-theta1m"})
    void cachedDecodingGivesExactlyTheTokensOfFullRecomputation(String fixture) {
        Path dir = Fixtures.ROOT.resolve("hf-reference").resolve(fixture);
        try (LlamaModel model = LlamaModel.load(dir, Device.cpu())) {
            int[] prompt = randomPrompt(fixture.length(), 57);
            int[] expected = fullRecomputation(model, prompt, 16);
            for (int chunk : new int[]{1, 13, 512}) {
                Generation g = new GreedyGenerator(model, chunk).generate(prompt, 16, StopCondition.none());
                assertThat(g.tokens()).as("%s prefill chunk %d", fixture, chunk).containsExactly(expected);
                assertThat(g.reason()).isEqualTo(StopReason.BUDGET);
            }
        }
    }

    @Test
    void endOfSequenceEndsDecodingAndIsNotPartOfTheAnswer() {
        try (LlamaModel model = LlamaModel.load(Fixtures.LLAMA_DEFAULT, Device.cpu())) {
            int[] prompt = randomPrompt(9, 40);
            int[] free = new GreedyGenerator(model, 16).generate(prompt, 10, StopCondition.none()).tokens();
            Generation atFirst = new GreedyGenerator(model, 16).generate(prompt, 10, StopCondition.eos(Set.of(free[0])));
            assertThat(atFirst.tokens()).isEmpty();
            assertThat(atFirst.reason()).isEqualTo(StopReason.EOS);
            Generation atFourth = new GreedyGenerator(model, 16).generate(prompt, 10,
                    StopCondition.eos(Set.of(free[3])));
            int firstFourth = 0;
            while (free[firstFourth] != free[3]) {
                firstFourth++;
            }
            assertThat(atFourth.tokens()).containsExactly(Arrays.copyOf(free, firstFourth));
        }
    }
}
