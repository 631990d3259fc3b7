package dev.longrecipe.model.train;

import java.util.Map;

/**
 * What a trainer needs besides weights and optimizer moments to continue exactly where it stopped.
 *
 * @param rngState   {@link SeededRandom#state()} of the trainer's generator
 * @param dataCursor opaque positions in the trainer's data (e.g. epoch, next sample index)
 */
public record TrainerState(long rngState, Map<String, Long> dataCursor) {
    public TrainerState {
        dataCursor = Map.copyOf(dataCursor);
    }
}
