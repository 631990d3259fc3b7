package dev.longrecipe.model.llama;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.hf.TensorInfo;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.tokenizer.HfTokenizer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a Hugging Face model folder the way the stages will use it, without loading a single weight: config.json
 * parses and has every field the Llama-family loader needs; every safetensors header parses within bounds (header
 * length below the file size and below 100 MB, each tensor's bytes inside the file and equal to dtype × shape, no
 * overlaps — {@code hf-checkpoint}'s strict reader); a sharded index names only shards that exist and tensors they
 * hold; the tensors are exactly the ones config.json implies, with the shapes it implies (tied embeddings allowed);
 * and tokenizer.json, when present (or required), loads with the project's tokenizer and fits the vocabulary.
 *
 * <p>Why a separate check: the CLI runs it on every model folder before the first byte is uploaded, and the stages
 * run it right after downloading a model, so a corrupt or lying model fails at once — fatally, since retrying cannot
 * fix it — with a message that names the folder as the user knows it ({@code shownAs}: the path they gave, or the
 * S3 location), never a stage's scratch folder. Pickle weights ({@code *.bin}, {@code *.pt} …) are never read:
 * loading a pickle runs code from the file.
 */
public final class ModelFolderCheck {
    public static final String TOKENIZER = "tokenizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFolderCheck() {
    }

    /** A model folder that cannot be used; the message names the folder as the user knows it, the problem and the fix. */
    public static final class InvalidModelException extends IllegalArgumentException {
        InvalidModelException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** What the check found. */
    public record Checked(ModelConfig config, int tensors, long weightBytes, boolean hasTokenizer) {
    }

    /**
     * @param dir              the folder on this machine
     * @param shownAs          how errors name it (the user's path, or the S3 location it was downloaded from)
     * @param requireTokenizer whether a missing tokenizer.json is an error (the base model's tokenizer tokenises the
     *                         corpora)
     * @throws InvalidModelException naming {@code shownAs}, the problem and the fix
     */
    public static Checked check(Path dir, String shownAs, boolean requireTokenizer) {
        String shown = shownAs.endsWith("/") ? shownAs.substring(0, shownAs.length() - 1) : shownAs;
        try {
            return checkOrThrow(dir, shown, requireTokenizer);
        } catch (RuntimeException e) {
            // the readers (and the tokenizer library) name files by their local path: show the user's folder instead
            String original = String.valueOf(e.getMessage());
            String message = original.replace(dir.toAbsolutePath().normalize().toString(), shown)
                    .replace(dir.toString(), shown);
            if (e instanceof InvalidModelException && message.equals(original)) {
                throw e;
            }
            throw invalid(message.startsWith(shown) ? message : shown + ": " + message, null, e);
        }
    }

    private static Checked checkOrThrow(Path dir, String shown, boolean requireTokenizer) {
        if (!Files.isDirectory(dir)) {
            throw invalid(shown + " is not a folder", "give a Hugging Face model folder (config.json, model.safetensors"
                    + " or shards with model.safetensors.index.json, tokenizer.json) as saved by save_pretrained", null);
        }
        JsonNode configJson = readConfig(dir, shown);
        ModelConfig config;
        try {
            config = ModelConfig.parse(configJson);
        } catch (RuntimeException e) {
            throw invalid(shown + "/config.json: " + e.getMessage(), "use the config.json saved with these weights"
                    + " (a Llama, Mistral or Qwen2 config with vocab_size, hidden_size, intermediate_size,"
                    + " num_hidden_layers, num_attention_heads, max_position_embeddings)", e);
        }
        try (HfModelFolder folder = HfModelFolder.open(dir)) {
            checkTensors(folder, config, shown);
            boolean hasTokenizer = checkTokenizer(dir, shown, config, requireTokenizer);
            return new Checked(config, folder.tensorNames().size(), folder.totalBytes(), hasTokenizer);
        }
    }

    private static JsonNode readConfig(Path dir, String shown) {
        Path file = dir.resolve(HfModelFolder.CONFIG_FILE);
        if (!Files.isRegularFile(file)) {
            throw invalid(shown + " has no config.json", "copy the config.json that belongs to these weights into"
                    + " the folder (save_pretrained writes it)", null);
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw invalid(shown + "/config.json is not a JSON object", "use the config.json saved with these"
                        + " weights", null);
            }
            return node;
        } catch (JsonProcessingException e) {
            throw invalid(shown + "/config.json is not valid JSON (" + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                    "fix the file or copy the config.json saved with these weights", e);
        } catch (IOException e) {
            throw new UncheckedIOException(shown + "/config.json cannot be read: " + e.getMessage(), e);
        }
    }

    /** The tensors config.json implies, by name and shape; nothing missing, nothing extra, float dtypes. */
    private static void checkTensors(HfModelFolder folder, ModelConfig config, String shown) {
        List<String> present = folder.tensorNames();
        // a config claiming absurdly many layers must not make us build a huge expected list
        if (config.numHiddenLayers() > present.size()) {
            throw invalid(shown + "/config.json says num_hidden_layers " + config.numHiddenLayers() + " but the"
                    + " weights hold only " + present.size() + " tensors", "use the config.json that belongs to"
                    + " these weights", null);
        }
        String fix = "config.json does not describe these weights: use the config.json saved with them (check"
                + " hidden_size, intermediate_size, num_hidden_layers, num_attention_heads, num_key_value_heads,"
                + " head_dim, vocab_size, tie_word_embeddings)";
        Set<String> expected = new HashSet<>();
        for (ParameterSpec spec : LlamaLayout.parameters(config)) {
            expected.add(spec.name());
            if (!present.contains(spec.name())) {
                throw invalid(shown + ": the weights have no tensor '" + spec.name() + "', which a "
                        + config.architecture().hfClassName() + " with this config.json needs", fix, null);
            }
            TensorInfo info = folder.info(spec.name());
            if (!Arrays.equals(info.shape(), spec.shape())) {
                throw invalid(shown + ": tensor '" + spec.name() + "' has shape " + Arrays.toString(info.shape())
                        + " but config.json implies " + Arrays.toString(spec.shape()), fix, null);
            }
            if (!info.dtype().isFloat32Decodable()) {
                throw invalid(shown + ": tensor '" + spec.name() + "' is " + info.dtype(), "store the weights as"
                        + " F32, F16 or BF16 (quantised checkpoints are not supported)", null);
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (String name : present) {
            boolean known = expected.contains(name) || name.endsWith("rotary_emb.inv_freq")
                    || (name.equals(LlamaTensorNames.LM_HEAD) && config.tieWordEmbeddings());
            if (!known) {
                unexpected.add(name);
            }
        }
        if (!unexpected.isEmpty()) {
            throw invalid(shown + ": the weights hold tensors a " + config.architecture().hfClassName()
                    + " with this config.json does not have: " + unexpected.subList(0, Math.min(5, unexpected.size()))
                    + (unexpected.size() > 5 ? " and " + (unexpected.size() - 5) + " more" : ""), fix, null);
        }
    }

    private static boolean checkTokenizer(Path dir, String shown, ModelConfig config, boolean required) {
        Path file = dir.resolve(TOKENIZER);
        if (!Files.isRegularFile(file)) {
            if (required) {
                throw invalid(shown + " has no tokenizer.json", "save the fast tokenizer into the folder (in Python:"
                        + " AutoTokenizer.from_pretrained(...).save_pretrained(folder)); the stages tokenise the"
                        + " corpora with it", null);
            }
            return false;
        }
        String fix = "copy the tokenizer.json saved with this model (tokenizer.save_pretrained writes it)";
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (JsonProcessingException e) {
            throw invalid(shown + "/tokenizer.json is not valid JSON (" + e.getOriginalMessage() + ")", fix, e);
        } catch (IOException e) {
            throw new UncheckedIOException(shown + "/tokenizer.json cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject() || !root.path("model").isObject()) {
            throw invalid(shown + "/tokenizer.json is not a Hugging Face tokenizer (no 'model' object)", fix, null);
        }
        long maxId = maxTokenId(root);
        if (maxId >= config.vocabSize()) {
            throw invalid(shown + "/tokenizer.json has token ids up to " + maxId + " but config.json's vocab_size"
                    + " is " + config.vocabSize() + ", so the tokenizer does not belong to this model", fix, null);
        }
        try (HfTokenizer tokenizer = HfTokenizer.load(file, false)) {
            tokenizer.encodeIds("The check encodes this sentence.");
        } catch (RuntimeException e) {
            throw invalid(shown + "/tokenizer.json does not load as a tokenizer (" + e.getMessage() + ")", fix, e);
        }
        return true;
    }

    /** The largest id in the vocabulary (BPE/WordPiece map, Unigram list) and the added tokens; -1 if none. */
    private static long maxTokenId(JsonNode root) {
        long max = -1;
        JsonNode vocab = root.path("model").path("vocab");
        if (vocab.isObject()) {
            for (var it = vocab.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                max = Math.max(max, e.getValue().asLong(-1));
            }
        } else if (vocab.isArray()) {
            max = vocab.size() - 1L;
        }
        for (JsonNode added : root.path("added_tokens")) {
            max = Math.max(max, added.path("id").asLong(-1));
        }
        return max;
    }

    private static InvalidModelException invalid(String problem, String fix, Throwable cause) {
        return new InvalidModelException(fix == null ? problem : problem + "; " + fix, cause);
    }
}
