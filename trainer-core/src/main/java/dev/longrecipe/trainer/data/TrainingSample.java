package dev.longrecipe.trainer.data;

/**
 * One training example: token ids and the position id RoPE gives each token (equal lengths).
 *
 * @param inputIds    (T) token ids
 * @param positionIds (T) position ids; for extension samples they span the target window with gaps, for replay
 *                    blocks they are 0…T−1
 */
public record TrainingSample(int[] inputIds, int[] positionIds) {
    public TrainingSample {
        if (inputIds == null || positionIds == null) {
            throw new IllegalArgumentException("a sample needs input ids and position ids");
        }
        if (inputIds.length != positionIds.length) {
            throw new IllegalArgumentException("a sample has " + inputIds.length + " input ids but "
                    + positionIds.length + " position ids; they must be equal in number");
        }
    }

    public int length() {
        return inputIds.length;
    }

    /** Positions 0…n−1 (replay blocks, full-length training). */
    public static TrainingSample contiguous(int[] inputIds) {
        int[] positions = new int[inputIds.length];
        for (int i = 0; i < positions.length; i++) {
            positions[i] = i;
        }
        return new TrainingSample(inputIds, positions);
    }
}
