package dev.longrecipe.segmenter.service;

import dev.longrecipe.hf.BosToken;
import dev.longrecipe.runtime.StageContext;
import dev.longrecipe.runtime.StageHandler;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.events.AnalysisCompleted;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.SamplesReady;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.segmenter.Segmenter;
import dev.longrecipe.segmenter.SegmenterInputs;
import dev.longrecipe.segmenter.SegmenterResult;
import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.segmenter.SettingsFromSpec;
import dev.longrecipe.segmenter.UnusableCorpusException;
import jakarta.enterprise.context.ApplicationScoped;
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
    public Event<SamplesReady> run(StageContext<AnalysisCompleted> ctx) throws Exception {
        RunSpec spec = ctx.spec();
        ctx.progress(0, "downloading the corpus and the base model's tokenizer");
        SegmenterInputs inputs = SegmenterInputs.resolve(spec, ctx.source(), ctx.workDir());
        AnalysisCompleted in = ctx.input();
        SegmenterSettings settings = SettingsFromSpec.from(spec, inputs.windows().contextLength(), in.anchorRule(),
                in.anchorTypes(), BosToken.of(inputs.modelFolder()));
        String anchorNote = SettingsFromSpec.anchorFallback(in.anchorRule(), in.anchorTypes(), in.fallbackReason())
                .map(note -> "; " + note).orElse("");
        if (!anchorNote.isEmpty()) {
            ctx.progress(0, anchorNote.substring(2));
        }
        SegmenterResult result;
        try {
            result = new Segmenter().run(settings, inputs.corpus(), inputs.tokenizer(),
                    ctx.outputDir().resolve("samples"), (fraction, message) -> ctx.progress(fraction, message));
        } catch (UnusableCorpusException e) {
            throw inputs.provenance().restate(e); // named as the operator knows it, not by its scratch copy
        }
        ctx.progress(1, result.stats().tokens(), "tokens", result.stats().samples() + " samples, anchor hit rate "
                + String.format("%.2f", result.stats().anchorHitRate()) + anchorNote, Map.of(
                        "samples", (double) result.stats().samples(), "tokens", (double) result.stats().tokens()));
        String samples = ctx.attemptPrefix() + "samples/";
        return ctx.event(SamplesReady.builder().manifestKey(samples + "manifest.json").statsKey(samples + "stats.json")
                .method(settings.method()).samples(result.stats().samples()).tokens(result.stats().tokens()).build());
    }
}
