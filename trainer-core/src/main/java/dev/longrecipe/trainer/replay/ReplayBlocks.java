package dev.longrecipe.trainer.replay;

import dev.longrecipe.files.FileTrees;
import dev.longrecipe.schema.Json;
import dev.longrecipe.shards.ShardSetWriter;
import dev.longrecipe.shards.ShardSample;
import dev.longrecipe.model.tokenizer.HfTokenizer;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * The replay set on disk: the corpus packed into blocks of {@code blockLength} tokens at positions 0…n−1 (BOS
 * first when the model has one), written as built-sample shards (segmenter-core's format, version 1) into {@code <out>/replay-blocks/} so the replay phase streams them like
 * extension samples. Packed once, atomically (temporary folder + rename), and reused on resume.
 *
 * <p>Size: {@code ceil(replayFraction · extensionTokens / blockLength)} blocks (at least one). A corpus with fewer
 * tokens gives what it has; {@code packing.json} records wanted and actual counts.
 */
public final class ReplayBlocks {
    public static final String PACKING_FILE = "packing.json";
    /** About this many tokens per shard (one shard is held in memory while training). */
    private static final long TOKENS_PER_SHARD = 4L << 20;

    private ReplayBlocks() {
    }

    /** What packing produced (also {@code packing.json}). */
    public record Packing(String corpus, int blockLength, long wantedTokens, long wantedBlocks, long blocks,
                          long tokens, long documents) {
    }

    /** Blocks wanted for a replay fraction of the extension tokens. */
    public static long wantedBlocks(double replayFraction, long extensionTokens, int blockLength) {
        long wantedTokens = (long) Math.ceil(replayFraction * extensionTokens);
        return Math.max(1, (wantedTokens + blockLength - 1) / blockLength);
    }

    /**
     * Packs the corpus into {@code dir} unless a complete packing is already there; returns what is there. Every block
     * starts with {@code bos} at position 0 when the model has a BOS token ({@link ReplayPacker}).
     */
    public static Packing prepare(Path dir, Path corpus, Path tokenizerJson, int blockLength, Integer eosTokenId,
                                  OptionalInt bos, long wantedBlocks) {
        if (Files.isRegularFile(dir.resolve(PACKING_FILE))) {
            return readPacking(dir);
        }
        Path temp = dir.resolveSibling("." + dir.getFileName() + "-" + UUID.randomUUID());
        try {
            Files.createDirectories(temp);
            Packing packing;
            int blocksPerShard = (int) Math.max(1, TOKENS_PER_SHARD / blockLength);
            int[] positions = IntStream.range(0, blockLength).toArray();
            try (HfTokenizer tokenizer = HfTokenizer.load(tokenizerJson, false);
                 ShardSetWriter shards = ShardSetWriter.ofSamples(temp, blocksPerShard, blockLength, blockLength)) {
                ReplayPacker.Packed packed = new ReplayPacker(tokenizer::encodeInts, blockLength, eosTokenId, bos)
                        .pack(corpus, wantedBlocks, block -> shards.write(new ShardSample(block, positions)));
                if (packed.blocks() == 0) {
                    throw new IllegalArgumentException("replay corpus " + corpus + " has fewer than " + blockLength
                            + " tokens, not enough for one replay block; give a larger replay corpus, a smaller"
                            + " trainer.replayBlockLength, or set trainer.replayFraction to 0");
                }
                packing = new Packing(corpus.toString(), blockLength, wantedBlocks * blockLength, wantedBlocks,
                        packed.blocks(), packed.tokens(), packed.documents());
            }
            Files.writeString(temp.resolve(PACKING_FILE), Json.writePretty(packing));
            if (Files.exists(dir)) {
                FileTrees.delete(dir);
            }
            Files.move(temp, dir, StandardCopyOption.ATOMIC_MOVE);
            return packing;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write replay blocks to " + dir + ": " + e.getMessage(), e);
        } finally {
            FileTrees.deleteQuietly(temp); // leftovers of a failed packing are hidden and harmless
        }
    }

    private static Packing readPacking(Path dir) {
        try {
            return Json.MAPPER.readValue(Files.readString(dir.resolve(PACKING_FILE)), Packing.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir.resolve(PACKING_FILE), e);
        }
    }
}
