package dev.longrecipe.evaluator.task;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one registry of benchmark tasks, by the names evaluator.tasks uses. */
public final class BenchmarkTasks {
    /** The tasks whose mean score the paper reports as NIAH(M). */
    public static final List<String> MULTI_NEEDLE = List.of(NiahMultiKey.NAME, NiahMultiValue.NAME,
            NiahMultiQuery.NAME);

    private static final Map<String, BenchmarkTask> TASKS = new LinkedHashMap<>();

    static {
        register(new NiahSingle());
        register(new NiahMultiKey());
        register(new NiahMultiValue());
        register(new NiahMultiQuery());
    }

    private BenchmarkTasks() {
    }

    private static void register(BenchmarkTask task) {
        TASKS.put(task.name(), task);
    }

    public static BenchmarkTask get(String name) {
        BenchmarkTask task = TASKS.get(name);
        if (task == null) {
            throw new IllegalArgumentException("benchmark task '" + name + "' is unknown; evaluator.tasks may name "
                    + TASKS.keySet());
        }
        return task;
    }

    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }
}
