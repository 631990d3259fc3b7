package dev.longrecipe.shards;

/**
 * One training sample as stored in a shard: token ids and their position ids, same length.
 *
 * @param inputIds    token ids, shape (n)
 * @param positionIds position ids fed to RoPE, shape (n), strictly increasing, each in [0, L′)
 */
public record ShardSample(int[] inputIds, int[] positionIds) {
    public ShardSample {
        if (inputIds.length != positionIds.length) {
            throw new IllegalArgumentException("a sample needs one position per token: " + inputIds.length
                    + " tokens but " + positionIds.length + " positions");
        }
    }

    public int length() {
        return inputIds.length;
    }
}
