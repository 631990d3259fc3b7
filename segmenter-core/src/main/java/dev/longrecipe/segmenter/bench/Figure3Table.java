package dev.longrecipe.segmenter.bench;

import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.segmenter.SegmenterStats;
import dev.longrecipe.segmenter.anchor.AnchorRules;
import dev.longrecipe.segmenter.corpus.DocumentEncoder;
import dev.longrecipe.shards.Document;
import dev.longrecipe.draw.sample.Sample;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.draw.sample.SpanSampler;
import dev.longrecipe.shards.SourceSpan;
import dev.longrecipe.segmenter.stats.StatsAccumulator;
import dev.longrecipe.segmenter.text.TokenizerJson;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The paper's Figure 3 statistics (average distance among tokens, average continuous segment length) plus
 * position coverage, for every method on the same documents: the King James Bible, books concatenated so
 * that each document holds at least L′ tokens.
 *
 * <pre>
 * java -cp … dev.longrecipe.segmenter.bench.Figure3Table --kjv=demo/data/kjv.txt.gz \
 *      --tokenizer=test-fixtures/tokenizer-bpe2048/tokenizer.json --targets=81920,131072 \
 *      --ratio=0.3 --anchor-types=NUM,PRON,AUX --seed=0 --max-skip=100
 * </pre>
 */
public final class Figure3Table {

    /** Rows of the table: label, method, transform, released-code flag. */
    record Row(String label, String method, String transform, boolean releasedCode) {
    }

    static final List<Row> ROWS = List.of(
            new Row("FLT", "flt", "algorithm1", false),
            new Row("PoSE", "pose", "algorithm1", false),
            new Row("RPES", "rpes", "algorithm1", false),
            new Row("LongRecipe (Random T)", "longrecipe-random", "algorithm1", false),
            new Row("LongRecipe", "longrecipe", "algorithm1", false),
            new Row("LongRecipe, §4.2 max-skip", "longrecipe", "max-skip", false),
            new Row("LongRecipe, released-code option", "longrecipe", "algorithm1", true));

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args);
        Path kjv = a.kjv();
        Path tokenizerJson = a.tokenizerJson();
        double ratio = Double.parseDouble(a.get("ratio", "0.3"));
        long seed = Long.parseLong(a.get("seed", "0"));
        int maxSkip = Integer.parseInt(a.get("max-skip", "100"));
        Set<String> anchorTypes = Set.of(a.get("anchor-types", "NUM,PRON,AUX").split(","));
        int[] targets = Arrays.stream(a.get("targets", "81920,131072").split(",")).mapToInt(Integer::parseInt).toArray();

        long t0 = System.nanoTime();
        List<Document> books = encodeBooks(kjv, tokenizerJson, anchorTypes);
        long bookTokens = books.stream().mapToLong(Document::tokenCount).sum();
        System.out.printf(Locale.ROOT, "KJV: %d books, %d tokens, %d sentences, %.1f%% anchor sentences (%s); encoded in %.1f s%n%n",
                books.size(), bookTokens, books.stream().mapToLong(Document::sentenceCount).sum(),
                100.0 * books.stream().mapToLong(Document::anchorSentenceCount).sum()
                        / books.stream().mapToLong(Document::sentenceCount).sum(),
                String.join(",", anchorTypes), (System.nanoTime() - t0) / 1e9);

        System.out.println("| L′ | method | docs | samples | tokens/sample | avg token distance | avg continuous segment length | position coverage (128 buckets) |");
        System.out.println("|---|---|---|---|---|---|---|---|");
        for (int target : targets) {
            List<Document> docs = concatenate(books, target);
            for (Row row : ROWS) {
                SegmenterSettings settings = SegmenterSettings.builder().method(row.method()).targetLength(target)
                        .ratio(ratio).seed(seed).transform(row.transform()).maxSkip(maxSkip)
                        .releasedCode(row.releasedCode()).anchorTypes(anchorTypes).coverageBuckets(128).build();
                SegmenterStats s = statistics(settings, docs);
                System.out.printf(Locale.ROOT, "| %dk | %s | %d | %d | %.0f | %.0f | %.1f | %.2f |%n", target / 1024,
                        row.label(), docs.size(), s.samples(), s.samples() == 0 ? 0.0 : (double) s.tokens() / s.samples(),
                        s.avgTokenDistance(), s.avgContinuousSegmentLength(), s.positionCoverage());
            }
        }
        System.out.printf(Locale.ROOT, "%nLs = round(%.2f · L′); max-skip M = %d; seed %d; total %.1f s%n", ratio, maxSkip,
                seed, (System.nanoTime() - t0) / 1e9);
    }

    /** Statistics of the epoch-0 draws from every span the settings' builder plans (as the Segmenter computes them). */
    static SegmenterStats statistics(SegmenterSettings settings, List<Document> docs) {
        SpanSampler sampler = SpanSampler.of(settings);
        StatsAccumulator acc = new StatsAccumulator(settings.targetLength(), settings.coverageBuckets());
        for (Document doc : docs) {
            List<SourceSpan> spans = sampler.builder().plan(doc);
            List<Sample> built = new ArrayList<>();
            for (int k = 0; k < spans.size(); k++) {
                SourceSpan span = spans.get(k);
                built.add(sampler.sample(new SampleSource(doc.slice(span), k), 0).withSourcesFrom(span.start()));
            }
            acc.documentRead();
            acc.document(doc, settings.usesAnchors(), built);
        }
        return acc.toStats(sampler.builder().maxSampleLength());
    }

    /** Each book tokenised (whole text, tokens given to sentences) with POS-type anchors, in parallel. */
    static List<Document> encodeBooks(Path kjv, Path tokenizerJson, Set<String> anchorTypes) throws Exception {
        List<String> texts = new ArrayList<>(KjvCorpus.books(kjv).values());
        ExecutorService pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors());
        try (TokenizerJson tokenizer = TokenizerJson.load(tokenizerJson)) {
            DocumentEncoder encoder = new DocumentEncoder(tokenizer, AnchorRules.create("pos-types", anchorTypes));
            List<Future<Document>> futures = new ArrayList<>();
            for (int i = 0; i < texts.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> encoder.tokenise(texts.get(index), index)));
            }
            List<Document> out = new ArrayList<>();
            for (Future<Document> f : futures) {
                out.add(f.get());
            }
            return out;
        } finally {
            pool.shutdown();
        }
    }

    /** Consecutive books joined until each document has at least {@code minTokens} tokens (a short tail is dropped). */
    static List<Document> concatenate(List<Document> books, int minTokens) {
        List<Document> docs = new ArrayList<>();
        List<Document> group = new ArrayList<>();
        long tokens = 0;
        for (Document book : books) {
            group.add(book);
            tokens += book.tokenCount();
            if (tokens >= minTokens) {
                docs.add(join(docs.size(), group));
                group.clear();
                tokens = 0;
            }
        }
        return docs;
    }

    static Document join(long index, List<Document> parts) {
        int tokens = parts.stream().mapToInt(Document::tokenCount).sum();
        int sentences = parts.stream().mapToInt(Document::sentenceCount).sum();
        int[] ids = new int[tokens];
        int[] starts = new int[sentences + 1];
        boolean[] anchor = new boolean[sentences];
        int t = 0;
        int s = 0;
        for (Document d : parts) {
            System.arraycopy(d.tokens(), 0, ids, t, d.tokenCount());
            for (int i = 0; i < d.sentenceCount(); i++) {
                starts[s + i] = t + d.sentenceStarts()[i];
                anchor[s + i] = d.anchor()[i];
            }
            t += d.tokenCount();
            s += d.sentenceCount();
        }
        starts[sentences] = tokens;
        return new Document(index, ids, starts, anchor);
    }
}
