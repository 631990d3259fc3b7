package dev.longrecipe.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.minio.BucketExistsArgs;
import io.minio.GetObjectArgs;
import io.minio.GetObjectResponse;
import io.minio.ListObjectsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.PutObjectArgs;
import io.minio.RemoveObjectArgs;
import io.minio.Result;
import io.minio.StatObjectArgs;
import io.minio.StatObjectResponse;
import io.minio.errors.ErrorResponseException;
import io.minio.messages.Item;
import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The MinIO Java client against the stack's S3Proxy, exactly as it would talk to MinIO. */
class S3ProxyThroughMinioClientTest {

    private static final int SIX_MB = 6 * 1024 * 1024;
    /** MinIO's smallest part: a 6 MB upload in 5 MB parts is a real two-part multipart upload. */
    private static final long PART_SIZE = 5L * 1024 * 1024;

    private LocalStack stack;
    private MinioClient s3;

    @BeforeEach
    void connect() {
        stack = SharedTestStack.get();
        s3 = stack.newS3Client();
    }

    @AfterEach
    void disconnect() throws Exception {
        s3.close();
    }

    @Test
    void theStackBucketExistsAndNewBucketsCanBeMade() throws Exception {
        assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket(stack.bucket()).build())).isTrue();

        s3.makeBucket(MakeBucketArgs.builder().bucket("made-by-test").build());

        assertThat(s3.bucketExists(BucketExistsArgs.builder().bucket("made-by-test").build())).isTrue();
        assertThat(s3.listBuckets()).extracting(b -> b.name()).contains(stack.bucket(), "made-by-test");
    }

    @Test
    void aSixMegabyteMultipartUploadReadsBackWholeAndByRange() throws Exception {
        byte[] data = new byte[SIX_MB];
        new Random(42).nextBytes(data);
        String key = "runs/r1/merger/1/model.safetensors";

        s3.putObject(PutObjectArgs.builder().bucket(stack.bucket()).object(key)
                .stream(new ByteArrayInputStream(data), (long) data.length, PART_SIZE).build());

        StatObjectResponse stat = s3.statObject(StatObjectArgs.builder().bucket(stack.bucket()).object(key).build());
        assertThat(stat.size()).isEqualTo(SIX_MB);
        // an S3 multipart ETag is "<md5 of part md5s>-<part count>"
        assertThat(stat.etag()).endsWith("-2");

        long offset = 5L * 1024 * 1024 - 10;
        try (GetObjectResponse range = s3.getObject(GetObjectArgs.builder().bucket(stack.bucket()).object(key)
                .offset(offset).length(20L).build())) {
            assertThat(range.readAllBytes()).isEqualTo(Arrays.copyOfRange(data, (int) offset, (int) offset + 20));
        }
        try (GetObjectResponse whole = s3.getObject(GetObjectArgs.builder().bucket(stack.bucket()).object(key)
                .build())) {
            assertThat(whole.readAllBytes()).isEqualTo(data);
        }
    }

    @Test
    void objectsAreListedByPrefixAndRemoved() throws Exception {
        for (String key : List.of("list-test/a.json", "list-test/b.json", "elsewhere/c.json")) {
            byte[] body = ("{\"key\":\"" + key + "\"}").getBytes();
            s3.putObject(PutObjectArgs.builder().bucket(stack.bucket()).object(key)
                    .stream(new ByteArrayInputStream(body), (long) body.length, -1L).build());
        }

        assertThat(list("list-test/")).containsExactly("list-test/a.json", "list-test/b.json");

        s3.removeObject(RemoveObjectArgs.builder().bucket(stack.bucket()).object("list-test/a.json").build());

        assertThat(list("list-test/")).containsExactly("list-test/b.json");
        assertThatThrownBy(() -> s3.statObject(StatObjectArgs.builder().bucket(stack.bucket())
                .object("list-test/a.json").build()))
                .isInstanceOfSatisfying(ErrorResponseException.class,
                        e -> assertThat(e.errorResponse().code()).isEqualTo("NoSuchKey"));
    }

    @Test
    void aWrongSecretKeyIsRejected() throws Exception {
        try (MinioClient intruder = MinioClient.builder().endpoint(stack.s3Endpoint()).region("us-east-1")
                .credentials(stack.accessKey(), "not-the-secret").build()) {
            assertThatThrownBy(intruder::listBuckets)
                    .isInstanceOfSatisfying(ErrorResponseException.class,
                            e -> assertThat(e.errorResponse().code()).isEqualTo("SignatureDoesNotMatch"));
        }
    }

    private List<String> list(String prefix) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Result<Item> item : s3.listObjects(ListObjectsArgs.builder().bucket(stack.bucket()).prefix(prefix)
                .recursive(true).build())) {
            keys.add(item.get().objectName());
        }
        return keys;
    }
}
