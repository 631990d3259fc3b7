package dev.longrecipe.hf;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON header of a safetensors file: strict parsing and validation, and encoding for writers. */
final class SafetensorsHeader {

    /** Largest header this reader accepts (the Hugging Face implementation uses the same 100 MB limit). */
    static final long MAX_HEADER_BYTES = 100_000_000L;
    static final String METADATA_KEY = "__metadata__";

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Map<String, TensorInfo> tensors;
    private final Map<String, String> metadata;

    private SafetensorsHeader(Map<String, TensorInfo> tensors, Map<String, String> metadata) {
        this.tensors = Collections.unmodifiableMap(tensors);
        this.metadata = Collections.unmodifiableMap(metadata);
    }

    Map<String, TensorInfo> tensors() {
        return tensors;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    /** Parses and validates {@code json} against a data section of {@code dataSize} bytes. */
    static SafetensorsHeader parse(Path file, byte[] json, long dataSize) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new SafetensorsFormatException(file, "header is not valid JSON (" + e.getOriginalMessage() + ")",
                    "The file is truncated or not a safetensors file; re-export it with safetensors' save_file or transformers' save_pretrained", e);
        } catch (java.io.IOException e) {
            throw new SafetensorsFormatException(file, "header cannot be read as JSON", "Re-export the file", e);
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsFormatException(file, "header is not a JSON object",
                    "A safetensors header is a JSON object mapping tensor names to {dtype, shape, data_offsets}; re-export the file");
        }
        Map<String, TensorInfo> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (METADATA_KEY.equals(field.getKey())) {
                metadata.putAll(parseMetadata(file, field.getValue()));
            } else {
                tensors.put(field.getKey(), parseEntry(file, field.getKey(), field.getValue(), dataSize));
            }
        }
        checkNoOverlaps(file, tensors.values());
        return new SafetensorsHeader(tensors, metadata);
    }

    private static Map<String, String> parseMetadata(Path file, JsonNode node) {
        if (!node.isObject()) {
            throw new SafetensorsFormatException(file, "__metadata__ is not a JSON object", "__metadata__ must map strings to strings");
        }
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> {
            if (!e.getValue().isTextual()) {
                throw new SafetensorsFormatException(file, "__metadata__ value for '" + e.getKey() + "' is not a string",
                        "__metadata__ must map strings to strings");
            }
            out.put(e.getKey(), e.getValue().textValue());
        });
        return out;
    }

    private static TensorInfo parseEntry(Path file, String name, JsonNode node, long dataSize) {
        String fix = "Each entry needs {\"dtype\": \"F32\", \"shape\": [..], \"data_offsets\": [begin, end]}; re-export the file";
        if (!node.isObject()) {
            throw new SafetensorsFormatException(file, "tensor '" + name + "' entry is not a JSON object", fix);
        }
        JsonNode dtypeNode = node.get("dtype");
        if (dtypeNode == null || !dtypeNode.isTextual()) {
            throw new SafetensorsFormatException(file, "tensor '" + name + "' has no string 'dtype'", fix);
        }
        DType dtype;
        try {
            dtype = DType.parse(dtypeNode.textValue());
        } catch (IllegalArgumentException e) {
            throw new SafetensorsFormatException(file, "tensor '" + name + "': " + e.getMessage(), "Convert the tensor to a supported dtype");
        }
        long[] shape = nonNegativeLongs(file, name, node.get("shape"), "shape", -1, fix);
        long[] offsets = nonNegativeLongs(file, name, node.get("data_offsets"), "data_offsets", 2, fix);
        long begin = offsets[0];
        long end = offsets[1];
        if (end < begin) {
            throw new SafetensorsFormatException(file, "tensor '" + name + "' has data_offsets [" + begin + ", " + end + "] with end before begin", fix);
        }
        long expected;
        try {
            expected = TensorSpec.byteSize(name, dtype, shape);
        } catch (IllegalArgumentException e) {
            throw new SafetensorsFormatException(file, e.getMessage(), fix);
        }
        if (end - begin != expected) {
            throw new SafetensorsFormatException(file, "tensor '" + name + "' " + dtype + Arrays.toString(shape) + " needs " + expected
                    + " bytes but data_offsets [" + begin + ", " + end + "] span " + (end - begin), fix);
        }
        if (end > dataSize) {
            throw new SafetensorsFormatException(file, "tensor '" + name + "' data_offsets [" + begin + ", " + end
                    + "] run past the end of the data section (" + dataSize + " bytes)",
                    "The file is truncated or its header is wrong; copy or download it again");
        }
        return new TensorInfo(name, dtype, shape, begin, end);
    }

    private static long[] nonNegativeLongs(Path file, String name, JsonNode node, String field, int requiredLength, String fix) {
        if (node == null || !node.isArray() || (requiredLength >= 0 && node.size() != requiredLength)) {
            String what = requiredLength >= 0 ? "an array of " + requiredLength + " integers" : "an array of integers";
            throw new SafetensorsFormatException(file, "tensor '" + name + "' field '" + field + "' is not " + what, fix);
        }
        long[] out = new long[node.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = node.get(i);
            if (!v.isIntegralNumber() || !v.canConvertToLong() || v.longValue() < 0) {
                throw new SafetensorsFormatException(file, "tensor '" + name + "' field '" + field + "' holds " + v
                        + ", not a non-negative 64-bit integer", fix);
            }
            out[i] = v.longValue();
        }
        return out;
    }

    private static void checkNoOverlaps(Path file, Iterable<TensorInfo> infos) {
        List<TensorInfo> sorted = new ArrayList<>();
        infos.forEach(t -> {
            if (t.byteSize() > 0) {
                sorted.add(t);
            }
        });
        sorted.sort(Comparator.comparingLong(TensorInfo::begin));
        for (int i = 1; i < sorted.size(); i++) {
            TensorInfo prev = sorted.get(i - 1);
            TensorInfo cur = sorted.get(i);
            if (cur.begin() < prev.end()) {
                throw new SafetensorsFormatException(file, "tensors '" + prev.name() + "' [" + prev.begin() + ", " + prev.end()
                        + ") and '" + cur.name() + "' [" + cur.begin() + ", " + cur.end() + ") overlap",
                        "Each tensor must own its bytes; re-export the file with safetensors' save_file");
            }
        }
    }

    /** Encodes a header for tensors laid out back to back, padded with spaces to a multiple of 8 bytes. */
    static byte[] encode(List<TensorInfo> tensors, Map<String, String> metadata) {
        ObjectNode root = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        for (TensorInfo t : tensors) {
            ObjectNode entry = root.putObject(t.name());
            entry.put("dtype", t.dtype().name());
            ArrayNode shape = entry.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            entry.putArray("data_offsets").add(t.begin()).add(t.end());
        }
        byte[] json;
        try {
            json = JSON.writeValueAsBytes(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode safetensors header", e);
        }
        int padded = (json.length + 7) / 8 * 8;
        byte[] out = Arrays.copyOf(json, padded);
        Arrays.fill(out, json.length, padded, (byte) ' ');
        return out;
    }
}
