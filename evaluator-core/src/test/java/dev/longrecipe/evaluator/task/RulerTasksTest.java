package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.Fixtures;
import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.score.Metric;
import dev.longrecipe.evaluator.text.ModelTokenizer;
import dev.longrecipe.schema.spec.EvaluatorParams;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each task's prompt against RULER's template filled by hand (template + answer prefix of RULER's constants.py, the
 * singular rewrite of niah.py, vt's one-shot example cut, cwe's example joined by "\n"), with the sample's own drawn
 * keys, values and context put in. The expected strings are written out here from RULER's wording, not taken from
 * {@link RulerTemplate}.
 */
class RulerTasksTest {
    private static final int LENGTH = 1024;
    private static final Pattern NEEDLE = Pattern.compile(
            "One of the special magic (numbers|uuids) for (\\S+) is: (\\S+)\\.");
    private static final String NOISE = "The grass is green. The sky is blue. The sun is yellow. Here we go. There and"
            + " back again.";
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

    private static TaskContext ctx(long seed) {
        return new TaskContext(tokenizer, corpus, 1, 5, null, seed, Map.of("qa_1", resource("squad-mini.json"),
                "qa_2", resource("hotpotqa-mini.json")));
    }

    private static Path resource(String name) {
        try {
            return Path.of(RulerTasksTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** cwe's fixed parts (a 20-word example and 10 words × 6) take about 950 tokens of this 2048-word tokenizer. */
    private static int lengthFor(String task) {
        return task.equals("cwe") ? 2 * LENGTH : LENGTH;
    }

    private static TaskSample one(String task, long seed) {
        List<TaskSample> samples = BenchmarkTasks.get(task).samples(ctx(seed), lengthFor(task));
        assertThat(samples).hasSize(1);
        return samples.get(0);
    }

    /** The text between the first occurrence of {@code before} and the last of {@code after}. */
    private static String between(String s, String before, String after) {
        int from = s.indexOf(before) + before.length();
        return s.substring(from, s.lastIndexOf(after));
    }

    private static String singularNiah(String type, String context, String key) {
        return "A special magic " + type + " is hidden within the following text. Make sure to memorize it. I will"
                + " quiz you about the " + type + " afterwards.\n" + context + "\nWhat is the special magic " + type
                + " for " + key + " mentioned in the provided text? The special magic " + type + " for " + key
                + " mentioned in the provided text is";
    }

    /** A singular NIAH sample: the value of {@code type} it asks for, that value's key, and its prompt's context. */
    private record Niah(String type, String key, String value, String context) {
        /** The needle line that hides the value, in RULER's wording. */
        String needle() {
            return "One of the special magic " + type + "s for " + key + " is: " + value + ".";
        }
    }

    /**
     * Sample {@code s}'s (first) expected value, its key and the context of its prompt, which must be RULER's
     * singular template for {@code type} around that context, asking for that key.
     */
    private static Niah singularNiah(TaskSample s, String type) {
        String value = s.expected().get(0);
        String key = keyOf(s, value);
        String context = between(s.prompt(), "afterwards.\n", "\nWhat is the special magic");
        assertThat(s.prompt()).isEqualTo(singularNiah(type, context, key));
        return new Niah(type, key, value, context);
    }

    private static String pluralNiah(String types, String context, String query) {
        return "Some special magic " + types + " are hidden within the following text. Make sure to memorize it. I"
                + " will quiz you about the " + types + " afterwards.\n" + context + "\nWhat are all the special magic "
                + types + " for " + query + " mentioned in the provided text? The special magic " + types + " for "
                + query + " mentioned in the provided text are";
    }

    /** Key → values of the needles in the text. */
    private static Map<String, List<String>> needles(String text) {
        Map<String, List<String>> out = new HashMap<>();
        Matcher m = NEEDLE.matcher(text);
        while (m.find()) {
            out.computeIfAbsent(m.group(2), k -> new ArrayList<>()).add(m.group(3));
        }
        return out;
    }

    private static String keyOf(TaskSample s, String value) {
        for (String n : s.needles()) {
            Matcher m = NEEDLE.matcher(n);
            if (m.matches() && m.group(3).equals(value)) {
                return m.group(2);
            }
        }
        throw new AssertionError("no needle holds " + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"niah_single_1", "niah_single_2", "niah_single_3", "niah_multikey_1", "niah_multikey_2",
            "niah_multikey_3", "niah_multivalue", "niah_multiquery", "vt", "cwe", "fwe", "qa_1", "qa_2"})
    void everyTaskFitsItsBudgetInsideTheLengthAndIsAPureFunctionOfTheSeed(String name) {
        BenchmarkTask task = BenchmarkTasks.get(name);
        TaskSample s = one(name, 7);
        assertThat(s.promptTokens()).isEqualTo(tokenizer.encode(s.prompt()).length);
        assertThat(s.answerBudget()).isEqualTo(task.about().tokensToGenerate());
        int length = lengthFor(name);
        assertThat(s.promptTokens() + s.answerBudget()).isLessThanOrEqualTo(length); // RULER: input + budget ≤ max
        assertThat(s.task()).isEqualTo(name);
        assertThat(s.expected()).isNotEmpty();
        assertThat(one(name, 7)).isEqualTo(s);
        assertThat(task.about().deviations()).isNotEmpty();
        assertThat(s.depths().isEmpty()).isEqualTo(!task.about().hasNeedleDepths());
        if (!name.startsWith("qa")) {
            assertThat(one(name, 8).prompt()).isNotEqualTo(s.prompt());
            assertThat(s.promptTokens()).isGreaterThan(length - s.answerBudget() - 60); // the haystack fills it
        }
        TaskSample overridden = task.samples(new TaskContext(tokenizer, corpus, 1, 5, 7, 7, ctx(7).qaDatasets()),
                length).get(0);
        assertThat(overridden.answerBudget()).isEqualTo(7);
        assertThat(overridden.promptTokens() + 7).isLessThanOrEqualTo(length);
    }

    @Test
    void theRegistryHasRulersThirteenTasksWithRulersBudgetsAndMetrics() {
        assertThat(BenchmarkTasks.names()).containsExactly("niah_single_1", "niah_single_2", "niah_single_3",
                "niah_multikey_1", "niah_multikey_2", "niah_multikey_3", "niah_multivalue", "niah_multiquery", "vt",
                "cwe", "fwe", "qa_1", "qa_2");
        assertThat(BenchmarkTasks.synthetic()).hasSize(11).doesNotContain("qa_1", "qa_2");
        Map<String, Integer> budgets = new HashMap<>();
        BenchmarkTasks.names().forEach(n -> budgets.put(n, BenchmarkTasks.get(n).about().tokensToGenerate()));
        assertThat(budgets).containsEntry("niah_single_1", 128).containsEntry("niah_multiquery", 128)
                .containsEntry("vt", 30).containsEntry("cwe", 120).containsEntry("fwe", 50).containsEntry("qa_1", 32)
                .containsEntry("qa_2", 32);
        assertThat(BenchmarkTasks.get("qa_2").about().metric()).isEqualTo(Metric.STRING_MATCH_PART);
        assertThat(BenchmarkTasks.get("fwe").about().metric()).isEqualTo(Metric.STRING_MATCH_ALL);
        assertThat(NeedleDepths.DEPTHS).hasSize(40).startsWith(0, 3, 5, 8, 10, 13).endsWith(95, 97, 100);
    }

    @Test
    void niahSingle1IsOneNeedleLineAmongNoiseLines() {
        TaskSample s = one("niah_single_1", 1);
        Niah niah = singularNiah(s, "number");
        assertThat(niah.value()).matches("[1-9]\\d{6}");
        assertThat(niah.key()).matches("[a-z]+-[a-z]+");
        List<String> lines = Arrays.asList(niah.context().split("\n", -1));
        assertThat(lines).filteredOn(l -> !l.equals(NOISE)).containsExactly(niah.needle());
        assertThat(lines.size()).isGreaterThan(10);
        assertThat(s.variant()).isEqualTo("noise");
    }

    @Test
    void niahSingle2IsOneNeedleInTheCorpusTextFromItsStart() {
        TaskSample s = one("niah_single_2", 2);
        Niah niah = singularNiah(s, "number");
        String context = niah.context();
        String needle = niah.needle();
        assertThat(context).contains(needle);
        // the needle sits between sentences, at a RULER depth; without it the context is the corpus from sentence 0
        int depthPercent = (int) Math.round(s.depths().get(0) * 100);
        assertThat(NeedleDepths.DEPTHS).contains(depthPercent);
        String haystack = context.replace(" " + needle + " ", " ").replace(needle + " ", "").replace(" " + needle, "");
        assertThat(haystack).startsWith(corpus.sentence(0));
        assertThat(haystack.replace("  ", " ")).startsWith(corpus.sentence(0) + " " + corpus.sentence(1));
    }

    @Test
    void niahSingle3AsksForAUuid() {
        Niah niah = singularNiah(one("niah_single_3", 3), "uuid");
        assertThat(niah.value()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(niah.context()).contains(niah.needle());
    }

    @Test
    void niahMultikey1HidesFourKeysAndAsksForOneInTheSingular() {
        TaskSample s = one("niah_multikey_1", 4);
        assertThat(s.expected()).hasSize(1);
        Niah niah = singularNiah(s, "number");
        Map<String, List<String>> inText = needles(niah.context());
        assertThat(inText).hasSize(4).containsEntry(niah.key(), s.expected());
        assertThat(s.depths()).hasSize(4).isSorted(); // needle i at the i-th smallest drawn depth
    }

    @Test
    void niahMultikey2And3HideTheNeedleAmongDistractorNeedleLines() {
        TaskSample words = one("niah_multikey_2", 5);
        Niah wordNiah = singularNiah(words, "number");
        String[] lines = wordNiah.context().split("\n");
        assertThat(lines).allMatch(l -> l.matches("One of the special magic numbers for [a-z]+-[a-z]+ is: \\d{7}\\."));
        assertThat(Arrays.stream(lines).filter(l -> l.contains(" " + wordNiah.key() + " "))).hasSize(1);
        assertThat(words.variant()).isEqualTo("needle");

        TaskSample uuids = one("niah_multikey_3", 6);
        Niah uuidNiah = singularNiah(uuids, "uuid");
        assertThat(uuidNiah.key()).matches("[0-9a-f-]{36}");
        assertThat(uuidNiah.context().split("\n")).allMatch(l -> l.matches(
                "One of the special magic uuids for [0-9a-f-]{36} is: [0-9a-f-]{36}\\."));
    }

    @Test
    void niahMultivalueAsksForAllFourValuesOfOneKeyInThePlural() {
        TaskSample s = one("niah_multivalue", 9);
        assertThat(s.expected()).hasSize(4);
        String key = keyOf(s, s.expected().get(0));
        String context = between(s.prompt(), "afterwards.\n", "\nWhat are all the special magic");
        assertThat(s.prompt()).isEqualTo(pluralNiah("numbers", context, key));
        assertThat(needles(context).get(key)).containsExactlyInAnyOrderElementsOf(s.expected());
    }

    @Test
    void niahMultiqueryAsksForFourKeysJoinedTheRulerWay() {
        TaskSample s = one("niah_multiquery", 10);
        assertThat(s.expected()).hasSize(4);
        List<String> keys = s.expected().stream().map(v -> keyOf(s, v)).toList();
        String query = keys.get(0) + ", " + keys.get(1) + ", " + keys.get(2) + ", and " + keys.get(3);
        String context = between(s.prompt(), "afterwards.\n", "\nWhat are all the special magic");
        assertThat(s.prompt()).isEqualTo(pluralNiah("numbers", context, query));
    }

    @Test
    void vtIsTheOneShotExampleThenTheChainInNoise() {
        TaskSample s = one("vt", 11);
        List<String> names = s.expected();
        assertThat(names).hasSize(5).allMatch(n -> n.matches("[A-Z]{5}"));
        Matcher first = Pattern.compile("VAR " + names.get(0) + " = (\\d{5})").matcher(s.prompt());
        assertThat(first.find()).isTrue();
        String value = first.group(1);

        String main = "Memorize and track the chain(s) of variable assignment hidden in the following text.\n\n";
        int mainStart = s.prompt().lastIndexOf(main);
        String example = s.prompt().substring(0, mainStart);
        String context = between(s.prompt().substring(mainStart), main, "\nQuestion: Find all variables");
        assertThat(s.prompt().substring(mainStart)).isEqualTo(main + context + "\nQuestion: Find all variables that"
                + " are assigned the value " + value + " in the text above. Answer: According to the chain(s) of"
                + " variable assignment in the text above, 5 variables are assgined the value " + value + ", they"
                + " are: ");
        // the chain in order among noise lines joined by spaces
        StringBuilder rebuilt = new StringBuilder();
        List<String> statements = new ArrayList<>();
        statements.add("VAR " + names.get(0) + " = " + value);
        for (int j = 0; j < 4; j++) {
            statements.add("VAR " + names.get(j + 1) + " = VAR " + names.get(j) + " ");
        }
        int at = 0;
        for (String st : statements) {
            int found = context.indexOf(st, at);
            assertThat(found).isGreaterThanOrEqualTo(at);
            rebuilt.append(context, at, found);
            at = found + st.length();
        }
        rebuilt.append(context.substring(at));
        assertThat(rebuilt.toString().replace(" ", "")).isEqualTo((NOISE + "\n").replace(" ", "")
                .repeat(rebuilt.toString().split("\n", -1).length - 1));

        // the example: RULER's template with whitespace collapsed and "above." dropped, then its answer, "\n\n" ×2
        Matcher ex = Pattern.compile("VAR ([A-Z]{3}) = (\\d{5})").matcher(example);
        assertThat(ex.find()).isTrue();
        String exValue = ex.group(2);
        String exHead = "Memorize and track the chain(s) of variable assignment hidden in the following text. ";
        String exQuestion = " Question: Find all variables that are assigned the value " + exValue + " in the text"
                + " Answer: According to the chain(s) of variable assignment in the text above, 5 variables are"
                + " assgined the value " + exValue + ", they are: ";
        assertThat(example).startsWith(exHead).contains(exQuestion).endsWith("\n\n\n\n");
        String exAnswer = example.substring(example.indexOf(exQuestion) + exQuestion.length(), example.length() - 4);
        assertThat(exAnswer).matches(" [A-Z]{3}( [A-Z]{3}){4}");
        assertThat(exAnswer.strip().split(" ")[0]).isEqualTo(ex.group(1));
        assertThat(tokenizer.encode(example.substring(0, example.indexOf(exQuestion) + exQuestion.length())).length
                + VariableTracking.EXAMPLE_BUDGET).isLessThanOrEqualTo(VariableTracking.EXAMPLE_LENGTH);
    }

    @Test
    void cweIsTheOneShotExampleThenTheNumberedListWithTenCommonWords() {
        TaskSample s = one("cwe", 12);
        assertThat(s.expected()).hasSize(10).doesNotHaveDuplicates();
        String head = "Below is a numbered list of words. In these words, some appear more often than others."
                + " Memorize the ones that appear most often.\n";
        String tail = "\nQuestion: What are the 10 most common words in the above list? Answer: The top 10 words that"
                + " appear most often in the list are:";
        String[] parts = s.prompt().split(Pattern.quote(tail), -1);
        assertThat(parts).hasSize(3);
        assertThat(parts[2]).isEmpty();
        String exampleList = parts[0].substring(head.length());
        String exampleAnswer = parts[1].substring(0, parts[1].indexOf("\n" + head));
        String list = parts[1].substring(exampleAnswer.length() + 1 + head.length());
        assertThat(s.prompt()).isEqualTo(head + exampleList + tail + exampleAnswer + "\n" + head + list + tail);
        assertThat(exampleAnswer).matches("1\\. [a-z]+( \\d+\\. [a-z]+){9}"); // right after "are:", no space
        // under 4096 tokens RULER repeats common words 6 times and the others once; the example 3 and 1 (20 words)
        Map<String, Integer> counts = countNumbered(list);
        s.expected().forEach(w -> assertThat(counts.get(w)).isEqualTo(6));
        assertThat(counts.entrySet()).filteredOn(e -> !s.expected().contains(e.getKey()))
                .allMatch(e -> e.getValue() == 1).isNotEmpty();
        Map<String, Integer> exampleCounts = countNumbered(exampleList);
        assertThat(exampleCounts).hasSize(20);
        assertThat(exampleCounts.values().stream().filter(c -> c == 3)).hasSize(10);
    }

    private static Map<String, Integer> countNumbered(String list) {
        Map<String, Integer> counts = new HashMap<>();
        String[] tokens = list.split(" ");
        for (int i = 0; i < tokens.length; i += 2) {
            assertThat(tokens[i]).isEqualTo((i / 2 + 1) + ".");
            counts.merge(tokens[i + 1], 1, Integer::sum);
        }
        return counts;
    }

    @Test
    void fweIsCodedTextWithTheThreeMostFrequentWordsAfterTheDots() {
        TaskSample s = one("fwe", 13);
        String head = "Read the following coded text and track the frequency of each coded word. Find the three most"
                + " frequently appeared coded words. ";
        String tail = "\nQuestion: Do not provide any explanation. Please ignore the dots '....'. What are the three"
                + " most frequently appeared words in the above coded text? Answer: According to the coded text above,"
                + " the three most frequently appeared words are:";
        String context = between(s.prompt(), head, tail);
        assertThat(s.prompt()).isEqualTo(head + context + tail);
        Map<String, Integer> counts = new HashMap<>();
        for (String w : context.split(" ")) {
            counts.merge(w, 1, Integer::sum);
        }
        assertThat(s.expected()).hasSize(3).allMatch(w -> w.matches("[a-z]{6}"));
        // rank k appears int(n · k^-2 / zeta(2)) times for the sample's word count n: find an n that gives all four
        double zeta = Math.PI * Math.PI / 6;
        int dots = counts.get("...");
        boolean consistent = false;
        for (int n = (int) (dots * zeta) - 1; n <= (int) ((dots + 1) * zeta) + 1 && !consistent; n++) {
            int words = n;
            consistent = (int) (n / zeta) == dots && java.util.stream.IntStream.rangeClosed(2, 4).allMatch(k ->
                    counts.get(s.expected().get(k - 2)) == (int) (words * Math.pow(k, -2.0) / zeta));
        }
        assertThat(consistent).isTrue();
        int third = counts.get(s.expected().get(2));
        assertThat(counts.entrySet()).filteredOn(e -> !e.getKey().equals("...") && !s.expected().contains(e.getKey()))
                .allMatch(e -> e.getValue() <= third);
        assertThat(counts.size()).isLessThanOrEqualTo(LENGTH / 50);
    }

    @Test
    void qa1IsSquadDocumentsWithTheQuestion() {
        TaskSample s = one("qa_1", 14);
        assertThat(s.expected()).containsExactly("France", "France"); // RULER keeps every answer text
        String head = "Answer the question based on the given documents. Only give me the answer and do not output any"
                + " other words.\n\nThe following are given documents.\n\n";
        String tail = "\n\nAnswer the question based on the given documents. Only give me the answer and do not output"
                + " any other words.\n\nQuestion: In what country is Normandy located? Answer:";
        String context = between(s.prompt(), head, tail);
        assertThat(s.prompt()).isEqualTo(head + context + tail);
        // at 1024 tokens all four paragraphs fit (the impossible question's paragraph is one of them)
        String[] docs = context.split("\n\n");
        assertThat(docs).hasSize(4);
        for (int i = 0; i < docs.length; i++) {
            assertThat(docs[i]).startsWith("Document " + (i + 1) + ":\n");
        }
        assertThat(context).contains("The Normans were the people who", "Oxygen was discovered independently");
    }

    @Test
    void qa2IsHotpotDocumentsTitleThenSentences() {
        TaskSample s = one("qa_2", 15);
        assertThat(s.expected()).containsExactly("Arthur's Magazine");
        assertThat(s.prompt()).endsWith("\n\nQuestion: Which magazine was started first, Arthur's Magazine or First"
                + " for Women? Answer:");
        assertThat(s.prompt()).contains(":\nArthur's Magazine\nArthur's Magazine (1844-1846) was an American literary"
                + " periodical. It was published in Philadelphia.\n\n");
        assertThat(s.prompt().split("\n\nDocument \\d:\n", -1)).hasSize(6); // the head and 5 distinct documents
    }

    @Test
    void aQaTaskWithoutItsDataSetNamesTheSpecField() {
        TaskContext none = new TaskContext(tokenizer, corpus, 1, 5, null, 1, Map.of());
        assertThatThrownBy(() -> BenchmarkTasks.get("qa_1").samples(none, LENGTH))
                .isInstanceOf(MissingQaDatasetException.class)
                .hasMessageContaining("evaluator.qaDatasets.qa_1");
    }

    @Test
    void aLengthTooShortForTheFixedPartsIsReportedWithWhatItNeeds() {
        assertThatThrownBy(() -> BenchmarkTasks.get("niah_multiquery").samples(ctx(1), 160))
                .isInstanceOfSatisfying(PromptDoesNotFitException.class, p -> {
                    assertThat(p.neededLength()).isGreaterThan(160);
                    assertThat(p.reason()).contains("does not fit", "4 needles", p.neededLength() + " tokens");
                });
    }

    @Test
    void theRegistryIsKeyedByTheSpecsTaskNames() {
        assertThat(BenchmarkTasks.names()).isEqualTo(EvaluatorParams.TASKS);
        assertThat(BenchmarkTasks.synthetic()).isEqualTo(EvaluatorParams.DEFAULT_TASKS);
        assertThat(BenchmarkTasks.QA).isEqualTo(EvaluatorParams.QA_TASKS);
    }
}
