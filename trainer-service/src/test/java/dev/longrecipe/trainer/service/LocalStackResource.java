package dev.longrecipe.trainer.service;

import dev.longrecipe.schema.Topics;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.SharedTestStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts (once per test JVM) the real Kafka broker and S3 server of local-stack with the platform's topics, and
 * points the service under test at them before Quarkus boots. The stack stops when the test JVM exits.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    @Override
    public Map<String, String> start() {
        LocalStack stack = SharedTestStack.get();
        SharedTestStack.createTopics(Topics.all().toArray(String[]::new));
        return Map.of(
                "kafka.bootstrap.servers", stack.kafkaBootstrap(),
                "longrecipe.s3.endpoint", stack.s3Endpoint(),
                "longrecipe.s3.access-key", stack.accessKey(),
                "longrecipe.s3.secret-key", stack.secretKey(),
                "longrecipe.s3.bucket", stack.bucket(),
                "longrecipe.work-dir", Path.of("target", "work").toAbsolutePath().toString());
    }

    @Override
    public void stop() {
    }
}
