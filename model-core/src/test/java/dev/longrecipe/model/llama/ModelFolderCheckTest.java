package dev.longrecipe.model.llama;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.longrecipe.model.testing.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each kind of broken model folder is refused by {@link ModelFolderCheck} with a message naming the folder as the
 * user knows it (never the local copy), the problem and the fix; a sound folder passes.
 */
class ModelFolderCheckTest {
    private static final String SHOWN = "s3://longrecipe/inputs/r1/baseModel/";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A tokenizer.json with ids 0 and 1 (WordLevel): loads with the project's tokenizer, fits any vocabulary. */
    static final String TINY_TOKENIZER = "{\"version\":\"1.0\",\"truncation\":null,\"padding\":null,"
            + "\"added_tokens\":[],\"normalizer\":null,\"pre_tokenizer\":{\"type\":\"Whitespace\"},"
            + "\"post_processor\":null,\"decoder\":null,\"model\":{\"type\":\"WordLevel\","
            + "\"vocab\":{\"[UNK]\":0,\"the\":1},\"unk_token\":\"[UNK]\"}}";

    @TempDir
    Path tmp;

    private Path model() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("scratch-folder/base"));
        Path source = Fixtures.model("llama-default");
        Files.copy(source.resolve("config.json"), dir.resolve("config.json"));
        Files.copy(source.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        return dir;
    }

    private String refusal(Path dir, boolean requireTokenizer) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(
                () -> ModelFolderCheck.check(dir, SHOWN, requireTokenizer));
        assertThat(t).isInstanceOf(ModelFolderCheck.InvalidModelException.class);
        assertThat(t).isInstanceOf(IllegalArgumentException.class); // fatal for the stage runtime
        assertThat(t.getMessage()).contains("s3://longrecipe/inputs/r1/baseModel").doesNotContain("scratch-folder");
        return t.getMessage();
    }

    @Test
    void aSoundFolderPassesWithItsConfigAndTokenizer() throws IOException {
        Path dir = model();
        Files.writeString(dir.resolve("tokenizer.json"), TINY_TOKENIZER);
        ModelFolderCheck.Checked checked = ModelFolderCheck.check(dir, SHOWN, true);
        assertThat(checked.hasTokenizer()).isTrue();
        assertThat(checked.tensors()).isPositive();
        assertThat(checked.config().vocabSize()).isEqualTo(512);
    }

    @Test
    void configJsonThatIsNotJsonIsRefused() throws IOException {
        Path dir = model();
        Files.writeString(dir.resolve("config.json"), "{\"hidden_size\": 64,");
        assertThat(refusal(dir, false)).contains("config.json is not valid JSON").contains("line 1");
    }

    @Test
    void configJsonWithoutALoaderFieldIsRefused() throws IOException {
        Path dir = model();
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.remove("intermediate_size");
        Files.writeString(dir.resolve("config.json"), config.toString());
        assertThat(refusal(dir, false)).contains("intermediate_size").contains("config.json saved with these weights");
    }

    @Test
    void configJsonLyingAboutShapesIsRefused() throws IOException {
        Path dir = model();
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.put("intermediate_size", config.get("intermediate_size").asInt() * 2);
        Files.writeString(dir.resolve("config.json"), config.toString());
        assertThat(refusal(dir, false)).contains("has shape").contains("config.json implies")
                .contains("use the config.json saved with them");
    }

    @Test
    void configJsonClaimingAbsurdlyManyLayersIsRefusedWithoutBuildingThem() throws IOException {
        Path dir = model();
        ObjectNode config = (ObjectNode) JSON.readTree(dir.resolve("config.json").toFile());
        config.put("num_hidden_layers", 2_000_000_000);
        Files.writeString(dir.resolve("config.json"), config.toString());
        assertThat(refusal(dir, false)).contains("num_hidden_layers 2000000000");
    }

    @Test
    void truncatedSafetensorsIsRefusedNamingTheUsersFile() throws IOException {
        Path dir = model();
        Path weights = dir.resolve("model.safetensors");
        try (FileChannel ch = FileChannel.open(weights, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - 1000);
        }
        assertThat(refusal(dir, false)).contains(SHOWN + "model.safetensors").contains("truncated");
    }

    @Test
    void corruptSafetensorsHeaderIsRefused() throws IOException {
        Path dir = model();
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("model.safetensors").toFile(), "rw")) {
            f.seek(8);
            f.write("#garbage#".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(refusal(dir, false)).contains("model.safetensors").contains("header is not valid JSON");
    }

    @Test
    void headerClaiming100GbIsRefusedWithoutAllocatingIt() throws IOException {
        Path dir = model();
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 100_000_000_000L);
        try (FileChannel ch = FileChannel.open(dir.resolve("model.safetensors"), StandardOpenOption.WRITE)) {
            ch.write(length, 0);
        }
        assertThat(refusal(dir, false)).contains("header length field says 100000000000");
    }

    @Test
    void pickleOnlyFolderIsRefusedWithoutReadingIt() throws IOException {
        Path dir = model();
        Files.delete(dir.resolve("model.safetensors"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, 'c', 'o', 's'});
        assertThat(refusal(dir, false)).contains("pickle").contains("safe_serialization=True");
    }

    @Test
    void tokenizerJsonThatIsNotOneIsRefused() throws IOException {
        Path dir = model();
        Files.writeString(dir.resolve("tokenizer.json"), "{\"vocab\": [\"a\", \"b\"]}");
        assertThat(refusal(dir, false)).contains("tokenizer.json is not a Hugging Face tokenizer");
        Files.writeString(dir.resolve("tokenizer.json"), "<html>not json</html>");
        assertThat(refusal(dir, false)).contains("tokenizer.json is not valid JSON");
    }

    @Test
    void tokenizerThatDoesNotLoadIsRefused() throws IOException {
        Path dir = model();
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": {\"type\": \"NoSuchModel\"}}");
        assertThat(refusal(dir, false)).contains("tokenizer.json does not load as a tokenizer");
    }

    @Test
    void tokenizerWithMoreIdsThanTheVocabularyIsRefused() throws IOException {
        Path dir = model();
        Files.copy(Fixtures.ROOT.resolve("tokenizer-bpe2048/tokenizer.json"), dir.resolve("tokenizer.json"));
        assertThat(refusal(dir, false)).contains("vocab_size is 512").contains("does not belong to this model");
    }

    @Test
    void missingTokenizerIsRefusedOnlyWhenRequired() throws IOException {
        Path dir = model();
        assertThat(ModelFolderCheck.check(dir, SHOWN, false).hasTokenizer()).isFalse();
        assertThat(refusal(dir, true)).contains("has no tokenizer.json");
    }

    @Test
    void shardIndexNamingAMissingShardIsRefused() throws IOException {
        Path dir = model();
        Files.writeString(dir.resolve("model.safetensors.index.json"),
                "{\"weight_map\": {\"model.embed_tokens.weight\": \"model-00001-of-00002.safetensors\"}}");
        assertThat(refusal(dir, false)).contains("model-00001-of-00002.safetensors");
    }

    @Test
    void aFileOrMissingFolderIsRefused() {
        assertThatThrownBy(() -> ModelFolderCheck.check(tmp.resolve("nope"), "models/nope", false))
                .hasMessageContaining("models/nope is not a folder").hasMessageContaining("save_pretrained");
    }
}
