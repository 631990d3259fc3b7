package dev.longrecipe.draw.position;

import java.util.List;

/** The registry of position index transforms by settings name. */
public final class PositionTransforms {

    /** Names accepted by {@link #create}. */
    public static final List<String> NAMES = List.of(Algorithm1Transform.NAME, MaxSkipTransform.NAME);

    private PositionTransforms() {
    }

    /**
     * The transform called {@code name}; {@code maxSkip} is M for "max-skip"; {@code releasedPrefix} adds
     * the released code's contiguous prefix in front of it.
     */
    public static PositionIndexTransform create(String name, int maxSkip, boolean releasedPrefix) {
        PositionIndexTransform transform = switch (name) {
            case Algorithm1Transform.NAME -> new Algorithm1Transform();
            case MaxSkipTransform.NAME -> new MaxSkipTransform(maxSkip);
            default -> throw new IllegalArgumentException("unknown position transform '" + name + "'; valid: " + NAMES);
        };
        return releasedPrefix ? new ReleasedCodePrefixTransform(transform) : transform;
    }
}
