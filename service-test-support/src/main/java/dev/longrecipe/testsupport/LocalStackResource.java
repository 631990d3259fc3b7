package dev.longrecipe.testsupport;

import dev.longrecipe.schema.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts (once per test JVM) the real Kafka broker and S3 server of local-stack with the platform's topics, and
 * points the service under test at them before Quarkus boots. The stack stops when the test JVM exits.
 *
 * <p>Quarkus runs this resource from a different class loader for each application it boots (one per test profile),
 * and those loaders do not agree on which copy of local-stack's classes they see. So the stack is always started
 * from the JVM's application class loader (with it as context loader, which Kafka clients use to load their
 * plugins), through reflection, and only strings cross over. Tests reach the same stack with
 * {@code SharedTestStack.get()} (or {@link StackClient}), which attaches to it.
 */
public class LocalStackResource implements QuarkusTestResourceLifecycleManager {
    private static final ClassLoader APP = ClassLoader.getSystemClassLoader();

    @Override
    public Map<String, String> start() {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(APP);
        try {
            Class<?> shared = Class.forName("dev.longrecipe.stack.SharedTestStack", true, APP);
            Object stack = shared.getMethod("get").invoke(null);
            shared.getMethod("createTopics", String[].class).invoke(null,
                    (Object) Topics.all().toArray(String[]::new));
            return Map.of(
                    "kafka.bootstrap.servers", call(stack, "kafkaBootstrap"),
                    "longrecipe.s3.endpoint", call(stack, "s3Endpoint"),
                    "longrecipe.s3.access-key", call(stack, "accessKey"),
                    "longrecipe.s3.secret-key", call(stack, "secretKey"),
                    "longrecipe.s3.bucket", call(stack, "bucket"),
                    "longrecipe.work-dir", Path.of("target", "work").toAbsolutePath().toString());
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the local stack did not start: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("local-stack is not on the test class path", e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    private static String call(Object stack, String accessor) throws ReflectiveOperationException {
        return (String) stack.getClass().getMethod(accessor).invoke(stack);
    }

    @Override
    public void stop() {
    }
}
