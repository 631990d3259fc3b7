package dev.longrecipe.model.train;

/** Learning rate as a pure function of the optimizer step (0 for the first update). Registry: {@link LrSchedules}. */
public interface LrSchedule {
    /** The {@code type} name used in run specs. */
    String type();

    double learningRate(long step);
}
