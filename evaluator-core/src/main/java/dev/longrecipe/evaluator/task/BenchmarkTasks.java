package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.score.NiahM;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.longrecipe.evaluator.task.HaystackKind.ESSAY;
import static dev.longrecipe.evaluator.task.HaystackKind.NEEDLE;
import static dev.longrecipe.evaluator.task.HaystackKind.NOISE;
import static dev.longrecipe.evaluator.task.KeyType.UUIDS;
import static dev.longrecipe.evaluator.task.KeyType.WORDS;
import static dev.longrecipe.evaluator.task.ValueType.NUMBER;
import static dev.longrecipe.evaluator.task.ValueType.UUID_VALUE;

/**
 * The one registry of benchmark tasks: RULER's 13, by RULER's names, with the arguments of RULER's
 * {@code scripts/synthetic.yaml}.
 */
public final class BenchmarkTasks {
    /** The tasks NIAH(M) is made of (the rule is {@link NiahM}). */
    public static final List<String> MULTI_NEEDLE = NiahM.TASKS;
    /** The single-needle tasks, whose samples make the depth × length heatmap. */
    public static final List<String> SINGLE_NEEDLE = List.of("niah_single_1", "niah_single_2", "niah_single_3");
    /** The single-needle task the report's summary and charts show by itself: essay haystack, word key, number. */
    public static final String HEADLINE_SINGLE = "niah_single_2";
    /** RULER's qa tasks: they need data set files (evaluator.qaDatasets). */
    public static final List<String> QA = List.of("qa_1", "qa_2");

    private static final Map<String, BenchmarkTask> TASKS = new LinkedHashMap<>();

    static {
        niah("niah_single_1", new NiahSpec(NOISE, WORDS, NUMBER, 1, 1, 1), "1 needle (word key, number) in noise");
        niah("niah_single_2", new NiahSpec(ESSAY, WORDS, NUMBER, 1, 1, 1), "1 needle (word key, number) in text");
        niah("niah_single_3", new NiahSpec(ESSAY, WORDS, UUID_VALUE, 1, 1, 1), "1 needle (word key, UUID) in text");
        niah("niah_multikey_1", new NiahSpec(ESSAY, WORDS, NUMBER, 4, 1, 1),
                "4 needles with different keys in text, 1 queried");
        niah("niah_multikey_2", new NiahSpec(NEEDLE, WORDS, NUMBER, 1, 1, 1),
                "1 needle among distractor needles with word keys");
        niah("niah_multikey_3", new NiahSpec(NEEDLE, UUIDS, UUID_VALUE, 1, 1, 1),
                "1 needle among distractor needles with UUID keys and values");
        niah("niah_multivalue", new NiahSpec(ESSAY, WORDS, NUMBER, 1, 4, 1), "1 key with 4 values in text, all 4"
                + " expected");
        niah("niah_multiquery", new NiahSpec(ESSAY, WORDS, NUMBER, 1, 1, 4), "4 keys in text, all 4 queried");
        register(new VariableTracking());
        register(new CommonWordsExtraction());
        register(new FreqWordsExtraction());
        register(new QaTask("qa_1", QaDataset.Kind.SQUAD));
        register(new QaTask("qa_2", QaDataset.Kind.HOTPOTQA));
    }

    private BenchmarkTasks() {
    }

    private static void niah(String name, NiahSpec spec, String description) {
        register(new NiahTask(name, spec, description));
    }

    private static void register(BenchmarkTask task) {
        TASKS.put(task.about().name(), task);
    }

    public static BenchmarkTask get(String name) {
        BenchmarkTask task = TASKS.get(name);
        if (task == null) {
            throw new IllegalArgumentException("benchmark task '" + name + "' is unknown; evaluator.tasks may name "
                    + TASKS.keySet());
        }
        return task;
    }

    /** All 13, in RULER's order. */
    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    /** The 11 synthetic tasks (all but qa), the default task list. */
    public static List<String> synthetic() {
        return names().stream().filter(n -> !QA.contains(n)).toList();
    }
}
