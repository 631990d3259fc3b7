package dev.longrecipe.evaluator.bench;

import ai.djl.Device;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.evaluator.generate.BatchedGreedyGenerator;
import dev.longrecipe.evaluator.generate.Generation;
import dev.longrecipe.evaluator.generate.GreedyGenerator;
import dev.longrecipe.evaluator.generate.StopCondition;
import dev.longrecipe.evaluator.haystack.HaystackCorpus;
import dev.longrecipe.evaluator.text.ModelTokenizer;
import dev.longrecipe.model.llama.LlamaModel;
import dev.longrecipe.model.tools.MainOptions;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.BiFunction;

/**
 * Greedy decoding throughput of the evaluator, one prompt at a time ({@link GreedyGenerator}) against batched
 * ({@link BatchedGreedyGenerator}), back to back in one process on each model: the same prompts of King James text
 * (by default 32, cycling through lengths 256, 512 and 1024 minus the budget), the same budget. Each mode runs twice
 * after a warm-up: with a budget of one token (reading the prompts: prompt tokens/s) and with the full budget (the
 * rest of the time is decoding: generated tokens/s). Checks that both modes give the same tokens.
 * {@code evaluator-core/bench.sh} runs it; not a test.
 *
 * <pre>java ... dev.longrecipe.evaluator.bench.DecodeBenchmark --models demo/base-model,demo/reference-model
 *     --prompts 32 --lengths 256,512,1024 --new-tokens 128 --batch 8 --prefill-chunk 512 --eos none</pre>
 */
public final class DecodeBenchmark {
    private DecodeBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        MainOptions options = MainOptions.parse(args, "options: --models DIR,DIR --prompts N --lengths L,L"
                + " --new-tokens N --batch N --prefill-chunk N --eos none|model");
        List<Path> models = Arrays.stream(options.text("--models", "demo/base-model,demo/reference-model")
                .split(",")).map(Path::of).toList();
        int prompts = options.integer("--prompts", 32);
        int[] lengths = Arrays.stream(options.text("--lengths", "256,512,1024").split(","))
                .mapToInt(Integer::parseInt).toArray();
        int newTokens = options.integer("--new-tokens", 128);
        int batch = options.integer("--batch", 8);
        int prefillChunk = options.integer("--prefill-chunk", 512);
        String eos = options.text("--eos", "none");
        List<int[]> texts = prompts(models.get(0), prompts, lengths, newTokens);
        long promptTokens = texts.stream().mapToLong(p -> p.length).sum();
        System.out.printf("# prompts=%d lengths=%s new_tokens=%d batch=%d prefill_chunk=%d eos=%s prompt_tokens=%d%n",
                prompts, Arrays.toString(lengths), newTokens, batch, prefillChunk, eos, promptTokens);
        for (Path dir : models) {
            Set<Integer> eosIds = eos.equals("model") ? eosIds(dir) : Set.of();
            try (LlamaModel model = LlamaModel.load(dir, Device.cpu())) {
                int chunk = prefillChunk;
                int b = batch;
                BiFunction<List<int[]>, Integer, List<Generation>> single = (ps, budget) -> {
                    List<Generation> out = new ArrayList<>();
                    for (int[] p : ps) {
                        out.add(new GreedyGenerator(model, chunk).generate(p, budget, StopCondition.eos(eosIds)));
                    }
                    return out;
                };
                BiFunction<List<int[]>, Integer, List<Generation>> batched = (ps, budget) -> {
                    int[] budgets = new int[ps.size()];
                    Arrays.fill(budgets, budget);
                    return new BatchedGreedyGenerator(model, chunk, b).generate(ps, budgets, eosIds);
                };
                Measured one = measure(single, texts, newTokens);
                Measured many = measure(batched, texts, newTokens);
                boolean identical = one.outputs.size() == many.outputs.size();
                int differing = 0;
                for (int i = 0; identical && i < texts.size(); i++) {
                    if (!Arrays.equals(one.outputs.get(i).tokens(), many.outputs.get(i).tokens())
                            || one.outputs.get(i).reason() != many.outputs.get(i).reason()) {
                        differing++;
                    }
                }
                String name = dir.getFileName().toString();
                one.print(name, "one-at-a-time", promptTokens);
                many.print(name, "batched-" + batch, promptTokens);
                System.out.printf("model=%s speedup_prompt=%.2f speedup_generated=%.2f speedup_total=%.2f"
                                + " identical_outputs=%s differing=%d%n", name,
                        one.prefillSeconds / many.prefillSeconds,
                        many.generatedPerSecond() / one.generatedPerSecond(),
                        one.totalSeconds / many.totalSeconds, identical && differing == 0, differing);
            }
        }
    }

    /** Warm-up, then the prompts with a one-token budget (prefill) and with the full budget. */
    private static Measured measure(BiFunction<List<int[]>, Integer, List<Generation>> generate, List<int[]> texts,
                                    int newTokens) {
        generate.apply(texts.subList(0, Math.min(2, texts.size())), 4);
        long t0 = System.nanoTime();
        generate.apply(texts, 1);
        long t1 = System.nanoTime();
        List<Generation> outputs = generate.apply(texts, newTokens);
        long t2 = System.nanoTime();
        return new Measured((t1 - t0) / 1e9, (t2 - t1) / 1e9, outputs);
    }

    /**
     * Timings of one mode. Decoding time is the full run's minus the prefill run's; each prompt's first token comes
     * with its prefill, so decoding made the remaining generated tokens.
     */
    private record Measured(double prefillSeconds, double totalSeconds, List<Generation> outputs) {
        long generated() {
            return outputs.stream().mapToLong(g -> g.tokens().length).sum();
        }

        double generatedPerSecond() {
            return (generated() - outputs.size()) / Math.max(1e-9, totalSeconds - prefillSeconds);
        }

        void print(String model, String mode, long promptTokens) {
            System.out.printf("model=%s mode=%s prompt_tokens_per_s=%.0f generated_tokens_per_s=%.1f"
                            + " prefill_s=%.2f total_s=%.2f generated=%d%n", model, mode,
                    promptTokens / prefillSeconds, generatedPerSecond(), prefillSeconds, totalSeconds, generated());
        }
    }

    /**
     * {@code count} prompts of King James text, the i-th {@code lengths[i % n] - newTokens} tokens long, with the
     * model's BOS (config.json bos_token_id) first.
     */
    private static List<int[]> prompts(Path modelDir, int count, int[] lengths, int newTokens) throws IOException {
        HaystackCorpus kjv = HaystackCorpus.bundledKjv();
        List<int[]> out = new ArrayList<>();
        JsonNode bos = new ObjectMapper().readTree(modelDir.resolve("config.json").toFile()).get("bos_token_id");
        OptionalInt bosId = bos == null || bos.isNull() ? OptionalInt.empty() : OptionalInt.of(bos.asInt());
        try (ModelTokenizer tokenizer = ModelTokenizer.load(modelDir, bosId)) {
            for (int p = 0; p < count; p++) {
                int length = lengths[p % lengths.length] - newTokens;
                StringBuilder text = new StringBuilder();
                int[] ids = new int[0];
                for (int s = 700 * p; ids.length < length; s++) {
                    text.append(kjv.sentence(s % kjv.size())).append(' ');
                    ids = tokenizer.encode(text.toString());
                }
                out.add(Arrays.copyOf(ids, length));
            }
        }
        return out;
    }

    /** The model's config.json eos_token_id (a number or a list). */
    private static Set<Integer> eosIds(Path modelDir) throws IOException {
        JsonNode eos = new ObjectMapper().readTree(modelDir.resolve("config.json").toFile()).get("eos_token_id");
        if (eos == null || eos.isNull()) {
            return Set.of();
        }
        List<Integer> ids = new ArrayList<>();
        if (eos.isArray()) {
            eos.forEach(n -> ids.add(n.asInt()));
        } else {
            ids.add(eos.asInt());
        }
        return Set.copyOf(ids);
    }
}
