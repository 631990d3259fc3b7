package dev.longrecipe.model.config;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The decoder families this module runs. They share one forward pass and differ only in which projections carry
 * biases and in the sliding-window option; those differences are read into {@link ModelConfig}.
 */
public enum Architecture {
    LLAMA("LlamaForCausalLM"),
    MISTRAL("MistralForCausalLM"),
    QWEN2("Qwen2ForCausalLM");

    private final String hfClassName;

    Architecture(String hfClassName) {
        this.hfClassName = hfClassName;
    }

    /** The transformers class name as written in config.json's {@code architectures}. */
    public String hfClassName() {
        return hfClassName;
    }

    /** config.json's {@code model_type}: the lower-case name. */
    public String modelType() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Architecture fromHfClassName(String name) {
        return find(a -> a.hfClassName.equals(name), "unsupported architecture " + name);
    }

    public static Architecture fromModelType(String modelType) {
        return find(a -> a.modelType().equals(modelType), "unsupported architecture with model_type " + modelType);
    }

    private static Architecture find(Predicate<Architecture> matches, String notFound) {
        return Arrays.stream(values()).filter(matches).findFirst().orElseThrow(
                () -> new UnsupportedArchitectureException(notFound + " (supported: " + supportedNames() + ")"));
    }

    public static String supportedNames() {
        return Arrays.stream(values()).map(Architecture::hfClassName).collect(Collectors.joining(", "));
    }
}
