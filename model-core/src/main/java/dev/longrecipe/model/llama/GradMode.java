package dev.longrecipe.model.llama;

import ai.djl.pytorch.jni.JniUtils;

/**
 * Scoped switch of PyTorch's autograd recording (DJL's engine starts with it off). Training enables it around
 * forward + backward; scoring disables it so no graph is kept.
 *
 * <pre>{@code try (GradMode ignored = GradMode.enabled()) { ... }}</pre>
 */
public final class GradMode implements AutoCloseable {
    private final boolean previous;

    private GradMode(boolean on) {
        this.previous = JniUtils.isGradMode();
        JniUtils.setGradMode(on);
    }

    public static GradMode enabled() {
        return new GradMode(true);
    }

    public static GradMode disabled() {
        return new GradMode(false);
    }

    @Override
    public void close() {
        JniUtils.setGradMode(previous);
    }
}
