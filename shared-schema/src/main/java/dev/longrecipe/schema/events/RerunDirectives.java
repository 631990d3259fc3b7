package dev.longrecipe.schema.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Keys of an event's {@code overrides} that start with {@value #PREFIX} are not run-spec paths but directives to
 * the stage runtime for the new attempt; they are kept out of the effective spec.
 * <ul>
 *   <li>{@value #RESUME_FROM_ATTEMPT}{@code = N}: copy attempt N's durable checkpoints into the new attempt and
 *       resume from the latest (set by {@code longrecipe rerun RUN trainer} unless {@code --from-scratch}).</li>
 * </ul>
 */
public final class RerunDirectives {
    public static final String PREFIX = "rerun.";
    public static final String RESUME_FROM_ATTEMPT = PREFIX + "resumeFromAttempt";

    private RerunDirectives() {
    }

    /** The overrides that are run-spec paths (directives removed). */
    public static Map<String, String> specOverrides(Map<String, String> overrides) {
        Map<String, String> spec = new LinkedHashMap<>(overrides);
        spec.keySet().removeIf(k -> k.startsWith(PREFIX));
        return spec;
    }

    /** The attempt to resume from, if the overrides ask for one. */
    public static OptionalInt resumeFromAttempt(Map<String, String> overrides) {
        String value = overrides.get(RESUME_FROM_ATTEMPT);
        if (value == null) {
            return OptionalInt.empty();
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1) {
                return OptionalInt.of(n);
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new Events.InvalidEventException(RESUME_FROM_ATTEMPT + " is '" + value + "' but must be an attempt"
                + " number (1, 2, …); re-run with `longrecipe rerun RUN STAGE` or `--from-scratch`");
    }
}
