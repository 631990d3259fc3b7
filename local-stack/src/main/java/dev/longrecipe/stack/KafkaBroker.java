package dev.longrecipe.stack;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * The Kafka half of the stack: a single KRaft node ({@code process.roles=broker,controller}) in a
 * child JVM, its readiness check and topic creation.
 */
final class KafkaBroker {

    static final String SERVER_NAME = "Kafka broker";
    private static final String MAIN_CLASS = "dev.longrecipe.stack.child.KafkaBrokerMain";
    private static final int NODE_ID = 1;
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);

    private KafkaBroker() {
    }

    static String bootstrap(int brokerPort) {
        return "127.0.0.1:" + brokerPort;
    }

    static Process launch(StackLayout layout, int brokerPort, int controllerPort, OptionalLong parentPid) {
        Path serverProperties = layout.home(StackServer.KAFKA).resolve("server.properties");
        ConfigFiles.write(serverProperties, serverProperties(layout, brokerPort, controllerPort));
        List<String> logging = List.of(
                "org.slf4j.simpleLogger.defaultLogLevel=info",
                "org.slf4j.simpleLogger.showDateTime=true",
                "org.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS",
                // the full config dump of every client and server adds ~1,000 lines per start
                "org.slf4j.simpleLogger.log.org.apache.kafka.common.config.AbstractConfig=warn",
                "log4j2.statusLoggerLevel=OFF");
        return ChildJvm.launch(MAIN_CLASS, ServerClasspaths.kafka(), logging,
                List.of(serverProperties.toString(), existingOrNewClusterId(layout)),
                layout.log(StackServer.KAFKA), layout.tmp(), layout.stateDir(), parentPid);
    }

    /** {@code kafka-server.properties} (the fixed settings of a one-node KRaft cluster) plus ports and folders. */
    private static Properties serverProperties(StackLayout layout, int brokerPort, int controllerPort) {
        Properties p = new Properties();
        try (InputStream fixed = KafkaBroker.class.getResourceAsStream("kafka-server.properties")) {
            p.load(fixed);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read kafka-server.properties from the local-stack jar", e);
        }
        p.setProperty("node.id", Integer.toString(NODE_ID));
        p.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + brokerPort + ",CONTROLLER://127.0.0.1:" + controllerPort);
        p.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + brokerPort);
        // a static quorum: ports may change between restarts of the same state directory
        p.setProperty("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        p.setProperty("log.dirs", layout.data(StackServer.KAFKA).toString());
        return p;
    }

    /** A formatted log directory keeps its cluster id; a new one gets a random id. */
    private static String existingOrNewClusterId(StackLayout layout) {
        Path meta = layout.data(StackServer.KAFKA).resolve("meta.properties");
        if (Files.isRegularFile(meta)) {
            Properties p = new Properties();
            try (InputStream in = Files.newInputStream(meta)) {
                p.load(in);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read " + meta, e);
            }
            String id = p.getProperty("cluster.id");
            if (id != null) {
                return id;
            }
        }
        return Uuid.randomUuid().toString();
    }

    static void awaitReady(Process process, StackLayout layout, int brokerPort, Instant deadline) {
        // the admin client connects as soon as it exists: create it once the listener is up, or it
        // logs a connection warning per retry while the JVM boots
        Readiness.await(SERVER_NAME, process, layout.log(StackServer.KAFKA), deadline, () -> Readiness.portOpen(brokerPort));
        try (Admin admin = admin(bootstrap(brokerPort))) {
            Readiness.await(SERVER_NAME, process, layout.log(StackServer.KAFKA), deadline,
                    () -> !admin.describeCluster().nodes().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                            .isEmpty());
        }
    }

    static Admin admin(String bootstrap) {
        return Admin.create(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000));
    }

    /**
     * Creates the topics that do not exist yet (existing ones are left as they are), retrying while
     * the freshly started broker has not registered itself with the controller.
     */
    static void createTopics(String bootstrap, List<TopicSpec> topics, Instant deadline) {
        if (topics.isEmpty()) {
            return;
        }
        try (Admin admin = admin(bootstrap)) {
            List<TopicSpec> pending = new ArrayList<>(topics);
            while (true) {
                CreateTopicsResult result = admin.createTopics(pending.stream()
                        .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1))
                        .toList());
                List<TopicSpec> retry = new ArrayList<>();
                Exception lastRetriable = null;
                for (TopicSpec topic : pending) {
                    try {
                        result.values().get(topic.name()).get();
                    } catch (ExecutionException e) {
                        Throwable cause = e.getCause();
                        if (cause instanceof TopicExistsException) {
                            continue;
                        }
                        if (cause instanceof RetriableException || cause instanceof InvalidReplicationFactorException) {
                            retry.add(topic);
                            lastRetriable = (Exception) cause;
                            continue;
                        }
                        throw new IllegalStateException("Cannot create topic " + topic + " on " + bootstrap + ": "
                                + cause.getMessage(), cause);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException("Interrupted while creating topics", e);
                    }
                }
                if (retry.isEmpty()) {
                    return;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("Topics " + retry + " could not be created on " + bootstrap
                            + " in time: " + lastRetriable);
                }
                pending = retry;
                Readiness.pause();
            }
        }
    }
}
