package dev.longrecipe.draw;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.schema.Json;
import dev.longrecipe.draw.sample.SampleBuilder;
import dev.longrecipe.draw.sample.SampleBuilders;
import dev.longrecipe.shards.ShardFormat;
import dev.longrecipe.shards.ShardSummary;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A samples folder's manifest.json (sample-shards/SAMPLE_FORMAT.md): the shard format, the builder, the shards and the settings the
 * sample sources were made with. Whoever draws samples from the shards ({@code SpanSampler.of(settings)}: the trainer,
 * {@code --explain}) reads the settings back, so it uses the segmenter's builder, BOS and seed.
 */
public final class SamplesManifest {
    public static final String FILE = "manifest.json";

    private SamplesManifest() {
    }

    /**
     * Writes {@code dir}/manifest.json for shards of sample sources made with {@code settings}; {@code about} adds
     * what the writer knows of the run (the segmenter: corpus, tokenizer, partition, epoch-0 sample and token counts).
     */
    public static Path write(Path dir, SegmenterSettings settings, List<ShardSummary> shards, Map<String, Object> about) {
        SampleBuilder builder = SampleBuilders.create(settings);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "longrecipe-sample-shards");
        m.put("formatVersion", ShardFormat.SAMPLE_SOURCES);
        m.put("builder", builder.name());
        m.put("maxSequenceLength", builder.maxSampleLength());
        m.put("positionWindow", settings.targetLength());
        m.putAll(about);
        m.put("shards", shards);
        m.put("settings", settings);
        Path file = dir.resolve(FILE);
        try {
            Files.writeString(file, Json.writePretty(m));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /** The settings recorded in {@code dir}/manifest.json. */
    public static SegmenterSettings settings(Path dir) {
        Path file = dir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("samples folder " + dir + " has no " + FILE + "; the segmenter writes it"
                    + " next to the shards (it says how samples are drawn from them) — copy the whole segmenter"
                    + " output folder, or re-run the segmenter");
        }
        try {
            JsonNode settings = Json.MAPPER.readTree(file.toFile()).get("settings");
            if (settings == null || !settings.isObject()) {
                throw new IllegalArgumentException(file + " has no \"settings\" object; it was not written by this"
                        + " version of the segmenter — re-run the segmenter");
            }
            return Json.MAPPER.treeToValue(settings, SegmenterSettings.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the segmenter settings from " + file + ": " + e.getMessage(), e);
        }
    }
}
