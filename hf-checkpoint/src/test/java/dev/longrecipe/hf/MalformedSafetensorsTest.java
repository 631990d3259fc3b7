package dev.longrecipe.hf;

import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class MalformedSafetensorsTest {

    @TempDir
    Path tmp;

    /** Writes an 8-byte length (as given), the header text and {@code dataBytes} zero bytes. */
    private Path file(long declaredLength, String header, int dataBytes) throws IOException {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(declaredLength).put(h);
        Path p = tmp.resolve("bad.safetensors");
        Files.write(p, b.array());
        return p;
    }

    private Path file(String header, int dataBytes) throws IOException {
        return file(header.getBytes(StandardCharsets.UTF_8).length, header, dataBytes);
    }

    /** Opening {@code file} fails with a format error; the returned assert checks its message. */
    private static AbstractThrowableAssert<?, ? extends Throwable> assertRefused(Path file) {
        return assertThatThrownBy(() -> SafetensorsFile.open(file)).isInstanceOf(SafetensorsFormatException.class);
    }

    @Test
    void badJsonIsRefusedNamingTheFile() throws IOException {
        Path p = file("{\"a\": {\"dtype\": \"F32\",", 16);
        assertRefused(p).hasMessageContaining(p.toString()).hasMessageContaining("not valid JSON")
                .hasMessageContaining("re-export");
    }

    /** Headers (declared at their true length, followed by that many data bytes) refused with what the message says. */
    static Stream<Arguments> refusedHeaders() {
        long huge = 100L << 30;
        return Stream.of(
                arguments("header that is not an object", "[1, 2, 3]", 0, List.of("not a JSON object")),
                arguments("offsets past the end of the data",
                        "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[8,24]}}", 16,
                        List.of("tensor 'w'", "past the end of the data section (16 bytes)")),
                arguments("overlapping tensors", "{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]},"
                        + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}", 16,
                        List.of("'a'", "'b'", "overlap")),
                arguments("a tensor claiming 100 GB fails cleanly",
                        "{\"huge\":{\"dtype\":\"F32\",\"shape\":[" + huge / 4 + "],\"data_offsets\":[0," + huge + "]}}", 8,
                        List.of("tensor 'huge'", "past the end of the data section (8 bytes)")),
                arguments("byte range that does not match the shape",
                        "{\"w\":{\"dtype\":\"F16\",\"shape\":[2,3],\"data_offsets\":[0,8]}}", 8,
                        List.of("tensor 'w' F16[2, 3] needs 12 bytes but data_offsets [0, 8] span 8")),
                arguments("unknown dtype, listing the valid ones",
                        "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[1],\"data_offsets\":[0,1]}}", 8,
                        List.of("tensor 'w'", "F8_E4M3", "BF16")),
                arguments("duplicate tensor names", "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]},"
                        + "\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8,
                        List.of("Duplicate field 'w'")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedHeaders")
    void malformedHeadersAreRefused(String what, String header, int dataBytes, List<String> message)
            throws IOException {
        AbstractThrowableAssert<?, ? extends Throwable> refused = assertRefused(file(header, dataBytes));
        message.forEach(refused::hasMessageContaining);
    }

    @Test
    void headerLengthLargerThanTheFileIsRefused() throws IOException {
        Path p = file(4096, "{}", 0);
        assertRefused(p).hasMessageContaining("header length field says 4096").hasMessageContaining("truncated");
    }

    @Test
    void absurdHeaderLengthFailsBeforeAllocating() throws IOException {
        Path p = file(100L << 30, "{}", 0);
        assertRefused(p).hasMessageContaining("107374182400").hasMessageContaining("between 2 and 100000000");
    }

    @Test
    void negativeShapeAndMissingFieldsAreRefused() throws IOException {
        Path neg = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,4]}}", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(neg)).hasMessageContaining("'shape' holds -1");
        Path missing = file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 8);
        assertThatThrownBy(() -> SafetensorsFile.open(missing)).hasMessageContaining("'data_offsets' is not an array of 2 integers");
    }

    @Test
    void fileShorterThanTheLengthFieldIsRefused() throws IOException {
        Path p = tmp.resolve("tiny.safetensors");
        Files.write(p, new byte[3]);
        assertRefused(p).hasMessageContaining("3 bytes");
    }

    @Test
    void nonStringMetadataIsRefused() throws IOException {
        Path p = file("{\"__metadata__\":{\"format\":1}}", 0);
        assertThatThrownBy(() -> SafetensorsFile.open(p)).hasMessageContaining("__metadata__ value for 'format'");
    }
}
