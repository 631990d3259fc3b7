package dev.longrecipe.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Locations from specs and events cannot name a key outside the prefix they claim ({@link ArtifactStore#keyOf}). */
class KeyOfTest {
    // keyOf is pure: no request reaches this endpoint
    private final ArtifactStore store = ArtifactStore.connect(new S3Settings("http://127.0.0.1:9", "k", "s",
            "longrecipe"));

    @Test
    void plainKeysAndPlatformBucketLocationsResolve() {
        assertThat(store.keyOf("inputs/r1/baseModel/")).isEqualTo("inputs/r1/baseModel/");
        assertThat(store.keyOf("/inputs/r1/corpus.jsonl")).isEqualTo("inputs/r1/corpus.jsonl");
        assertThat(store.keyOf("s3://longrecipe/inputs/r1/model")).isEqualTo("inputs/r1/model");
        assertThat(store.keyOf("s3://longrecipe/inputs/a..b/x")).isEqualTo("inputs/a..b/x"); // '..' inside a name
    }

    @Test
    void dotDotSegmentsAreRefusedNamingTheLocationAndTheFix() {
        for (String location : new String[] {"inputs/r1/../../runs/other/spec.json", "../secret",
                "s3://longrecipe/runs/r1/..", "s3://longrecipe/inputs/..\\runs", "runs/r1/trainer/1/.."}) {
            assertThatThrownBy(() -> store.keyOf(location)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + location + "'").hasMessageContaining("'..' segment")
                    .hasMessageContaining("give the key without '..'");
        }
    }

    @Test
    void keysStillAbsoluteAfterStrippingAreRefused() {
        for (String location : new String[] {"//etc/passwd", "s3://longrecipe//etc/passwd", "/\\x"}) {
            assertThatThrownBy(() -> store.keyOf(location)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("'" + location + "'").hasMessageContaining("absolute key")
                    .hasMessageContaining("relative to the bucket");
        }
    }

    @Test
    void otherBucketsAndEmptyLocationsAreRefused() {
        assertThatThrownBy(() -> store.keyOf("s3://other/x")).hasMessageContaining("only bucket 'longrecipe'");
        assertThatThrownBy(() -> store.keyOf(" ")).hasMessageContaining("empty object location");
    }
}
