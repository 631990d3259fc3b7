package dev.longrecipe.segmenter.bench;

import dev.longrecipe.files.FileTrees;
import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.segmenter.Segmenter;
import dev.longrecipe.segmenter.SegmenterResult;
import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.segmenter.text.SentenceSplitter;
import dev.longrecipe.segmenter.text.TokenizerJson;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Tokens per second per core, end to end (read JSONL, parse, split, tokenise, anchors, build samples,
 * transform positions, statistics, write shards) against the tokenizer alone on the same sentences.
 *
 * <p>Both rates are measured in CPU seconds (thread CPU for the tokenizer, process CPU for the stage), so
 * they stay meaningful on a shared machine where other processes take cores; wall-clock rates for 1 and
 * 2 worker threads are printed too (scaling), and are only meaningful on an otherwise idle machine.
 *
 * <pre>
 * segmenter-core/bench.sh throughput --targets=16384 --ratio=0.3 --method=longrecipe
 * </pre>
 */
public final class ThroughputBenchmark {

    public static void main(String[] args) throws Exception {
        BenchArgs a = new BenchArgs(args);
        Path kjv = a.kjv();
        Path tokenizerJson = a.tokenizerJson();
        int target = Integer.parseInt(a.get("target", "16384"));
        double ratio = Double.parseDouble(a.get("ratio", "0.3"));
        String method = a.get("method", "longrecipe");
        int repeats = Integer.parseInt(a.get("repeats", "3"));

        Path work = Files.createTempDirectory("segmenter-bench");
        List<String> books = new ArrayList<>(KjvCorpus.books(kjv).values());
        Path corpus = KjvCorpus.writeJsonl(books, work.resolve("kjv-books.jsonl"));
        List<String> sentences = new ArrayList<>();
        books.forEach(b -> sentences.addAll(SentenceSplitter.split(b)));

        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        // tokenizer alone: the same per-sentence encode calls the stage makes, one thread
        double tokenizerRate = 0;
        long corpusTokens = 0;
        try (TokenizerJson tokenizer = TokenizerJson.load(tokenizerJson)) {
            for (int r = 0; r < repeats; r++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long tokens = 0;
                for (String s : sentences) {
                    tokens += tokenizer.encode(s).length;
                }
                double cpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                tokenizerRate = Math.max(tokenizerRate, tokens / cpu); // best of the repeats: least disturbed
                corpusTokens = tokens;
            }
        }
        System.out.printf(Locale.ROOT, "corpus: KJV, %d books as JSONL, %d sentences, %d tokens; method %s, L′ = %d, Ls = %d%n%n",
                books.size(), sentences.size(), corpusTokens, method, target, Math.round(ratio * target));
        System.out.println("| run | threads | tokens/CPU-second (per core) | vs tokenizer alone | wall tokens/s |");
        System.out.println("|---|---|---|---|---|");
        System.out.printf(Locale.ROOT, "| tokenizer alone (split text, encode each sentence) | 1 | %.0f | — | — |%n", tokenizerRate);

        int run = 0;
        for (String anchorRule : List.of("digits", "pos-types")) {
            for (int threadCount : anchorRule.equals("digits") ? new int[] {1, 2} : new int[] {2}) {
                SegmenterSettings settings = SegmenterSettings.builder().method(method).targetLength(target).ratio(ratio)
                        .anchorRule(anchorRule).anchorTypes(Set.of("NUM", "PRON", "AUX")).threads(threadCount).build();
                double bestCpuRate = 0;
                double bestWallRate = 0;
                int reps = anchorRule.equals("digits") ? repeats : 1;
                for (int r = 0; r < reps; r++) {
                    long cpu0 = os.getProcessCpuTime();
                    long wall0 = System.nanoTime();
                    SegmenterResult result = new Segmenter().run(settings, corpus, tokenizerJson,
                            work.resolve("out-" + run++), ProgressListener.NONE);
                    double wall = (System.nanoTime() - wall0) / 1e9;
                    double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
                    long tokens = result.stats().documentTokens();
                    bestCpuRate = Math.max(bestCpuRate, tokens / cpu);
                    bestWallRate = Math.max(bestWallRate, tokens / wall);
                }
                System.out.printf(Locale.ROOT, "| end to end, anchors: %s | %d | %.0f | %+.0f %% CPU per token | %.0f |%n",
                        anchorRule, threadCount, bestCpuRate, 100 * (tokenizerRate / bestCpuRate - 1), bestWallRate);
            }
        }
        System.out.printf(Locale.ROOT, "%nbest of %d repeats (pos-types: 1); load average at the end: %.1f on %d cores%n",
                repeats, os.getSystemLoadAverage(), Runtime.getRuntime().availableProcessors());
        FileTrees.delete(work);
    }
}
