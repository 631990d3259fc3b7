package dev.longrecipe.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.analyzer.corpus.TextTokenizer;
import dev.longrecipe.hf.HfModelFolder;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.model.config.RopeParameters;
import ai.djl.ndarray.types.DataType;
import dev.longrecipe.model.llama.LlamaModel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/** Checks on the two model folders before anything heavy runs; every error names the model (H or H′) and the fix. */
final class ModelFolders {

    static final String TOKENIZER = "tokenizer.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFolders() {
    }

    /** The folder's parsed config, after checking it holds config.json and safetensors weights. */
    static ModelConfig config(Path dir, String role) {
        try (HfModelFolder folder = HfModelFolder.open(dir)) {
            return ModelConfig.read(folder.configFile());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(role + " at " + dir + " is not a usable Hugging Face model folder: "
                    + e.getMessage(), e);
        }
    }

    /** Both models must score the same vocabulary, and tokenizers present in both folders must be the same. */
    static void checkSameVocabulary(Path base, ModelConfig baseConfig, Path reference, ModelConfig referenceConfig) {
        if (baseConfig.vocabSize() != referenceConfig.vocabSize()) {
            throw new IllegalArgumentException("H (" + base + ") has vocab_size " + baseConfig.vocabSize()
                    + " but H′ (" + reference + ") has " + referenceConfig.vocabSize() + "; impactful token analysis"
                    + " compares both models' scores for the same tokens, so H′ must share H's tokenizer (e.g. H"
                    + " after long-context training, or a long-context sibling of the same family)");
        }
        Path baseTokenizer = base.resolve(TOKENIZER);
        Path referenceTokenizer = reference.resolve(TOKENIZER);
        if (Files.isRegularFile(baseTokenizer) && Files.isRegularFile(referenceTokenizer)) {
            JsonNode a = tokenizerVocabulary(baseTokenizer);
            JsonNode b = tokenizerVocabulary(referenceTokenizer);
            if (!Objects.equals(a, b)) {
                throw new IllegalArgumentException("H's " + baseTokenizer + " and H′'s " + referenceTokenizer
                        + " define different vocabularies (their 'model' or 'added_tokens' differ); the analysis needs"
                        + " both models to use the same tokenizer");
            }
        }
    }

    private static JsonNode tokenizerVocabulary(Path tokenizerJson) {
        try {
            JsonNode root = JSON.readTree(tokenizerJson.toFile());
            return JSON.createArrayNode().add(root.path("model")).add(root.path("added_tokens"));
        } catch (IOException e) {
            throw new IllegalArgumentException(tokenizerJson + " is not valid JSON (" + e.getMessage() + ")", e);
        }
    }

    /** H's tokenizer, which tokenises the corpus for both models. */
    static TextTokenizer tokenizer(Path base) {
        try {
            return TextTokenizer.load(base.resolve(TOKENIZER));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("base model H at " + base + ": " + e.getMessage()
                    + "; the analysis tokenises the corpus with H's tokenizer", e);
        }
    }

    /**
     * H as the extension starts from it: the base model's weights with {@code rope} (θ raised by the trainer's rule)
     * and a window of {@code maxPositionEmbeddings} = L′.
     */
    static LlamaModel loadExtended(Path dir, RopeParameters rope, int maxPositionEmbeddings, String storage) {
        LlamaModel model = load(dir, "base model H", storage);
        try {
            model.setRope(rope, maxPositionEmbeddings);
            return model;
        } catch (RuntimeException e) {
            model.close();
            throw new IllegalArgumentException("base model H at " + dir + " cannot run with the extension's RoPE "
                    + rope + ": " + e.getMessage(), e);
        }
    }

    /** @param storage analyzer.weightStorage: float32 or float16 */
    static LlamaModel load(Path dir, String role, String storage) {
        try {
            return LlamaModel.load(dir, LlamaModel.preferredDevice(),
                    "float16".equals(storage) ? DataType.FLOAT16 : DataType.FLOAT32);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("could not load " + role + " from " + dir + ": " + e.getMessage(), e);
        }
    }
}
