package dev.longrecipe.draw.sample;

import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.draw.position.PositionIndexTransform;
import dev.longrecipe.draw.position.PositionTransforms;

import java.util.List;

/** The registry of sample builders by method name; the only place a method name becomes a builder. */
public final class SampleBuilders {

    public static final List<String> NAMES = List.of(LongRecipeSampleBuilder.NAME, RandomSentenceSampleBuilder.NAME,
            PoseSampleBuilder.NAME, RpesSampleBuilder.NAME, FltSampleBuilder.NAME);

    private SampleBuilders() {
    }

    /**
     * The builder for {@code settings.method()}, with its transform and the released-code option applied; when the
     * model has a BOS token, every sample starts with it at position 0 ({@link BosSampleBuilder}).
     */
    public static SampleBuilder create(SegmenterSettings settings) {
        if (settings.bos().isEmpty()) {
            return create(settings, settings.sampleLength(), settings.targetLength());
        }
        return new BosSampleBuilder(settings.bos().getAsInt(),
                create(settings, settings.sampleLength() - 1, settings.targetLength() - 1));
    }

    private static SampleBuilder create(SegmenterSettings settings, int ls, int window) {
        int cap = settings.samplesPerDocument();
        PositionIndexTransform transform =
                PositionTransforms.create(settings.transform(), settings.maxSkip(), settings.releasedCode());
        return switch (settings.method()) {
            case LongRecipeSampleBuilder.NAME -> settings.releasedCode()
                    ? new ReleasedCodeSampleBuilder(true, ls, window, settings.selectRatio(), transform)
                    : new LongRecipeSampleBuilder(ls, window, cap, transform);
            case RandomSentenceSampleBuilder.NAME -> settings.releasedCode()
                    ? new ReleasedCodeSampleBuilder(false, ls, window, settings.selectRatio(), transform)
                    : new RandomSentenceSampleBuilder(ls, window, cap, transform);
            case PoseSampleBuilder.NAME -> new PoseSampleBuilder(ls, window, cap);
            case RpesSampleBuilder.NAME -> new RpesSampleBuilder(ls, window, cap);
            case FltSampleBuilder.NAME -> new FltSampleBuilder(window, cap);
            default -> throw new IllegalArgumentException("unknown method '" + settings.method() + "'; valid: " + NAMES);
        };
    }
}
