package dev.longrecipe.hf;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A Hugging Face model folder ({@code config.json} + {@code model.safetensors} or shards with
 * {@code model.safetensors.index.json}) opened for reading tensor by tensor. Pickle-only folders are refused.
 */
public final class HfModelFolder implements AutoCloseable {

    public static final String CONFIG_FILE = "config.json";

    /** Non-weight files a model folder carries along (tokenizer, generation defaults, chat template). */
    private static final Set<String> AUXILIARY_FILES = Set.of("tokenizer.json", "tokenizer_config.json",
            "special_tokens_map.json", "generation_config.json", "tokenizer.model", "vocab.json", "merges.txt",
            "added_tokens.json", "chat_template.jinja", "chat_template.json", "preprocessor_config.json");
    private static final List<String> PICKLE_SUFFIXES = List.of(".bin", ".pt", ".pth", ".ckpt", ".pkl");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dir;
    private final List<SafetensorsFile> files;
    private final Map<String, SafetensorsFile> fileOf;

    private HfModelFolder(Path dir, List<SafetensorsFile> files, Map<String, SafetensorsFile> fileOf) {
        this.dir = dir;
        this.files = files;
        this.fileOf = Collections.unmodifiableMap(fileOf);
    }

    /**
     * Opens a model folder.
     *
     * @throws IllegalArgumentException if the folder has no safetensors weights (explaining how to convert pickle ones)
     * @throws SafetensorsFormatException if a weights file or the index is malformed
     */
    public static HfModelFolder open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder; expected a Hugging Face model folder with config.json and model.safetensors");
        }
        Path index = dir.resolve(ShardedModelWriter.INDEX_FILE);
        Path single = dir.resolve(ShardedModelWriter.SINGLE_FILE);
        if (Files.isRegularFile(index)) {
            return openSharded(dir, index);
        }
        if (Files.isRegularFile(single)) {
            SafetensorsFile file = SafetensorsFile.open(single);
            Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
            file.tensors().keySet().forEach(n -> fileOf.put(n, file));
            return new HfModelFolder(dir, List.of(file), fileOf);
        }
        List<String> pickles = pickleFiles(dir);
        if (!pickles.isEmpty()) {
            throw new IllegalArgumentException(dir + " holds only pickle weights " + pickles
                    + ", which are refused: loading a pickle runs arbitrary code from the file. Convert the model to safetensors first, "
                    + "e.g. in Python: AutoModelForCausalLM.from_pretrained(dir).save_pretrained(out_dir, safe_serialization=True)");
        }
        throw new IllegalArgumentException(dir + " has neither " + ShardedModelWriter.SINGLE_FILE + " nor "
                + ShardedModelWriter.INDEX_FILE + "; expected a Hugging Face model folder saved with save_pretrained");
    }

    private static HfModelFolder openSharded(Path dir, Path index) {
        JsonNode weightMap;
        try {
            weightMap = JSON.readTree(index.toFile()).get("weight_map");
        } catch (IOException e) {
            throw new SafetensorsFormatException(index, "index is not valid JSON (" + e.getMessage() + ")",
                    "Re-save the model with save_pretrained");
        }
        if (weightMap == null || !weightMap.isObject() || weightMap.isEmpty()) {
            throw new SafetensorsFormatException(index, "index has no 'weight_map' object",
                    "The index must map every tensor name to its shard file; re-save the model with save_pretrained");
        }
        Map<String, SafetensorsFile> byShard = new LinkedHashMap<>();
        Map<String, String> shardOfTensor = new LinkedHashMap<>();
        try {
            for (Iterator<Map.Entry<String, JsonNode>> it = weightMap.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                String shard = e.getValue().asText();
                if (!e.getValue().isTextual() || shard.contains("/") || shard.contains("\\") || shard.startsWith(".")) {
                    throw new SafetensorsFormatException(index, "weight_map entry '" + e.getKey() + "' names shard '" + e.getValue()
                            + "', which is not a file name in this folder", "Fix the index or re-save the model");
                }
                if (!byShard.containsKey(shard)) {
                    byShard.put(shard, SafetensorsFile.open(dir.resolve(shard)));
                }
                shardOfTensor.put(e.getKey(), shard);
            }
            // tensor order: shard by shard, each in its file order, so reading streams through the files
            Map<String, SafetensorsFile> fileOf = new LinkedHashMap<>();
            for (Map.Entry<String, SafetensorsFile> shard : byShard.entrySet()) {
                for (String name : shard.getValue().tensors().keySet()) {
                    if (shard.getKey().equals(shardOfTensor.get(name))) {
                        fileOf.put(name, shard.getValue());
                    }
                }
            }
            for (Map.Entry<String, String> e : shardOfTensor.entrySet()) {
                if (!fileOf.containsKey(e.getKey())) {
                    throw new SafetensorsFormatException(index, "weight_map puts tensor '" + e.getKey() + "' in " + e.getValue()
                            + " but that shard has no such tensor", "The shards and the index do not belong together; copy the folder again");
                }
            }
            return new HfModelFolder(dir, List.copyOf(byShard.values()), fileOf);
        } catch (RuntimeException e) {
            byShard.values().forEach(SafetensorsFile::close);
            throw e;
        }
    }

    private static List<String> pickleFiles(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString())
                    .filter(n -> PICKLE_SUFFIXES.stream().anyMatch(n::endsWith))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** The folder. */
    public Path path() {
        return dir;
    }

    /** {@code config.json} of the folder (it may be missing; {@link #config()} then fails clearly). */
    public Path configFile() {
        return dir.resolve(CONFIG_FILE);
    }

    /** The parsed {@code config.json}. */
    public JsonNode config() {
        Path file = configFile();
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(dir + " has no config.json; a Hugging Face model folder needs one (save_pretrained writes it)");
        }
        try {
            JsonNode node = JSON.readTree(file.toFile());
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException(file + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException(file + " is not valid JSON (" + e.getMessage() + "); fix or re-save it", e);
        }
    }

    /** Tensor names, shard by shard in file order. */
    public List<String> tensorNames() {
        return List.copyOf(fileOf.keySet());
    }

    /** The weights files ({@code model.safetensors} or the shards, in index order). */
    public List<Path> weightFiles() {
        return files.stream().map(SafetensorsFile::path).toList();
    }

    /** Number of weights files (1 when unsharded). */
    public int shardCount() {
        return files.size();
    }

    /** Data bytes of the largest weights file: the shard size limit to reproduce this folder's sharding. */
    public long largestShardBytes() {
        return files.stream().mapToLong(f -> f.tensors().values().stream().mapToLong(TensorInfo::byteSize).sum()).max().orElse(0);
    }

    /** Total tensor bytes over all files. */
    public long totalBytes() {
        return fileOf.keySet().stream().mapToLong(n -> info(n).byteSize()).sum();
    }

    /** The header entry of {@code name}. */
    public TensorInfo info(String name) {
        return file(name).info(name);
    }

    /** The tensor's bytes, mapped read-only, little-endian. */
    public ByteBuffer raw(String name) {
        return file(name).raw(name);
    }

    /** The tensor decoded to float (F32, F16 or BF16 in the file). */
    public float[] readFloat32(String name) {
        return file(name).readFloat32(name);
    }

    /** The dtype holding the most bytes (the model's storage dtype). */
    public DType dtype() {
        Map<DType, Long> bytes = new EnumMap<>(DType.class);
        for (String n : fileOf.keySet()) {
            TensorInfo t = info(n);
            bytes.merge(t.dtype(), t.byteSize(), Long::sum);
        }
        return bytes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(DType.F32);
    }

    /** Tokenizer and generation files present in the folder (tokenizer.json, generation_config.json …), sorted by name. */
    public List<Path> auxiliaryFiles() {
        List<Path> out = new ArrayList<>();
        for (String name : AUXILIARY_FILES) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                out.add(p);
            }
        }
        out.sort(null);
        return out;
    }

    private SafetensorsFile file(String name) {
        SafetensorsFile f = fileOf.get(name);
        if (f == null) {
            throw new IllegalArgumentException(dir + ": model has no tensor named '" + name + "' (" + fileOf.size()
                    + " tensors, e.g. " + fileOf.keySet().stream().limit(5).toList() + ")");
        }
        return f;
    }

    @Override
    public void close() {
        files.forEach(SafetensorsFile::close);
    }

    @Override
    public String toString() {
        return "HfModelFolder[" + dir + ", " + fileOf.size() + " tensors in " + files.size() + " file(s)]";
    }
}
