package dev.longrecipe.model.llama;

/** Every checkpoint tensor name of a Llama-family model, in one place (Hugging Face naming). */
public final class LlamaTensorNames {
    public static final String EMBED_TOKENS = "model.embed_tokens.weight";
    public static final String FINAL_NORM = "model.norm.weight";
    public static final String LM_HEAD = "lm_head.weight";

    private LlamaTensorNames() {
    }

    public static String layer(int layer, String suffix) {
        return "model.layers." + layer + "." + suffix;
    }

    public static String inputNorm(int l) {
        return layer(l, "input_layernorm.weight");
    }

    public static String postAttentionNorm(int l) {
        return layer(l, "post_attention_layernorm.weight");
    }

    /** {@code proj} is one of q_proj, k_proj, v_proj, o_proj; {@code kind} "weight" or "bias". */
    public static String attention(int l, String proj, String kind) {
        return layer(l, "self_attn." + proj + "." + kind);
    }

    /** {@code proj} is one of gate_proj, up_proj, down_proj; {@code kind} "weight" or "bias". */
    public static String mlp(int l, String proj, String kind) {
        return layer(l, "mlp." + proj + "." + kind);
    }
}
