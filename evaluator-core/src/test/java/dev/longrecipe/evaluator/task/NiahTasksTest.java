package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.Fixtures;
import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.haystack.SentenceSplitter;
import dev.longrecipe.evaluator.text.ModelTokenizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NiahTasksTest {
    private static final int MAX_NEW = 16;
    private static ModelTokenizer tokenizer;
    private static HaystackCorpus corpus;

    @BeforeAll
    static void load() {
        tokenizer = ModelTokenizer.load(Fixtures.TOKENIZER_BPE2048, OptionalInt.of(1)); // the fixture's <s>
        corpus = HaystackCorpus.bundledKjv();
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    private static TaskContext ctx(long seed, String valueType) {
        return new TaskContext(tokenizer, corpus, ValueType.fromSpec(valueType), 2, 3, MAX_NEW, seed);
    }

    private static int occurrences(String text, String needle) {
        Matcher m = Pattern.compile(Pattern.quote(needle)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    @ParameterizedTest
    @ValueSource(strings = {"niah_single", "niah_multikey", "niah_multivalue", "niah_multiquery"})
    void everyNeedleAndEveryExpectedValueAppearsExactlyOnce(String task) {
        for (String valueType : List.of("number", "uuid")) {
            List<TaskSample> samples = BenchmarkTasks.get(task).samples(ctx(7, valueType), 640);
            assertThat(samples).isNotEmpty();
            for (TaskSample s : samples) {
                for (String needle : s.needles()) {
                    assertThat(occurrences(s.prompt(), needle)).as("needle %s in %s", needle, s.sampleKey())
                            .isEqualTo(1);
                }
                for (String value : s.expected()) {
                    assertThat(occurrences(s.prompt(), value)).as("value %s", value).isEqualTo(1);
                    assertThat(s.needles()).anyMatch(n -> n.endsWith(" is: " + value + "."));
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {512, 1000})
    void promptPlusAnswerBudgetFillsTheLengthToWithinAFewTokens(int length) {
        for (String task : BenchmarkTasks.names()) {
            for (TaskSample s : BenchmarkTasks.get(task).samples(ctx(3, "number"), length)) {
                int counted = tokenizer.encode(s.prompt()).length;
                assertThat(s.promptTokens()).isEqualTo(counted);
                assertThat(counted + s.answerBudget()).as("%s %s %s", task, s.variant(), s.sampleKey())
                        .isLessThanOrEqualTo(length)
                        .isGreaterThanOrEqualTo(length - 4);
            }
        }
    }

    @Test
    void sameSeedGivesTheSameSamplesAndAnotherSeedOthers() {
        for (String task : BenchmarkTasks.names()) {
            List<TaskSample> a = BenchmarkTasks.get(task).samples(ctx(11, "number"), 512);
            List<TaskSample> b = BenchmarkTasks.get(task).samples(ctx(11, "number"), 512);
            List<TaskSample> c = BenchmarkTasks.get(task).samples(ctx(12, "number"), 512);
            assertThat(a).isEqualTo(b);
            assertThat(a.get(0).prompt()).isNotEqualTo(c.get(0).prompt());
        }
    }

    /** Sentences of the haystack before the needle, counted from the prompt text alone. */
    private static int sentencesBefore(TaskSample s, String needle) {
        String context = context(s);
        return SentenceSplitter.split(context.substring(0, context.indexOf(needle))).size();
    }

    /** Whole sentences of the haystack (a partial one that tops up the length at the end does not count). */
    private static int haystackSentences(TaskSample s) {
        String context = context(s);
        for (String needle : s.needles()) {
            context = context.replace(needle, " ");
        }
        List<String> sentences = SentenceSplitter.split(context);
        boolean partialLast = !SentenceSplitter.endsSentence(sentences.get(sentences.size() - 1));
        return sentences.size() - (partialLast ? 1 : 0);
    }

    private static String context(TaskSample s) {
        return s.prompt().substring(s.prompt().indexOf('\n') + 1, s.prompt().lastIndexOf('\n'));
    }

    @Test
    void singleNeedleSitsAtItsGridDepthBetweenSentences() {
        TaskContext five = new TaskContext(tokenizer, corpus, ValueType.NUMBER, 2, 5, MAX_NEW, 5);
        List<TaskSample> samples = new NiahSingle().samples(five, 1500);
        assertThat(samples).hasSize(10);
        assertThat(samples).extracting(TaskSample::depth).containsOnly(0.0, 0.25, 0.5, 0.75, 1.0);
        for (TaskSample s : samples) {
            String needle = s.needles().get(0);
            int total = haystackSentences(s);
            assertThat(total).isGreaterThan(10);
            assertThat(sentencesBefore(s, needle)).as("depth %s of %s sentences", s.depth(), total)
                    .isEqualTo((int) Math.round(s.depth() * total));
            assertThat(context(s)).containsPattern("(^|[.?!] )" + Pattern.quote(needle) + "( [A-Za-z]|$)");
        }
        assertThat(samples.get(0).needlePositions().get(0)).isEqualTo(0.0);
        String last = context(samples.get(9));
        String lastNeedle = samples.get(9).needles().get(0);
        String tail = last.substring(last.indexOf(lastNeedle) + lastNeedle.length());
        assertThat(SentenceSplitter.split(tail)).as("after the depth-1 needle at most a partial sentence")
                .hasSizeLessThan(2);
    }

    @Test
    void multipleNeedlesAreSpreadEvenlyInOrder() {
        for (TaskSample s : new NiahMultiValue().samples(ctx(9, "number"), 1500)) {
            assertThat(s.depths()).containsExactly(0.125, 0.375, 0.625, 0.875);
            int total = haystackSentences(s);
            for (int i = 0; i < 4; i++) {
                int before = sentencesBefore(s, s.needles().get(i)) - i; // earlier needles are sentences too
                assertThat(before).isEqualTo((int) Math.round(s.depths().get(i) * total));
            }
        }
    }

    @Test
    void oneExpectedValueUsesRulersSingularWordingAndSeveralThePlural() {
        TaskSample single = new NiahSingle().samples(ctx(1, "number"), 256).get(0);
        String key = single.needles().get(0).replaceAll("^One of the special magic numbers for (\\S+) is: .*$", "$1");
        assertThat(single.prompt()).startsWith("A special magic number is hidden within the following text. Make sure"
                + " to memorize it. I will quiz you about the number afterwards.\n");
        assertThat(single.prompt()).endsWith("\nWhat is the special magic number for " + key + " mentioned in the"
                + " provided text? The special magic number for " + key + " mentioned in the provided text is");

        TaskSample multi = new NiahMultiValue().samples(ctx(1, "uuid"), 640).get(0);
        assertThat(multi.prompt()).startsWith("Some special magic uuids are hidden within the following text. Make"
                + " sure to memorize it. I will quiz you about the uuids afterwards.\n");
        assertThat(multi.prompt()).contains("\nWhat are all the special magic uuids for ");
        assertThat(multi.prompt()).endsWith(" mentioned in the provided text are");
        assertThat(multi.expected()).hasSize(4).allMatch(v -> v.matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-"
                + "[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    @Test
    void multiQueryAsksForAllFourKeysWithRulersCommaAnd() {
        TaskSample s = new NiahMultiQuery().samples(ctx(2, "number"), 512).get(0);
        assertThat(s.expected()).hasSize(4).allMatch(v -> v.matches("[1-9][0-9]{6}"));
        assertThat(s.prompt()).containsPattern("What are all the special magic numbers for [a-z]+-[a-z]+, [a-z]+-[a-z]+,"
                + " [a-z]+-[a-z]+, and [a-z]+-[a-z]+ mentioned in the provided text\\?");
    }

    @Test
    void multiKeyHasAnEssayAndTwoDistractorHaystacks() {
        List<TaskSample> samples = new NiahMultiKey().samples(ctx(4, "number"), 1024);
        assertThat(samples).extracting(TaskSample::variant).containsOnly("essay", "word-key-distractors",
                "uuid-key-distractors");
        for (TaskSample s : samples) {
            assertThat(s.expected()).hasSize(1);
            assertThat(s.needles()).hasSize(4);
            long needleLines = s.prompt().lines().filter(l -> l.startsWith("One of the special magic numbers for "))
                    .count();
            if (s.variant().equals("essay")) {
                assertThat(s.prompt()).doesNotContain("\nOne of the special magic");
            } else {
                assertThat(needleLines).as(s.variant()).isGreaterThan(8);
            }
            if (s.variant().equals("uuid-key-distractors")) {
                assertThat(s.needles().get(0)).matches("One of the special magic numbers for [0-9a-f-]{36} is: \\d{7}\\.");
            }
        }
    }

    @Test
    void aLengthTooShortForTheTemplateNamesTheMinimum() {
        assertThatThrownBy(() -> new NiahMultiQuery().samples(ctx(1, "number"), 64))
                .isInstanceOf(PromptDoesNotFitException.class)
                .hasMessageContaining("length 64 is too short for niah_multiquery")
                .hasMessageContaining("use evaluator.lengths of at least")
                .satisfies(e -> {
                    PromptDoesNotFitException p = (PromptDoesNotFitException) e;
                    assertThat(p.task()).isEqualTo("niah_multiquery");
                    assertThat(p.length()).isEqualTo(64);
                    assertThat(p.neededLength()).isGreaterThan(64);
                    assertThat(p.reason()).contains("does not fit", "4 needles", p.neededLength() + " tokens");
                });
    }

    @Test
    void promptTokensCountTheBosTheModelReceives() {
        TaskSample s = new NiahSingle().samples(ctx(1, "number"), 256).get(0);
        int[] ids = tokenizer.encode(s.prompt());
        assertThat(ids[0]).isEqualTo(1);
        assertThat(java.util.Arrays.stream(ids).filter(id -> id == 1).count()).isEqualTo(1);
        assertThat(s.promptTokens()).isEqualTo(ids.length).isEqualTo(tokenizer.countTokens(s.prompt()));
        try (ModelTokenizer plain = ModelTokenizer.load(Fixtures.TOKENIZER_BPE2048, OptionalInt.empty())) {
            int[] noBos = plain.encode(s.prompt());
            assertThat(noBos).doesNotContain(1);
            assertThat(noBos).containsExactly(java.util.Arrays.copyOfRange(ids, 1, ids.length));
        }
    }
}
