package dev.longrecipe.segmenter.explain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.draw.SamplesManifest;
import dev.longrecipe.draw.sample.Sample;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.draw.sample.SpanSampler;
import dev.longrecipe.shards.SampleShardReader;
import dev.longrecipe.segmenter.stats.PositionStatistics;
import dev.longrecipe.segmenter.text.TokenizerJson;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Decodes the first samples of a segmenter output for a person (`--explain N`): the epoch-0 draw of each stored span
 * (what stats.json describes; the trainer draws again in later epochs), per sample its size and Figure-3 numbers,
 * then each run of consecutive positions (a kept sentence, or sentences whose gap was 0) with its position range and
 * text.
 */
public final class SampleExplainer {

    static final int MAX_TEXT_CHARS = 240;

    private SampleExplainer() {
    }

    public static String explain(Path outDir, int n, Path tokenizerJson) {
        JsonNode manifest = readManifest(outDir);
        int window = manifest.get("positionWindow").asInt();
        SpanSampler sampler = SpanSampler.of(SamplesManifest.settings(outDir));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%s: builder %s, %d samples, L′ = %d; epoch-0 draws%n", outDir,
                manifest.get("builder").asText(), manifest.get("samples").asLong(), window));
        int shown = 0;
        try (TokenizerJson tokenizer = TokenizerJson.load(tokenizerJson)) {
            for (JsonNode shard : manifest.get("shards")) {
                if (shown >= n) {
                    break;
                }
                String file = shard.get("file").asText();
                try (SampleShardReader reader = SampleShardReader.open(outDir.resolve(file), window)) {
                    for (SampleSource source : reader.sources()) {
                        if (shown >= n) {
                            break;
                        }
                        describe(out, shown, file, source, sampler.sample(source, 0), tokenizer);
                        shown++;
                    }
                }
            }
        }
        return out.toString();
    }

    private static void describe(StringBuilder out, int number, String file, SampleSource source, Sample sample,
                                 TokenizerJson tokenizer) {
        int[] pos = sample.positionIds();
        out.append(String.format(Locale.ROOT, "%n== sample %d (%s): %d tokens, positions %d…%d, %d continuous segments,"
                        + " mean token distance %.1f; document %d, span %d ==%n", number, file, sample.length(), pos[0],
                pos[pos.length - 1], PositionStatistics.continuousSegments(pos), PositionStatistics.meanPairDistance(pos),
                source.span().index(), source.spanIndex()));
        int start = 0;
        for (int i = 1; i <= pos.length; i++) {
            if (i == pos.length || pos[i] != pos[i - 1] + 1) {
                String text = tokenizer.decode(Arrays.copyOfRange(sample.inputIds(), start, i));
                out.append(String.format(Locale.ROOT, "  [%6d – %6d] (%4d tok) %s%n", pos[start], pos[i - 1], i - start,
                        readable(text)));
                start = i;
            }
        }
    }

    static String readable(String text) {
        String flat = text.replace("\n", "⏎");
        if (flat.length() <= MAX_TEXT_CHARS) {
            return flat;
        }
        int half = MAX_TEXT_CHARS / 2;
        return flat.substring(0, half) + " … " + flat.substring(flat.length() - half);
    }

    private static JsonNode readManifest(Path outDir) {
        Path file = outDir.resolve("manifest.json");
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(outDir + " has no manifest.json; point --explain at the output folder"
                    + " of a finished segmenter run");
        }
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
