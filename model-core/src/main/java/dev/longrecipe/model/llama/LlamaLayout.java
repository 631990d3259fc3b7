package dev.longrecipe.model.llama;

import dev.longrecipe.model.config.ModelConfig;

import java.util.ArrayList;
import java.util.List;

import static dev.longrecipe.model.llama.LlamaTensorNames.*;

/** The tensors a config implies, with their shapes, in checkpoint order. */
public final class LlamaLayout {
    /** The query, key and value projections, in checkpoint order (q has the query heads' width, k and v the KV heads'). */
    private static final String[] QKV = {"q_proj", "k_proj", "v_proj"};

    private LlamaLayout() {
    }

    public static List<ParameterSpec> parameters(ModelConfig c) {
        long d = c.hiddenSize();
        long q = (long) c.numAttentionHeads() * c.headDim();
        long kv = (long) c.numKeyValueHeads() * c.headDim();
        long inter = c.intermediateSize();
        List<ParameterSpec> specs = new ArrayList<>();
        specs.add(matrix(EMBED_TOKENS, c.vocabSize(), d));
        for (int l = 0; l < c.numHiddenLayers(); l++) {
            specs.add(vector(inputNorm(l), d));
            for (int p = 0; p < QKV.length; p++) {
                specs.add(matrix(attention(l, QKV[p], "weight"), p == 0 ? q : kv, d));
            }
            for (int p = 0; c.attentionBias() && p < QKV.length; p++) { // Qwen2: biases on q, k and v only
                specs.add(vector(attention(l, QKV[p], "bias"), p == 0 ? q : kv));
            }
            specs.add(matrix(attention(l, "o_proj", "weight"), d, q));
            if (c.outputBias()) {
                specs.add(vector(attention(l, "o_proj", "bias"), d));
            }
            specs.add(vector(postAttentionNorm(l), d));
            specs.add(matrix(mlp(l, "gate_proj", "weight"), inter, d));
            specs.add(matrix(mlp(l, "up_proj", "weight"), inter, d));
            specs.add(matrix(mlp(l, "down_proj", "weight"), d, inter));
            if (c.mlpBias()) {
                specs.add(vector(mlp(l, "gate_proj", "bias"), inter));
                specs.add(vector(mlp(l, "up_proj", "bias"), inter));
                specs.add(vector(mlp(l, "down_proj", "bias"), d));
            }
        }
        specs.add(vector(FINAL_NORM, d));
        if (!c.tieWordEmbeddings()) {
            specs.add(matrix(LM_HEAD, c.vocabSize(), d));
        }
        return specs;
    }

    private static ParameterSpec matrix(String name, long rows, long cols) {
        return new ParameterSpec(name, new long[]{rows, cols}, true);
    }

    private static ParameterSpec vector(String name, long size) {
        return new ParameterSpec(name, new long[]{size}, false);
    }
}
