package dev.longrecipe.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One local stack for a whole test JVM (one Maven module's test run): started on first use, on
 * random free ports, in {@code <module>/target/local-stack/shared-<pid>} (never /tmp), and stopped
 * and deleted by a shutdown hook when the JVM exits.
 *
 * <pre>{@code
 * LocalStack stack = SharedTestStack.get();
 * SharedTestStack.createTopics("my-test.input", "my-test.output");
 * }</pre>
 *
 * <p>It is one stack per JVM even when test frameworks load this class more than once (Quarkus
 * tests use several class loaders): the first copy publishes the state directory in a system
 * property and later copies attach to it.
 */
public final class SharedTestStack {

    /** System property holding the shared stack's state directory once it runs. */
    public static final String STATE_DIR_PROPERTY = "longrecipe.sharedTestStack.stateDir";

    /**
     * A string literal is one object per JVM, whatever class loader loaded this class: the lock that
     * keeps two copies of this class from starting two stacks.
     */
    private static final String JVM_WIDE_LOCK = "dev.longrecipe.stack.SharedTestStack.lock";

    private static final Pattern SHARED_DIR = Pattern.compile("shared-(\\d+)");

    private static LocalStack stack;

    private SharedTestStack() {
    }

    /** The JVM-wide test stack, started on the first call (about 4 s). */
    public static LocalStack get() {
        synchronized (JVM_WIDE_LOCK) {
            if (stack != null) {
                return stack;
            }
            String running = System.getProperty(STATE_DIR_PROPERTY);
            if (running != null) {
                stack = LocalStack.attach(Path.of(running));
                return stack;
            }
            Path root = Path.of(System.getProperty("user.dir"), "target", "local-stack");
            removeDirsOfDeadTestRuns(root);
            Path stateDir = root.resolve("shared-" + ProcessHandle.current().pid());
            stack = LocalStack.start(stateDir, StackOptions.defaults().withTemporaryStateDir(true));
            System.setProperty(STATE_DIR_PROPERTY, stack.stateDir().toString());
            return stack;
        }
    }

    /** Creates topics with one partition each on the shared stack; existing ones are kept. */
    public static void createTopics(String... names) {
        get().createTopics(Arrays.stream(names).map(TopicSpec::of).toList());
    }

    /** Creates topics with {@code partitions} partitions each on the shared stack; existing ones are kept. */
    public static void createTopics(int partitions, String... names) {
        get().createTopics(Arrays.stream(names).map(n -> new TopicSpec(n, partitions)).toList());
    }

    /** A test JVM killed outright leaves its state directory behind (its servers exit by themselves). */
    private static void removeDirsOfDeadTestRuns(Path root) {
        if (!Files.isDirectory(root)) {
            return;
        }
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.toList()) {
                Matcher m = SHARED_DIR.matcher(dir.getFileName().toString());
                if (m.matches() && ProcessHandle.of(Long.parseLong(m.group(1))).map(h -> !h.isAlive()).orElse(true)) {
                    ConfigFiles.deleteRecursively(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + root, e);
        }
    }
}
