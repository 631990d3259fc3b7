package dev.longrecipe.trainer.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.RunSpecs;
import dev.longrecipe.draw.SamplesManifest;
import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.shards.Document;
import dev.longrecipe.draw.sample.SampleBuilders;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.shards.SampleShardWriter;
import dev.longrecipe.shards.ShardFormat;
import dev.longrecipe.shards.ShardSummary;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Random;
import java.util.zip.GZIPInputStream;

/**
 * Inputs for tiny end-to-end training runs: the transformers fixture llama-default (vocab 512, 2 layers) with a
 * byte-level tokenizer.json whose 256 ids fit its vocabulary (its inputs start with BOS {@value #BOS}), samples folders
 * in the segmenter's format (sample sources + manifest.json), a replay corpus of King James verses.
 */
public final class TinyTraining {
    public static final Path FIXTURES = Path.of(System.getProperty("longrecipe.fixtures", "../test-fixtures"));
    public static final Path FIXTURE_MODEL = FIXTURES.resolve("hf-reference/llama-default");
    public static final Path KJV = Path.of(System.getProperty("longrecipe.kjv", "../demo/data/kjv.txt.gz"));
    /** L and L′ of the tiny runs (the fixture's own window is 256). */
    public static final int L = 64;
    public static final int L_PRIME = 256;

    private TinyTraining() {
    }

    /** A copy of the fixture model with a byte-level tokenizer.json (ids 0…255). */
    public static Path baseModel(Path dir) throws IOException {
        Files.createDirectories(dir);
        for (String f : List.of("config.json", "generation_config.json", "model.safetensors")) {
            Files.copy(FIXTURE_MODEL.resolve(f), dir.resolve(f));
        }
        Files.writeString(dir.resolve("tokenizer.json"), byteLevelTokenizerJson());
        return dir;
    }

    /** The fixture's bos_token_id, which the byte-level tokenizer knows: the base model's inputs start with it. */
    public static final int BOS = 1;

    /**
     * A samples folder as the segmenter writes it for the tiny base model: {@code shards} shards of {@code perShard}
     * sample sources ("longrecipe-random", BOS first), each a span of {@code window} random tokens in sentences of
     * 1–16 tokens; every epoch draws {@code length} tokens of a span (BOS included) at positions spread over
     * [0, window), the selection and positions anew for every epoch.
     */
    public static Path samples(Path dir, int shards, int perShard, int length, int window, long seed) {
        return samples(dir, "longrecipe-random", OptionalInt.of(BOS), shards, perShard, length, window, seed);
    }

    /** A samples folder of {@code method}'s sample sources (for "flt", {@code length} must equal {@code window}). */
    public static Path samples(Path dir, String method, OptionalInt bos, int shards, int perShard, int length,
                               int window, long seed) {
        SegmenterSettings settings = SegmenterSettings.builder().method(method).baseWindow(L).targetLength(window)
                .ratio((double) length / window).seed(seed).anchorRule("digits").bos(bos)
                .coverageBuckets(Math.min(64, window)).build();
        int maxSampleLength = SampleBuilders.create(settings).maxSampleLength();
        Random random = new Random(seed);
        List<ShardSummary> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            for (int s = 0; s < shards; s++) {
                try (SampleShardWriter w = SampleShardWriter.forSources(dir.resolve(ShardFormat.shardFileName(s)),
                        maxSampleLength, window)) {
                    for (int i = 0; i < perShard; i++) {
                        w.write(randomSource(random, (long) s * perShard + i, window));
                    }
                    w.close();
                    written.add(w.summary());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        SamplesManifest.write(dir, settings, written, Map.of());
        return dir;
    }

    /** Span 0 of document {@code document}: {@code tokens} random ids (3…252) in sentences of 1–16 tokens. */
    public static SampleSource randomSource(Random random, long document, int tokens) {
        int[] ids = new int[tokens];
        for (int i = 0; i < tokens; i++) {
            ids[i] = 3 + random.nextInt(250);
        }
        List<Integer> starts = new ArrayList<>();
        for (int t = 0; t < tokens; t += 1 + random.nextInt(16)) {
            starts.add(t);
        }
        starts.add(tokens);
        return new SampleSource(new Document(document, ids, starts.stream().mapToInt(Integer::intValue).toArray(),
                new boolean[starts.size() - 1]), 0);
    }

    /** The first {@code verses} verses of the King James Bible as {"text": …} lines. */
    public static Path replayCorpus(Path file, int verses) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(KJV)), StandardCharsets.UTF_8))) {
            String line;
            while (lines.size() < verses && (line = r.readLine()) != null) {
                int space = line.indexOf(' ');
                lines.add(json.writeValueAsString(json.createObjectNode().put("text", line.substring(space + 1))));
            }
        }
        Files.createDirectories(file.getParent());
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** A run spec with the given trainer section (YAML flow mapping, e.g. "{checkpointEvery: 2}"). */
    public static RunSpec spec(String trainerYaml) {
        return RunSpecs.parse("baseModel: base\ncorpus: corpus.jsonl\nreplayCorpus: replay.jsonl\ncontextLength: " + L
                + "\ntargetLength: " + L_PRIME + "\nseed: 7\ntrainer: " + trainerYaml + "\n");
    }

    /** GPT-2's byte-to-unicode table as a BPE vocabulary without merges: one token per byte, id = byte value. */
    static String byteLevelTokenizerJson() {
        List<Integer> bs = new ArrayList<>();
        for (int b = '!'; b <= '~'; b++) {
            bs.add(b);
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            bs.add(b);
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            bs.add(b);
        }
        int[] charOf = new int[256];
        bs.forEach(b -> charOf[b] = b);
        int n = 0;
        for (int b = 0; b < 256; b++) {
            if (!bs.contains(b)) {
                charOf[b] = 256 + n++;
            }
        }
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        root.putArray("added_tokens");
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "ByteLevel").put("add_prefix_space", false).put("trim_offsets", true).put("use_regex", true);
        root.putNull("post_processor");
        ObjectNode dec = root.putObject("decoder");
        dec.put("type", "ByteLevel").put("add_prefix_space", true).put("trim_offsets", true).put("use_regex", true);
        ObjectNode model = root.putObject("model");
        model.put("type", "BPE").putNull("dropout").putNull("unk_token").putNull("continuing_subword_prefix")
                .putNull("end_of_word_suffix").put("fuse_unk", false).put("byte_fallback", false)
                .put("ignore_merges", false);
        ObjectNode vocab = model.putObject("vocab");
        for (int b = 0; b < 256; b++) {
            vocab.put(new String(Character.toChars(charOf[b])), b);
        }
        ArrayNode merges = model.putArray("merges");
        assert merges.isEmpty();
        return root.toString();
    }
}
