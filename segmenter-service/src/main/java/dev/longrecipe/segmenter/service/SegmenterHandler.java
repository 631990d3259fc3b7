package dev.longrecipe.segmenter.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.hf.BosToken;
import dev.longrecipe.runtime.ArtifactStore;
import dev.longrecipe.runtime.StageContext;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.schema.CorpusCheck;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.AnalysisCompleted;
import dev.longrecipe.schema.events.PipelineEvent;
import dev.longrecipe.schema.events.SamplesReady;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.segmenter.Segmenter;
import dev.longrecipe.segmenter.SegmenterResult;
import dev.longrecipe.segmenter.SegmenterSettings;
import dev.longrecipe.segmenter.SettingsFromSpec;
import dev.longrecipe.segmenter.UnusableCorpusException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The segmenter's Kafka door: {@code analysis.completed} (anchor token types) → sentence selection and position
 * index transformation over the run's corpus (segmenter-core) → sample shards (sample sources the trainer draws from
 * afresh every epoch), manifest.json and stats.json under {@code <attempt>/samples/} → {@code samples.ready}. Samples
 * start with the base model's BOS token when its config/tokenizer files say its inputs do.
 */
@ApplicationScoped
public class SegmenterHandler implements StageHandler<AnalysisCompleted> {
    @Override
    public Stage stage() {
        return Stage.SEGMENTER;
    }

    @Override
    public Class<AnalysisCompleted> inputType() {
        return AnalysisCompleted.class;
    }

    @Override
    public PipelineEvent run(StageContext<AnalysisCompleted> ctx) throws Exception {
        RunSpec spec = ctx.spec();
        ArtifactStore store = ctx.store();
        String model = store.keyOf(spec.baseModel());
        String modelFolder = model.endsWith("/") ? model : model + "/";
        ctx.progress(0, "downloading the corpus and the base model's tokenizer");
        Path modelDir = Files.createDirectories(ctx.workDir().resolve("model"));
        Path config = modelDir.resolve("config.json");
        store.downloadFile(modelFolder + "config.json", config);
        Path tokenizer = modelDir.resolve("tokenizer.json");
        store.downloadFile(modelFolder + "tokenizer.json", tokenizer);
        if (store.exists(modelFolder + "tokenizer_config.json")) { // says whether inputs start with BOS (BosToken)
            store.downloadFile(modelFolder + "tokenizer_config.json", modelDir.resolve("tokenizer_config.json"));
        }
        String corpusKey = store.keyOf(spec.corpus());
        Path corpus = ctx.workDir().resolve(corpusKey.endsWith(".gz") ? "corpus.jsonl.gz" : "corpus.jsonl");
        store.downloadFile(corpusKey, corpus);
        // not UTF-8: fatal, naming the S3 location (malformed lines are skipped and counted by the segmenter itself)
        CorpusCheck.check(corpus, spec.corpus(), "corpus", false);

        JsonNode modelConfig = Json.MAPPER.readTree(config.toFile());
        int contextLength = spec.contextLengthOr(modelConfig.path("max_position_embeddings").asInt(0));
        AnalysisCompleted in = ctx.event();
        SegmenterSettings settings = SettingsFromSpec.from(spec, contextLength, in.anchorRule(), in.anchorTypes(),
                BosToken.of(modelDir));
        String anchorNote = SettingsFromSpec.anchorFallback(in.anchorRule(), in.anchorTypes(), in.fallbackReason())
                .map(note -> "; " + note).orElse("");
        if (!anchorNote.isEmpty()) {
            ctx.progress(0, anchorNote.substring(2));
        }
        SegmenterResult result;
        try {
            result = new Segmenter().run(settings, corpus, tokenizer, ctx.outputDir().resolve("samples"),
                    (fraction, message) -> ctx.progress(fraction, message));
        } catch (UnusableCorpusException e) {
            // name the corpus as the operator knows it (its S3 location), not this attempt's scratch copy
            throw new IllegalArgumentException(e.getMessage().replace(corpus.toString(),
                    "s3://" + store.bucket() + "/" + corpusKey), e);
        }
        ctx.progress(1, result.stats().tokens(), "tokens", result.stats().samples() + " samples, anchor hit rate "
                + String.format("%.2f", result.stats().anchorHitRate()) + anchorNote, Map.of(
                        "samples", (double) result.stats().samples(), "tokens", (double) result.stats().tokens()));
        String samples = ctx.attemptPrefix() + "samples/";
        return ctx.event(SamplesReady.class, samples + "manifest.json", samples + "stats.json", settings.method(),
                result.stats().samples(), result.stats().tokens());
    }
}
