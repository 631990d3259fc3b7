package dev.longrecipe.model.config;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The decoder families this module runs. They share one forward pass and differ only in which projections carry
 * biases and in the sliding-window option; those differences are read into {@link ModelConfig}.
 */
public enum Architecture {
    LLAMA("LlamaForCausalLM", "llama"),
    MISTRAL("MistralForCausalLM", "mistral"),
    QWEN2("Qwen2ForCausalLM", "qwen2");

    private final String hfClassName;
    private final String modelType;

    Architecture(String hfClassName, String modelType) {
        this.hfClassName = hfClassName;
        this.modelType = modelType;
    }

    /** The transformers class name as written in config.json's {@code architectures}. */
    public String hfClassName() {
        return hfClassName;
    }

    /** config.json's {@code model_type}. */
    public String modelType() {
        return modelType;
    }

    public static Architecture fromHfClassName(String name) {
        for (Architecture a : values()) {
            if (a.hfClassName.equals(name)) {
                return a;
            }
        }
        throw new UnsupportedArchitectureException("unsupported architecture " + name + " (supported: "
                + supportedNames() + ")");
    }

    public static Architecture fromModelType(String modelType) {
        for (Architecture a : values()) {
            if (a.modelType.equals(modelType)) {
                return a;
            }
        }
        throw new UnsupportedArchitectureException("unsupported architecture with model_type " + modelType
                + " (supported: " + supportedNames() + ")");
    }

    public static String supportedNames() {
        return Arrays.stream(values()).map(Architecture::hfClassName).collect(Collectors.joining(", "));
    }
}
