package dev.longrecipe.model.llama;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import com.fasterxml.jackson.databind.JsonNode;
import dev.longrecipe.hf.DType;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.hf.TensorInfo;
import dev.longrecipe.model.checkpoint.HfFolderWriter;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import dev.longrecipe.model.rope.RopeFrequencies;
import dev.longrecipe.model.rope.RopeScaling;
import dev.longrecipe.model.rope.RopeScalings;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;

import static dev.longrecipe.model.llama.LlamaTensorNames.*;

/**
 * A Llama-family decoder (Llama, Mistral, Qwen2) on DJL's PyTorch engine, float32, with explicit position ids.
 *
 * <p>The forward pass reads top to bottom in {@link #forward(NDArray, NDArray, NDArray, KvCache)} and
 * {@link #decoderLayer}. Shapes: B batch, T new tokens, S attended tokens (T plus cached ones), d hidden size,
 * H query heads, Hkv key/value heads, D head dim, I intermediate size, V vocabulary.
 *
 * <p>Results of a forward pass attach to the NDManager of {@code inputIds}: create each step's inputs in a
 * per-step sub-manager of {@link #manager()} and close it after use. The pass records an autograd graph only
 * under {@link GradMode#enabled()} (DJL starts with recording off); {@link #score} forces it off.
 */
public final class LlamaModel implements AutoCloseable {

    /** Upper bound on attention-score elements per query chunk (B·H·chunk·S); 2^25 floats = 128 MiB. */
    public static final long DEFAULT_ATTENTION_CHUNK_ELEMENTS = 1L << 25;

    private final NDManager manager;
    private final Device device;
    private final JsonNode sourceConfigJson;
    private final Path sourceDir;
    private final DType sourceDtype;
    private final DataType storage;        // FLOAT32, or FLOAT16 for weights stored at half size (inference only)
    private final List<ParameterSpec> specs;
    private final Map<String, NDArray> parameters;
    private final NDArray rmsEps;          // () scalar constants live as long as the model (see docs/ENVIRONMENT.md)
    private final NDArray attentionScale;  // () 1/sqrt(D)
    private final NDArray maskValue;       // () most negative float32, added where attention is not allowed
    private ModelConfig config;
    private RopeScaling rope;
    private long attentionChunkElements = DEFAULT_ATTENTION_CHUNK_ELEMENTS;

    private LlamaModel(ModelConfig config, Device device, JsonNode sourceConfigJson, Path sourceDir,
                       DType sourceDtype, Function<ParameterSpec, float[]> weights, DataType storage) {
        if (storage != DataType.FLOAT32 && storage != DataType.FLOAT16) {
            throw new IllegalArgumentException("weights can be stored as float32 or float16, not " + storage
                    + " (bfloat16 aborts DJL's engine; bf16 folders are decoded to float32 in Java)");
        }
        this.storage = storage;
        this.config = config;
        this.rope = RopeScalings.forConfig(config);
        this.device = device;
        this.sourceConfigJson = sourceConfigJson;
        this.sourceDir = sourceDir;
        this.sourceDtype = sourceDtype;
        this.manager = NDManager.newBaseManager(device);
        this.specs = LlamaLayout.parameters(config);
        Map<String, NDArray> params = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) { // one tensor at a time: the heap holds one decoded tensor at most
            NDArray p;
            try (NDManager staging = manager.newSubManager()) {
                // DJL's create() puts the values in a direct ByteBuffer the CPU tensor then borrows, so every
                // parameter would count against -XX:MaxDirectMemorySize (by default the heap limit, a quarter of
                // a container's memory). A libtorch-owned copy frees the buffer for the next tensor.
                NDArray values = staging.create(weights.apply(spec), new Shape(spec.shape()));
                p = storage == DataType.FLOAT32 ? values.duplicate() : values.toType(storage, false);
                p.attach(manager);
            }
            p.setName(spec.name());
            params.put(spec.name(), p);
        }
        this.parameters = Collections.unmodifiableMap(params);
        this.rmsEps = manager.full(new Shape(), (float) config.rmsNormEps(), DataType.FLOAT32);
        this.attentionScale = manager.full(new Shape(), (float) (1.0 / Math.sqrt(config.headDim())),
                DataType.FLOAT32);
        this.maskValue = manager.full(new Shape(), -Float.MAX_VALUE, DataType.FLOAT32);
    }

    /** The device models load onto by default: the first GPU if DJL's engine has one, else the CPU. */
    public static Device preferredDevice() {
        return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
    }

    /** Loads a Hugging Face model folder onto {@link #preferredDevice()}. */
    public static LlamaModel load(Path dir) {
        return load(dir, preferredDevice());
    }

    /** Loads a Hugging Face model folder (config.json + safetensors, single file or sharded) onto {@code device}. */
    public static LlamaModel load(Path dir, Device device) {
        return load(dir, device, DataType.FLOAT32);
    }

    /**
     * {@link #load(Path, Device)} with the weights stored on the device as {@code storage}: FLOAT32, or FLOAT16 to
     * halve their memory for scoring and decoding (the forward pass still computes in float32, casting one layer's
     * weights at a time; training needs float32).
     */
    public static LlamaModel load(Path dir, Device device, DataType storage) {
        try (HfModelFolder folder = HfModelFolder.open(dir)) {
            ModelConfig config = ModelConfig.parse(folder.config());
            List<ParameterSpec> specs = LlamaLayout.parameters(config);
            List<String> present = folder.tensorNames();
            for (ParameterSpec spec : specs) {
                if (!present.contains(spec.name())) {
                    throw new IllegalArgumentException("model folder " + dir + " has no tensor '" + spec.name()
                            + "', which a " + config.architecture().hfClassName() + " with this config.json needs");
                }
                TensorInfo info = folder.info(spec.name());
                if (!Arrays.equals(info.shape(), spec.shape())) {
                    throw new IllegalArgumentException("tensor '" + spec.name() + "' in " + dir + ": expected shape "
                            + Arrays.toString(spec.shape()) + " (from config.json) but found "
                            + Arrays.toString(info.shape()));
                }
            }
            java.util.Set<String> used = new java.util.HashSet<>();
            specs.forEach(spec -> used.add(spec.name()));
            List<String> unexpected = new ArrayList<>();
            for (String name : present) {
                boolean known = used.contains(name) || name.endsWith("rotary_emb.inv_freq")
                        || (name.equals(LM_HEAD) && config.tieWordEmbeddings());
                if (!known) {
                    unexpected.add(name);
                }
            }
            if (!unexpected.isEmpty()) {
                throw new IllegalArgumentException("model folder " + dir + " has tensors a "
                        + config.architecture().hfClassName() + " does not use: "
                        + unexpected.subList(0, Math.min(5, unexpected.size()))
                        + (unexpected.size() > 5 ? " and " + (unexpected.size() - 5) + " more" : "")
                        + "; is config.json the one that belongs to these weights?");
            }
            // streamed: each tensor is decoded from the memory-mapped file, copied to the device and dropped
            Function<ParameterSpec, float[]> weights = spec -> folder.readFloat32(spec.name());
            return new LlamaModel(config, device, folder.config(), dir, folder.dtype(), weights, storage);
        }
    }

    /**
     * A randomly initialised model (benchmarks, tests): matrices ~ N(0, 0.02²) as transformers' initializer_range,
     * norms 1, biases 0; the same seed gives the same weights.
     */
    public static LlamaModel random(ModelConfig config, long seed, Device device) {
        Random rng = new Random(seed);
        Function<ParameterSpec, float[]> weights = spec -> {       // called in parameter order: same seed, same weights
            float[] w = new float[Math.toIntExact(spec.numel())];
            if (spec.name().endsWith("norm.weight")) {
                Arrays.fill(w, 1f);
            } else if (spec.shape().length == 2) {
                for (int i = 0; i < w.length; i++) {
                    w[i] = (float) (rng.nextGaussian() * 0.02);
                }
            }
            return w;
        };
        return new LlamaModel(config, device, config.toJson(), null, DType.F32, weights, DataType.FLOAT32);
    }

    // ------------------------------------------------------------------------------------------------------------
    // Forward pass
    // ------------------------------------------------------------------------------------------------------------

    /** Logits (B, T, V) float32 for token ids (B, T) int64 at position ids (B, T). */
    public NDArray forward(NDArray inputIds, NDArray positionIds) {
        return forward(inputIds, positionIds, null);
    }

    /** {@link #forward(NDArray, NDArray)} with autograd recording off, whatever the caller's mode. */
    public NDArray score(NDArray inputIds, NDArray positionIds) {
        return score(inputIds, positionIds, null);
    }

    /** {@link #forward(NDArray, NDArray, KvCache)} with autograd recording off (scoring, greedy decoding). */
    public NDArray score(NDArray inputIds, NDArray positionIds, KvCache cache) {
        return score(inputIds, positionIds, null, cache);
    }

    /** {@link #forward(NDArray, NDArray, NDArray, KvCache)} with autograd recording off (batched decoding). */
    public NDArray score(NDArray inputIds, NDArray positionIds, NDArray attentionMask, KvCache cache) {
        try (GradMode ignored = GradMode.disabled()) {
            return forward(inputIds, positionIds, attentionMask, cache);
        }
    }

    /** {@link #forward(NDArray, NDArray, NDArray, KvCache)} without padding: every token is real. */
    public NDArray forward(NDArray inputIds, NDArray positionIds, KvCache cache) {
        return forward(inputIds, positionIds, null, cache);
    }

    /**
     * Logits (B, T, V) for new tokens (B, T) at position ids (B, T). With a cache, attends to the cached tokens
     * too and appends the new tokens' keys and values to it (incremental decoding); the causal mask is by sequence
     * index (cached tokens first), as in transformers, while RoPE uses the given position ids.
     *
     * <p>{@code attentionMask} (B, T), as transformers' {@code attention_mask}, marks the real tokens (non-zero)
     * and the pads (zero) of left-padded rows: no query attends to a pad key, now or in later passes (the cache
     * keeps the mask). Pad queries' outputs are meaningless but finite. {@code null} means every token is real
     * (with a cache that has a mask, these T tokens are appended as real).
     */
    public NDArray forward(NDArray inputIds, NDArray positionIds, NDArray attentionMask, KvCache cache) {
        checkInputs(inputIds, positionIds);
        long b = inputIds.getShape().get(0);
        long t = inputIds.getShape().get(1);
        checkMask(attentionMask, b, t, cache);
        long past = cache == null ? 0 : cache.length();
        NDArray keyValid = cache == null ? toBoolean(attentionMask)                    // (B, S) or null: all real
                : cache.appendValidity(attentionMask, b, t);
        AttentionMask mask = attentionMask(past, t, b, keyValid, cache != null, inputIds.getManager()); // all layers
        NDArray h = decoderStack(inputIds, positionIds, cache, mask);                 // (B, T, d)
        NDArray logits = head(h);                                                     // (B, T, V)
        h.close();
        return logits;
    }

    /** Embedding, then every decoder layer in turn: the last layer's output (B, T, d). */
    private NDArray decoderStack(NDArray inputIds, NDArray positionIds, KvCache cache, AttentionMask mask) {
        NDArray h = embed(inputIds);                                                  // (B, T, d)
        Rotary rotary = rotary(positionIds);                                          // cos, sin (B, 1, T, D)
        for (int layer = 0; layer < config.numHiddenLayers(); layer++) {
            NDArray next = decoderLayer(layer, h, rotary, cache, mask);               // (B, T, d)
            h.close();
            h = next;
        }
        return h;
    }

    /**
     * The last decoder layer's output (B, T, d) for token ids (B, T) at position ids (B, T), autograd off: the
     * forward pass without its head, so a caller can make the logits a chunk of positions at a time with
     * {@link #scoreHead} instead of holding (B, T, V).
     */
    public NDArray scoreHidden(NDArray inputIds, NDArray positionIds) {
        try (GradMode ignored = GradMode.disabled()) {
            checkInputs(inputIds, positionIds);
            return decoderStack(inputIds, positionIds, null, AttentionMask.causal());  // (B, T, d)
        }
    }

    /** Final norm and LM head of hidden states (B, c, d) from {@link #scoreHidden}: logits (B, c, V), autograd off. */
    public NDArray scoreHead(NDArray hidden) {
        try (GradMode ignored = GradMode.disabled()) {
            return head(hidden);
        }
    }

    /** Token embeddings (B, T, d) of ids (B, T). */
    NDArray embed(NDArray inputIds) {
        NDArray ids = inputIds.getDataType() == DataType.INT64 ? inputIds : inputIds.toType(DataType.INT64, false);
        NDArray table = weight(EMBED_TOKENS, ids.getManager());                        // (V, d) float32
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /** cos and sin of every position id's rotation angles, scaled by the RoPE type's attention factor. */
    Rotary rotary(NDArray positionIds) {
        NDManager m = positionIds.getManager();
        NDArray positions = positionIds.toType(DataType.FLOAT32, false);                // (B, T)
        long seqLen = positionIds.max().toType(DataType.INT64, false).getLong() + 1;
        RopeFrequencies f = rope.frequencies(seqLen);
        NDArray invFreq = m.create(f.inverseFrequencies());                             // (D/2)
        NDArray angles = positions.expandDims(2).mul(invFreq);                          // (B, T, D/2)
        NDArray emb = angles.concat(angles, 2);                                         // (B, T, D)
        NDArray scale = m.full(new Shape(), (float) f.attentionScaling(), DataType.FLOAT32);
        return new Rotary(emb.cos().mul(scale).expandDims(1),                           // (B, 1, T, D)
                emb.sin().mul(scale).expandDims(1));                                    // (B, 1, T, D)
    }

    /** Final norm and LM head: hidden states (B, T, d) to logits (B, T, V). */
    NDArray head(NDArray h) {
        NDManager m = h.getManager();
        NDArray x = rmsNorm(h, weight(FINAL_NORM, m));                                  // (B, T, d)
        return linear(x, weight(config.tieWordEmbeddings() ? EMBED_TOKENS : LM_HEAD, m), null); // (B, T, V)
    }

    /**
     * One decoder layer: {@code h + attention(norm(h))}, then {@code h + mlp(norm(h))}. Intermediates live in a
     * sub-manager closed on return (autograd keeps what backward needs); the output attaches to h's manager.
     */
    NDArray decoderLayer(int l, NDArray h, Rotary rotary, KvCache cache, AttentionMask mask) {
        NDManager outer = h.getManager();
        try (NDManager scope = outer.newSubManager()) {
            h.tempAttach(scope);
            // 1. attention block: RMSNorm, q/k/v projections (+ bias), RoPE, causal GQA attention
            QueryKeyValue qkv = queryKeyValue(l, h, rotary);                  // q (B, H, T, D), k, v (B, Hkv, T, D)
            NDArray k = qkv.k();
            NDArray v = qkv.v();
            if (cache != null) {
                k = cache.appendKeys(l, k);                                                        // (B, Hkv, S, D)
                v = cache.appendValues(l, v);                                                      // (B, Hkv, S, D)
            }
            NDArray attn = causalAttention(qkv.q(), k, v, mask);                                   // (B, H, T, D)
            // 2. o_proj and residual, then the MLP block and its residual
            NDArray out = attentionOutputAndMlp(l, h, attn);                                       // (B, T, d)
            out.attach(outer);
            return out;
        }
    }

    /**
     * The first half of layer l's attention block: RMSNorm, q/k/v projections (+ bias), RoPE on q and k.
     * Results attach to h's manager.
     *
     * @param h (B, T, d) the layer's input
     * @return q (B, H, T, D), k and v (B, Hkv, T, D)
     */
    QueryKeyValue queryKeyValue(int l, NDArray h, Rotary rotary) {
        long b = h.getShape().get(0);
        long t = h.getShape().get(1);
        int heads = config.numAttentionHeads();
        int kvHeads = config.numKeyValueHeads();
        int dh = config.headDim();
        NDArray x = rmsNorm(h, weight(inputNorm(l), h.getManager()));                              // (B, T, d)
        NDArray q = projection(x, attention(l, "q_proj", "weight"), attention(l, "q_proj", "bias"))
                .reshape(b, t, heads, dh).transpose(0, 2, 1, 3);                                   // (B, H, T, D)
        NDArray k = projection(x, attention(l, "k_proj", "weight"), attention(l, "k_proj", "bias"))
                .reshape(b, t, kvHeads, dh).transpose(0, 2, 1, 3);                                 // (B, Hkv, T, D)
        NDArray v = projection(x, attention(l, "v_proj", "weight"), attention(l, "v_proj", "bias"))
                .reshape(b, t, kvHeads, dh).transpose(0, 2, 1, 3);                                 // (B, Hkv, T, D)
        return new QueryKeyValue(applyRope(q, rotary), applyRope(k, rotary), v);
    }

    /**
     * The rest of layer l after attention: {@code h1 = h + o_proj(attn)}, then {@code h1 + mlp(norm(h1))}.
     * Results attach to h's manager.
     *
     * @param h    (B, T, d) the layer's input (the residual)
     * @param attn (B, H, T, D) attention output
     * @return (B, T, d)
     */
    NDArray attentionOutputAndMlp(int l, NDArray h, NDArray attn) {
        long b = h.getShape().get(0);
        long t = h.getShape().get(1);
        NDArray heads = attn.transpose(0, 2, 1, 3).reshape(b, t, (long) config.numAttentionHeads() * config.headDim());
        NDArray o = projection(heads, attention(l, "o_proj", "weight"), attention(l, "o_proj", "bias")); // (B, T, d)
        NDArray h1 = h.add(o);                                                                     // (B, T, d)

        // MLP block (SwiGLU): RMSNorm, down(silu(gate(x)) * up(x)), residual
        NDArray x = rmsNorm(h1, weight(postAttentionNorm(l), h1.getManager()));                    // (B, T, d)
        NDArray gate = projection(x, mlp(l, "gate_proj", "weight"), mlp(l, "gate_proj", "bias"));  // (B, T, I)
        NDArray up = projection(x, mlp(l, "up_proj", "weight"), mlp(l, "up_proj", "bias"));        // (B, T, I)
        NDArray act = gate.mul(gate.getNDArrayInternal().sigmoid()).mul(up);                       // (B, T, I)
        NDArray down = projection(act, mlp(l, "down_proj", "weight"), mlp(l, "down_proj", "bias")); // (B, T, d)
        return h1.add(down);                                                                       // (B, T, d)
    }

    /**
     * softmax(q kᵀ / sqrt(D) + mask) v, computed one chunk of queries at a time so the score tensor stays
     * under {@link #attentionChunkElements()} elements. Query heads are grouped per key/value head (GQA) and the
     * key/value tensors broadcast over the group instead of being copied. The mask blocks later keys (causal) and
     * pad keys; a key blocked for both reasons gets the mask value once, so a pad query that sees no real key has
     * finite scores.
     *
     * @param q        (B, H, T, D) rotated queries
     * @param k        (B, Hkv, S, D) rotated keys, S = past + T
     * @param v        (B, Hkv, S, D)
     * @param mask     which keys the queries may see
     * @return (B, H, T, D)
     */
    NDArray causalAttention(NDArray q, NDArray k, NDArray v, AttentionMask mask) {
        long b = q.getShape().get(0);
        long t = q.getShape().get(2);
        long s = k.getShape().get(2);
        long chunk = queryChunk(b, t, s);
        NDArray kT = groupedKeysTransposed(k);                                           // (B, Hkv, 1, D, S)
        NDArray vg = groupedValues(v);                                                   // (B, Hkv, 1, S, D)
        NDManager outer = q.getManager();
        NDList outputs = new NDList();
        for (long start = 0; start < t; start += chunk) {
            long end = Math.min(t, start + chunk);
            try (NDManager chunkScope = outer.newSubManager()) {
                NDArray out = attentionRows(q, kT, vg, mask, start, end, chunkScope);    // (B, H, c, D)
                out.attach(outer);
                outputs.add(out);
            }
        }
        return outputs.size() == 1 ? outputs.singletonOrThrow() : NDArrays.concat(outputs, 2); // (B, H, T, D)
    }

    /**
     * Attention of the queries at rows [start, end) of q: softmax(q kᵀ / sqrt(D) + mask) v, with its
     * temporaries (and result) in {@code scope}. Query heads are grouped per key/value head (GQA) and the
     * key/value tensors broadcast over the group instead of being copied.
     *
     * @param q  (B, H, T, D) rotated queries
     * @param kT (B, Hkv, 1, D, S) from {@link #groupedKeysTransposed}
     * @param vg (B, Hkv, 1, S, D) from {@link #groupedValues}
     * @return (B, H, c, D), c = end - start
     */
    NDArray attentionRows(NDArray q, NDArray kT, NDArray vg, AttentionMask mask, long start, long end,
                          NDManager scope) {
        long b = q.getShape().get(0);
        long s = kT.getShape().get(4);
        int heads = config.numAttentionHeads();
        int kvHeads = config.numKeyValueHeads();
        long dh = config.headDim();
        NDArray qc = q.get(new NDIndex(":, :, {}:{}", start, end));                      // (B, H, c, D)
        qc.attach(scope);
        NDArray qg = qc.reshape(b, kvHeads, heads / kvHeads, end - start, dh);           // (B, Hkv, G, c, D)
        NDArray scores = qg.matMul(kT).mul(attentionScale);                              // (B, Hkv, G, c, S)
        scores = scores.add(mask.whole() != null ? mask.whole()                          // (B, Hkv, G, c, S)
                : mask(mask.past() + start, mask.past() + end, s, mask.keyValid(), scope));
        return scores.softmax(4).matMul(vg).reshape(b, heads, end - start, dh);          // (B, H, c, D)
    }

    /** Keys (B, Hkv, S, D) as kᵀ (B, Hkv, 1, D, S), to broadcast over each key/value head's query heads. */
    static NDArray groupedKeysTransposed(NDArray k) {
        return k.expandDims(2).transpose(0, 1, 2, 4, 3);
    }

    /** Values (B, Hkv, S, D) as (B, Hkv, 1, S, D), to broadcast over each key/value head's query heads. */
    static NDArray groupedValues(NDArray v) {
        return v.expandDims(2);
    }

    /**
     * What the T queries of one forward pass may attend to, the same in every layer: keys up to their own sequence
     * index (after {@code past} cached tokens) that are not pads.
     *
     * @param past     number of cached tokens before the first query (its sequence index)
     * @param keyValid (B, S) boolean, false for pad keys; {@code null} when every key is real
     * @param whole    the additive mask of all T queries when they fit one attention chunk and a cache is used
     *                 (decoding), made once per pass; {@code null} otherwise (each chunk makes its own in its scope)
     */
    record AttentionMask(long past, NDArray keyValid, NDArray whole) {
        /** Plain causal attention over the pass's own tokens (training). */
        static AttentionMask causal() {
            return new AttentionMask(0, null, null);
        }
    }

    private AttentionMask attentionMask(long past, long t, long b, NDArray keyValid, boolean cached, NDManager m) {
        long s = past + t;
        if (!cached || queryChunk(b, t, s) != t) {
            return new AttentionMask(past, keyValid, null);
        }
        try (NDManager temporaries = m.newSubManager()) {
            NDArray whole = mask(past, s, s, keyValid, temporaries);                    // (T, S) or (B, 1, 1, T, S)
            whole.attach(m);
            return new AttentionMask(past, keyValid, whole);
        }
    }

    /** Queries per attention chunk: B·H·chunk·S stays under {@link #attentionChunkElements()} (at least one query). */
    long queryChunk(long b, long t, long s) {
        return Math.max(1, Math.min(t, attentionChunkElements / Math.max(1, b * config.numAttentionHeads() * s)));
    }

    /**
     * Additive mask for queries at sequence indices [rowStart, rowEnd): 0 where the key may be attended, the most
     * negative float elsewhere. Without {@code keyValid} it is the causal mask (c, S); with it, the causal mask or'ed
     * with the pad keys, (B, 1, 1, c, S) to broadcast over heads.
     */
    private NDArray mask(long rowStart, long rowEnd, long s, NDArray keyValid, NDManager m) {
        NDArray blocked = causalBlocked(rowStart, rowEnd, s, m);                                        // (c, S)
        if (keyValid != null) {
            long b = keyValid.getShape().get(0);
            NDArray padKey = keyValid.logicalNot();                                                     // (B, S)
            padKey.attach(m); // not the cache's manager, where keyValid lives
            padKey = padKey.reshape(b, 1, 1, 1, s);                                                    // (B, 1, 1, 1, S)
            blocked = padKey.logicalOr(blocked);                                                        // (B, 1, 1, c, S)
        }
        return blocked.toType(DataType.FLOAT32, false).mul(maskValue);                         // (c, S) or (B, 1, 1, c, S)
    }

    /** True (c, S) where a query at sequence index [rowStart, rowEnd) may not see the key: later, or out of window. */
    private NDArray causalBlocked(long rowStart, long rowEnd, long s, NDManager m) {
        NDArray rows = m.arange(rowStart, rowEnd, 1L, DataType.INT64).reshape(rowEnd - rowStart, 1); // (c, 1)
        NDArray cols = m.arange(0L, s, 1L, DataType.INT64).reshape(1, s);                              // (1, S)
        NDArray blocked = cols.gt(rows);                                                                // (c, S)
        if (config.slidingWindow() != null) {
            NDArray window = m.full(new Shape(), (long) config.slidingWindow(), DataType.INT64);
            blocked = blocked.logicalOr(cols.lte(rows.sub(window)));
        }
        return blocked;                                                                                 // (c, S)
    }

    /** q·cos + rotate_half(q)·sin, rotate_half(x) = concat(-x[D/2:], x[:D/2]). x: (B, heads, T, D). */
    private static NDArray applyRope(NDArray x, Rotary rotary) {
        NDList halves = x.split(2, 3);                                                   // 2 × (B, h, T, D/2)
        NDArray rotated = halves.get(1).neg().concat(halves.get(0), 3);                  // (B, h, T, D)
        return x.mul(rotary.cos()).add(rotated.mul(rotary.sin()));                       // (B, h, T, D)
    }

    /** x / sqrt(mean(x²) + eps) · weight over the last axis of (B, T, d). */
    private NDArray rmsNorm(NDArray x, NDArray weight) {
        NDArray variance = x.square().mean(new int[]{2}, true);                          // (B, T, 1)
        return x.div(variance.add(rmsEps).sqrt()).mul(weight);                           // (B, T, d)
    }

    private NDArray projection(NDArray x, String weightName, String biasName) {
        NDArray bias = parameters.containsKey(biasName) ? weight(biasName, x.getManager()) : null;
        return linear(x, weight(weightName, x.getManager()), bias);
    }

    private static NDArray linear(NDArray x, NDArray weight, NDArray bias) {
        return x.getNDArrayInternal().linear(x, weight, bias).singletonOrThrow();
    }

    private void checkInputs(NDArray inputIds, NDArray positionIds) {
        Shape ids = inputIds.getShape();
        if (ids.dimension() != 2 || !ids.equals(positionIds.getShape())) {
            throw new IllegalArgumentException("input ids and position ids must both be (B, T); got " + ids
                    + " and " + positionIds.getShape());
        }
        if (!inputIds.getDevice().equals(device) || !positionIds.getDevice().equals(device)) {
            throw new IllegalArgumentException("inputs are on " + inputIds.getDevice() + "/"
                    + positionIds.getDevice() + " but the model is on " + device
                    + "; create them in a sub-manager of model.manager()");
        }
        long maxId = inputIds.max().toType(DataType.INT64, false).getLong();
        long minId = inputIds.min().toType(DataType.INT64, false).getLong();
        if (minId < 0 || maxId >= config.vocabSize()) {
            throw new IllegalArgumentException("token ids must be in [0, " + config.vocabSize() + ") but range over ["
                    + minId + ", " + maxId + "]");
        }
        long minPos = positionIds.min().toType(DataType.INT64, false).getLong();
        if (minPos < 0) {
            throw new IllegalArgumentException("position ids must be non-negative but the smallest is " + minPos);
        }
    }

    private static NDArray toBoolean(NDArray attentionMask) {
        return attentionMask == null ? null : attentionMask.toType(DataType.BOOLEAN, false);
    }

    private static void checkMask(NDArray attentionMask, long b, long t, KvCache cache) {
        if (attentionMask != null && !attentionMask.getShape().equals(new Shape(b, t))) {
            throw new IllegalArgumentException("the attention mask must be (B, T) = (" + b + ", " + t + ") like the"
                    + " input ids but is " + attentionMask.getShape());
        }
        if (cache != null && cache.length() > 0 && cache.batchSize() != b) {
            throw new IllegalArgumentException("the cache holds " + cache.batchSize() + " rows but the inputs have "
                    + b + "; drop finished rows with KvCache.keepRows");
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // State
    // ------------------------------------------------------------------------------------------------------------

    /** A new, empty cache for {@link #forward(NDArray, NDArray, KvCache)}. */
    public KvCache newKvCache() {
        return new KvCache(manager, config.numHiddenLayers());
    }

    /** Learnable tensors by Hugging Face name, float32 on {@link #device()}, in checkpoint order. */
    public Map<String, NDArray> parameters() {
        return parameters;
    }

    public List<ParameterSpec> parameterSpecs() {
        return specs;
    }

    /**
     * A parameter as the forward pass computes with it: float32. Stored as float32, it is the parameter itself;
     * stored as float16 ({@link #storage()}), a float32 copy made in {@code scope} and freed with it, so only one
     * layer's weights exist in float32 at a time.
     */
    private NDArray weight(String name, NDManager scope) {
        NDArray p = param(name);
        if (storage == DataType.FLOAT32) {
            return p;
        }
        NDArray w = p.toType(DataType.FLOAT32, false);
        w.attach(scope);
        return w;
    }

    public NDArray param(String name) {
        NDArray p = parameters.get(name);
        if (p == null) {
            throw new IllegalArgumentException("model has no parameter '" + name + "'");
        }
        return p;
    }

    /**
     * Makes every parameter a leaf that records gradients when a forward pass runs under
     * {@link GradMode#enabled()} (training); scoring is unaffected.
     */
    public void enableGradients() {
        for (NDArray p : parameters.values()) {
            if (!p.hasGradient()) {
                p.setRequiresGradient(true);
            }
        }
    }

    /** Sets every parameter's accumulated gradient to zero (start of an optimizer step). */
    public void zeroGradients() {
        for (NDArray p : parameters.values()) {
            if (p.hasGradient()) {
                ai.djl.pytorch.jni.JniUtils.zeroGrad((ai.djl.pytorch.engine.PtNDArray) p);
            }
        }
    }

    /** Copies a parameter's accumulated gradient to the JVM (tests, diagnostics). */
    public float[] gradientValues(String name) {
        try (NDArray g = param(name).getGradient()) {
            return g.toFloatArray();
        }
    }

    /** Copies a parameter's values to the JVM as float32 (checkpoints, tests). */
    public float[] parameterValues(String name) {
        NDArray p = param(name);
        if (storage == DataType.FLOAT32) {
            return p.toFloatArray();
        }
        try (NDArray wide = p.toType(DataType.FLOAT32, false)) {
            return wide.toFloatArray();
        }
    }

    /** The dtype the weights are stored in on the device: FLOAT32, or FLOAT16 (see {@link #load(Path, Device, DataType)}). */
    public DataType storage() {
        return storage;
    }

    /** Overwrites a parameter's values (resuming from float32 master weights). */
    public void setParameterValues(String name, float[] values) {
        NDArray p = param(name);
        if (values.length != p.getShape().size()) {
            throw new IllegalArgumentException("parameter '" + name + "' has " + p.getShape().size()
                    + " values but " + values.length + " were given");
        }
        try (GradMode ignored = GradMode.disabled(); NDManager tmp = manager.newSubManager()) {
            p.set(tmp.create(values, p.getShape()).toType(storage, false).toByteBuffer());
        }
    }

    public ModelConfig config() {
        return config;
    }

    public RopeScaling rope() {
        return rope;
    }

    /** Changes RoPE and context window, e.g. to the extension phase's theta; saved with the model. */
    public void setRope(RopeParameters newRope, int maxPositionEmbeddings) {
        ModelConfig updated = config.withRope(newRope, maxPositionEmbeddings);
        this.rope = RopeScalings.forConfig(updated);
        this.config = updated;
    }

    public Device device() {
        return device;
    }

    /** The manager owning the parameters; make per-step input managers with {@code manager().newSubManager()}. */
    public NDManager manager() {
        return manager;
    }

    /** The folder this model was loaded from, or {@code null} for a model made in Java. */
    public Path sourceDir() {
        return sourceDir;
    }

    /** The weight dtype of the folder this model was loaded from (F32 for a model made in Java). */
    public DType sourceDtype() {
        return sourceDtype;
    }

    /** The config.json this model was loaded from (or made from), unchanged. */
    public JsonNode sourceConfigJson() {
        return sourceConfigJson;
    }

    public long attentionChunkElements() {
        return attentionChunkElements;
    }

    /** Bounds attention memory: query chunks are sized so B·H·chunk·S stays under this many elements. */
    public void setAttentionChunkElements(long elements) {
        if (elements <= 0) {
            throw new IllegalArgumentException("attention chunk elements must be positive but was " + elements);
        }
        this.attentionChunkElements = elements;
    }

    /**
     * Saves a Hugging Face folder: config.json (this model's RoPE and context window, or the overrides),
     * safetensors in {@code dtype} with the same tensor names, and the source folder's tokenizer and other small
     * files.
     *
     * @param ropeOverride          RoPE parameters to record instead of the current ones, or {@code null}
     * @param maxPositionEmbeddings context window to record instead of the current one, or {@code null}
     */
    public void saveHfFolder(Path dir, DType dtype, RopeParameters ropeOverride, Integer maxPositionEmbeddings) {
        ModelConfig saved = config.withRope(ropeOverride != null ? ropeOverride : config.rope(),
                maxPositionEmbeddings != null ? maxPositionEmbeddings : config.maxPositionEmbeddings());
        HfFolderWriter.write(this, saved, dir, dtype);
    }

    @Override
    public void close() {
        manager.close();
    }

    /** cos and sin tables (B, 1, T, D) shared by all layers of one forward pass. */
    record Rotary(NDArray cos, NDArray sin) {
    }

    /** Rotated queries (B, H, T, D), rotated keys and values (B, Hkv, T, D) of one layer. */
    record QueryKeyValue(NDArray q, NDArray k, NDArray v) {
    }
}
