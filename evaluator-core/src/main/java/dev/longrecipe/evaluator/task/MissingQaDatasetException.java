package dev.longrecipe.evaluator.task;

/**
 * A qa task was asked for but the spec names no data set file for it (none can be downloaded here). The integrator
 * records the task as skipped with this message.
 */
public final class MissingQaDatasetException extends IllegalArgumentException {
    private final String task;

    MissingQaDatasetException(String task, String dataset) {
        super(task + " needs the " + dataset + " file RULER reads; set evaluator.qaDatasets." + task
                + " to its path (or leave " + task + " out of evaluator.tasks)");
        this.task = task;
    }

    public String task() {
        return task;
    }
}
