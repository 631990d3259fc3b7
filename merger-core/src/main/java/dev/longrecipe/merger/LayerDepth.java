package dev.longrecipe.merger;

import java.util.Collection;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a tensor sits in the stack of decoder layers, as a fraction: 0 at the first layer, 1 at the last. Gradient
 * settings ({@code [0, 0.5, 1]}) are read at this point. Tensors before the layers (the embedding) sit at 0, tensors
 * after them (final norm, LM head) at 1.
 */
final class LayerDepth {
    private static final Pattern LAYER = Pattern.compile("(?:^|\\.)layers\\.(\\d+)\\.");

    private LayerDepth() {
    }

    /** Number of decoder layers named in {@code tensorNames} (highest {@code layers.N.} index + 1). */
    static int layerCount(Collection<String> tensorNames) {
        int max = -1;
        for (String name : tensorNames) {
            Matcher m = LAYER.matcher(name);
            if (m.find()) {
                max = Math.max(max, Integer.parseInt(m.group(1)));
            }
        }
        return max + 1;
    }

    static double of(String tensorName, int layers) {
        Matcher m = LAYER.matcher(tensorName);
        if (m.find()) {
            return layers <= 1 ? 0 : Integer.parseInt(m.group(1)) / (double) (layers - 1);
        }
        return tensorName.contains("embed") ? 0 : 1;
    }
}
