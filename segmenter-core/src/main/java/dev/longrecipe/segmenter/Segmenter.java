package dev.longrecipe.segmenter;

import dev.longrecipe.draw.SamplesManifest;
import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.draw.anchor.AnchorRule;
import dev.longrecipe.draw.anchor.NoAnchorRule;
import dev.longrecipe.draw.sample.Sample;
import dev.longrecipe.draw.sample.SampleBuilder;
import dev.longrecipe.draw.sample.SpanSampler;
import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.segmenter.anchor.AnchorRules;
import dev.longrecipe.segmenter.corpus.BadInput;
import dev.longrecipe.segmenter.corpus.CorpusReader;
import dev.longrecipe.segmenter.corpus.DocumentEncoder;
import dev.longrecipe.segmenter.explain.SampleExplainer;
import dev.longrecipe.segmenter.stats.StatsAccumulator;
import dev.longrecipe.segmenter.text.TokenizerJson;
import dev.longrecipe.shards.Document;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.shards.ShardSetWriter;
import dev.longrecipe.shards.ShardSummary;
import dev.longrecipe.shards.SourceSpan;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;



/**
 * The segmenter stage: a JSONL corpus → sample shards + manifest.json + stats.json.
 *
 * <p>The shards hold sample sources, not built samples: for every span the method's builder plans, the document
 * restricted to that span (tokens, sentences, anchor flags). The trainer draws each training example from its span
 * afresh in every epoch ({@link SpanSampler}); stats.json describes the epoch-0 draws, made here with exactly the
 * seeds the trainer uses for epoch 0.
 *
 * <p>Streaming and parallel: the calling thread reads lines into batches of {@value #BATCH_DOCUMENTS}
 * documents and hands each batch to a fixed pool of {@code threads} workers (parse, split, tokenise, mark
 * anchors, plan spans, draw epoch 0, compute statistics). At most {@code 2 × threads} batches are in flight, so
 * memory does not grow with the corpus. Batches are written back in corpus order and every draw's randomness
 * comes from its own seed, so the output is byte-identical for any thread count.
 */
public final class Segmenter {

    static final int BATCH_DOCUMENTS = 8;
    static final String MANIFEST = SamplesManifest.FILE;
    static final String STATS = "stats.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * Runs the stage.
     *
     * @param corpus        JSONL, one {"text": …} object per line, optionally gzip-compressed
     * @param tokenizerJson the base model's tokenizer.json
     * @param outDir        a new, empty attempt folder (created if missing)
     * @throws UnusableCorpusException when no sample could be made; stats.json is written first
     * @throws dev.longrecipe.segmenter.text.TokenizerLoadException when the tokenizer does not load
     */
    public SegmenterResult run(SegmenterSettings settings, Path corpus, Path tokenizerJson, Path outDir,
                               ProgressListener progress) {
        prepareOutDir(outDir);
        SpanSampler sampler = SpanSampler.of(settings);
        SampleBuilder builder = sampler.builder();
        AnchorRule anchors = settings.usesAnchors()
                ? AnchorRules.create(settings.anchorRule(), settings.anchorTypes())
                : new NoAnchorRule();
        StatsAccumulator total = new StatsAccumulator(settings.targetLength(), settings.coverageBuckets());
        List<ShardSummary> shards;

        try (TokenizerJson tokenizer = TokenizerJson.load(tokenizerJson);
             CorpusReader reader = new CorpusReader(corpus);
             ShardSetWriter writer = ShardSetWriter.ofSources(outDir, settings.shardSamples(), builder.maxSampleLength(),
                     settings.targetLength())) {
            DocumentEncoder encoder = new DocumentEncoder(tokenizer, anchors);
            ExecutorService pool = Executors.newFixedThreadPool(settings.threads(), r -> {
                Thread t = new Thread(r, "segmenter-worker");
                t.setDaemon(true);
                return t;
            });
            try {
                ArrayDeque<Future<BatchResult>> inFlight = new ArrayDeque<>();
                List<Line> batch = new ArrayList<>(BATCH_DOCUMENTS);
                for (String line; (line = reader.nextLine()) != null; ) {
                    long index = reader.lineIndex();
                    if (index % settings.partitionCount() != settings.partitionIndex()) {
                        continue;
                    }
                    batch.add(new Line(index, line));
                    if (batch.size() == BATCH_DOCUMENTS) {
                        List<Line> work = batch;
                        inFlight.add(pool.submit(() -> process(work, encoder, sampler, settings)));
                        batch = new ArrayList<>(BATCH_DOCUMENTS);
                        while (inFlight.size() >= 2 * settings.threads()) {
                            drain(inFlight.poll(), writer, total);
                            progress.report(reader.fractionRead(), total.samples() + " samples so far");
                        }
                    }
                }
                if (!batch.isEmpty()) {
                    List<Line> work = batch;
                    inFlight.add(pool.submit(() -> process(work, encoder, sampler, settings)));
                }
                while (!inFlight.isEmpty()) {
                    drain(inFlight.poll(), writer, total);
                }
            } finally {
                stopWorkers(pool); // before the tokenizer's native memory is freed
            }
            writer.close();
            shards = writer.shards();
        }

        SegmenterStats stats = total.toStats(builder.maxSampleLength());
        Path statsFile = writeJson(outDir.resolve(STATS), stats);
        if (stats.samples() == 0) {
            throw new UnusableCorpusException(UnusableCorpusReason.explain(corpus, settings, stats), stats);
        }
        Path manifest = SamplesManifest.write(outDir, settings, shards, about(settings, corpus, tokenizerJson, stats));
        progress.report(1.0, "done: " + stats.samples() + " samples in " + shards.size() + " shards");
        return new SegmenterResult(outDir, manifest, statsFile, shards, stats);
    }

    /** A readable dump of the epoch-0 draws of the first {@code n} samples in {@code outDir}, with their positions. */
    public String explain(Path outDir, int n, Path tokenizerJson) {
        return SampleExplainer.explain(outDir, n, tokenizerJson);
    }

    private record Line(long index, String text) {
    }

    private record BatchResult(List<SampleSource> sources, StatsAccumulator stats) {
    }

    private static BatchResult process(List<Line> lines, DocumentEncoder encoder, SpanSampler sampler,
                                       SegmenterSettings settings) {
        StatsAccumulator stats = new StatsAccumulator(settings.targetLength(), settings.coverageBuckets());
        List<SampleSource> out = new ArrayList<>();
        for (Line line : lines) {
            stats.documentRead();
            DocumentEncoder.Encoded encoded = encoder.encode(line.text(), line.index());
            if (encoded.problem() != null) {
                stats.bad(encoded.problem());
                continue;
            }
            Document doc = encoded.document();
            List<SourceSpan> spans = sampler.builder().plan(doc);
            List<Sample> epoch0 = new ArrayList<>(spans.size());
            for (int k = 0; k < spans.size(); k++) {
                SampleSource source = new SampleSource(doc.slice(spans.get(k)), k);
                Sample sample = sampler.sample(source, 0);
                epoch0.add(sample.withSourcesFrom(spans.get(k).start()));
                if (SpanSampler.usable(sample)) {
                    out.add(source);
                }
            }
            if (spans.isEmpty()) {
                stats.bad(BadInput.SHORTER_THAN_SAMPLE);
            }
            stats.document(doc, settings.usesAnchors(), epoch0);
        }
        return new BatchResult(out, stats);
    }

    private static void drain(Future<BatchResult> future, ShardSetWriter writer, StatsAccumulator total) {
        BatchResult result;
        try {
            result = future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("segmenter interrupted", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("segmenter worker failed: " + cause, cause);
        }
        result.sources().forEach(writer::write);
        total.merge(result.stats());
    }

    private static void stopWorkers(ExecutorService pool) {
        pool.shutdownNow();
        try {
            while (!pool.awaitTermination(1, TimeUnit.MINUTES)) {
                // a worker is finishing a batch; wait until none can touch the tokenizer any more
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void prepareOutDir(Path outDir) {
        try {
            Files.createDirectories(outDir);
            if (Files.exists(outDir.resolve(MANIFEST)) || Files.exists(outDir.resolve(STATS))) {
                throw new IllegalArgumentException("output folder " + outDir + " already holds a segmenter output;"
                        + " attempts are never overwritten — write to a new attempt folder");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create output folder " + outDir, e);
        }
    }

    private static Map<String, Object> about(SegmenterSettings settings, Path corpus, Path tokenizer,
                                             SegmenterStats stats) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("partition", Map.of("index", settings.partitionIndex(), "count", settings.partitionCount()));
        m.put("corpus", corpus.toString());
        m.put("tokenizer", tokenizer.toString());
        m.put("samples", stats.samples());
        m.put("tokens", stats.tokens()); // of the epoch-0 draws, like stats.json
        return m;
    }

    private static Path writeJson(Path file, Object value) {
        try {
            JSON.writeValue(file.toFile(), value);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
