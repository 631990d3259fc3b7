package dev.longrecipe.stack;

import io.minio.BucketExistsArgs;
import io.minio.MakeBucketArgs;
import io.minio.MinioClient;
import io.minio.errors.MinioException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.Executors;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;

/**
 * The S3 half of the stack: S3Proxy on its filesystem backend in a child JVM, signed requests
 * (AWS v2 or v4) with the stack's credentials, its readiness check and the bucket.
 */
final class S3Server {

    static final String SERVER_NAME = "S3Proxy";
    /** S3Proxy answers to any region; the client is told one so it never asks for a bucket's location. */
    static final String REGION = "us-east-1";
    private static final String MAIN_CLASS = "dev.longrecipe.stack.child.S3ProxyMain";

    private S3Server() {
    }

    static String endpoint(int port) {
        return "http://127.0.0.1:" + port;
    }

    static Process launch(StackLayout layout, int port, String accessKey, String secretKey, OptionalLong parentPid) {
        Path config = layout.home(StackServer.S3).resolve("s3proxy.properties");
        Properties p = new Properties();
        p.setProperty("s3proxy.endpoint", endpoint(port));
        p.setProperty("s3proxy.authorization", "aws-v2-or-v4");
        p.setProperty("s3proxy.identity", accessKey);
        p.setProperty("s3proxy.credential", secretKey);
        p.setProperty("jclouds.provider", "filesystem-nio2");
        p.setProperty("jclouds.filesystem.basedir", layout.data(StackServer.S3).toString());
        ConfigFiles.write(config, p);
        try {
            Files.createDirectories(layout.data(StackServer.S3));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create " + layout.data(StackServer.S3), e);
        }
        // logback's own start-up chatter is not S3Proxy's log
        List<String> logging = List.of("logback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");
        return ChildJvm.launch(MAIN_CLASS, ServerClasspaths.s3proxy(), logging,
                List.of("--properties", config.toString()),
                layout.log(StackServer.S3), layout.tmp(), layout.stateDir(), parentPid);
    }

    /**
     * One HTTP client for every MinIO client of this JVM. MinIO's own default client parses every
     * certificate in {@code $SSL_CERT_DIR} on each build (5–10 s here); the stack speaks plain HTTP on
     * loopback and needs none of them. Long read/write timeouts: completing a multi-GB multipart
     * upload on the filesystem backend takes a while. Daemon dispatcher threads: MinIO's calls are
     * asynchronous, and OkHttp's default (non-daemon, 60 s keep-alive) threads would hold a CLI
     * command's JVM open for a minute after its work is done.
     */
    private static final OkHttpClient HTTP = new OkHttpClient.Builder()
            .dispatcher(new Dispatcher(Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "local-stack-s3-http");
                thread.setDaemon(true);
                return thread;
            })))
            .connectTimeout(Duration.ofSeconds(10))
            .readTimeout(Duration.ofMinutes(5))
            .writeTimeout(Duration.ofMinutes(5))
            .build();

    static MinioClient client(String endpoint, String accessKey, String secretKey) {
        return MinioClient.builder()
                .endpoint(endpoint)
                .region(REGION)
                .credentials(accessKey, secretKey)
                .httpClient(HTTP, false)
                .build();
    }

    /** Ready when a signed ListBuckets succeeds, i.e. the credentials are accepted too. */
    static void awaitReady(Process process, StackLayout layout, int port, MinioClient client, Instant deadline) {
        Readiness.await(SERVER_NAME, process, layout.log(StackServer.S3), deadline, () -> {
            if (!Readiness.portOpen(port)) {
                return false;
            }
            client.listBuckets();
            return true;
        });
    }

    static void ensureBucket(MinioClient client, String bucket, String endpoint) {
        try {
            if (!client.bucketExists(BucketExistsArgs.builder().bucket(bucket).build())) {
                client.makeBucket(MakeBucketArgs.builder().bucket(bucket).build());
            }
        } catch (MinioException e) {
            throw new IllegalStateException("Cannot create bucket " + bucket + " on " + endpoint + ": " + e, e);
        }
    }
}
