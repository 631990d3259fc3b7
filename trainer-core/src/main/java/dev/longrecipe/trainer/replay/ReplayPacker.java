package dev.longrecipe.trainer.replay;

import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Packs replay documents into fixed-length blocks: documents are tokenized, joined in file order with the
 * end-of-sequence token between them (when the model has one), and cut into blocks of exactly {@code blockLength}
 * tokens; when the model has a BOS token every block is that token followed by the next {@code blockLength − 1}
 * packed tokens. The tail that does not fill a block is dropped. Reading stops as soon as {@code wantedBlocks} blocks
 * are out, so only the needed head of a large corpus is read.
 */
public final class ReplayPacker {

    private final Function<String, int[]> tokenizer;
    private final int blockLength;
    private final Integer eosTokenId;
    private final OptionalInt bos;

    /**
     * @param eosTokenId separator appended after each document, or {@code null} for none
     * @param bos        the token every block starts with, or empty for none
     */
    public ReplayPacker(Function<String, int[]> tokenizer, int blockLength, Integer eosTokenId, OptionalInt bos) {
        if (blockLength < 2) {
            throw new IllegalArgumentException("replay block length must be at least 2 tokens but was " + blockLength
                    + "; set trainer.replayBlockLength (or leave it out for L)");
        }
        this.tokenizer = tokenizer;
        this.blockLength = blockLength;
        this.eosTokenId = eosTokenId;
        this.bos = bos;
    }

    /** What packing produced. */
    public record Packed(long blocks, long documents, long tokens) {
    }

    /** Sends up to {@code wantedBlocks} blocks ((blockLength) token ids each) to {@code sink}. */
    public Packed pack(Path corpus, long wantedBlocks, Consumer<int[]> sink) {
        int[] block = new int[blockLength];
        int first = bos.isPresent() ? 1 : 0; // where a block's packed text starts
        if (bos.isPresent()) {
            block[0] = bos.getAsInt();
        }
        int[] fill = {first};
        long[] blocks = {0};
        long documents = ReplayCorpus.forEachDocument(corpus, text -> {
            int[] ids = tokenizer.apply(text);
            int extra = eosTokenId == null ? 0 : 1;
            for (int i = 0; i < ids.length + extra && blocks[0] < wantedBlocks; i++) {
                block[fill[0]++] = i < ids.length ? ids[i] : eosTokenId;
                if (fill[0] == blockLength) {
                    sink.accept(block.clone());
                    blocks[0]++;
                    fill[0] = first;
                }
            }
            return blocks[0] < wantedBlocks;
        });
        return new Packed(blocks[0], documents, blocks[0] * blockLength);
    }
}
