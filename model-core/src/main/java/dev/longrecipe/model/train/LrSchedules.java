package dev.longrecipe.model.train;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/** The one registry of learning-rate schedules by run-spec name. */
public final class LrSchedules {
    private static final Map<String, Function<LrScheduleSpec, LrSchedule>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("constant", s -> new ConstantSchedule(s.peakLr(), s.warmupSteps()));
        TYPES.put("cosine", s -> new WarmupCosineSchedule(s.peakLr(), s.warmupSteps(), s.totalSteps(),
                s.minLrRatio()));
    }

    private LrSchedules() {
    }

    /** The registered names, in registration order (the run spec's {@code schedule} values). */
    public static List<String> names() {
        return List.copyOf(TYPES.keySet());
    }

    public static LrSchedule create(LrScheduleSpec spec) {
        var factory = TYPES.get(spec.type());
        if (factory == null) {
            throw new IllegalArgumentException("unknown learning-rate schedule '" + spec.type() + "' (known: "
                    + String.join(", ", TYPES.keySet()) + ")");
        }
        return factory.apply(spec);
    }
}
