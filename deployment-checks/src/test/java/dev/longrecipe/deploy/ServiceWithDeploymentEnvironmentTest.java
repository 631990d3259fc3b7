package dev.longrecipe.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.SharedTestStack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Starts the packaged merger service (merger-service/target/quarkus-app) with the environment docker-compose.yml
 * gives it — only the broker, S3 endpoint, credentials and scratch paths pointed at the local stack — and checks
 * what the deployments rely on: the probe endpoints answer, and /q/metrics exposes every metric the Grafana
 * dashboard reads (consumer lag after a real fetch, and a failure after a poisoned event).
 */
class ServiceWithDeploymentEnvironmentTest {
    private static final RepositoryLayout REPO = RepositoryLayout.current();
    /** Metrics the dashboard reads from other exporters, with where they come from. */
    private static final Map<String, String> EXTERNAL = Map.of(
            "keda_scaler_metrics_value", "KEDA operator's Prometheus metrics (lag per ScaledObject, also at 0 pods)");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private static Process service;
    private static String base;
    private static Path log;

    @BeforeAll
    static void startMergerWithComposeEnvironment() throws IOException {
        Path app = REPO.serviceModule(Stage.MERGER).resolve("target/quarkus-app/quarkus-run.jar");
        assertThat(app).as("build merger-service first: ./mvnw -pl deployment-checks -am install -DskipTests").exists();
        LocalStack stack = SharedTestStack.get();
        SharedTestStack.createTopics(Topics.all().toArray(String[]::new));

        Map<String, String> env = ComposeFile.read(REPO.composeFile()).environment(Stage.MERGER.id());
        Path scratch = Path.of("target", "merger-scratch").toAbsolutePath();
        Files.createDirectories(scratch);
        int port = freePort();
        env.put("KAFKA_BOOTSTRAP_SERVERS", stack.kafkaBootstrap());
        env.put("LONGRECIPE_S3_ENDPOINT", stack.s3Endpoint());
        env.put("LONGRECIPE_S3_ACCESS_KEY", stack.accessKey());
        env.put("LONGRECIPE_S3_SECRET_KEY", stack.secretKey());
        env.put("LONGRECIPE_WORK_DIR", scratch.resolve("work").toString());
        env.put("DJL_CACHE_DIR", scratch.resolve("djl").toString());
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        assertThat(env.get("LONGRECIPE_S3_BUCKET")).isEqualTo(stack.bucket());

        log = scratch.resolve("merger-service.log");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", app.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().clear();
        pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        pb.environment().putAll(env);
        service = pb.start();
        base = "http://127.0.0.1:" + port;
        await("merger-service ready (log: " + log + ")").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !service.isAlive() || status("/q/health/ready") == 200);
        assertThat(service.isAlive()).as("merger-service exited; see %s", log).isTrue();
    }

    @AfterAll
    static void stopService() {
        if (service != null) {
            service.destroy();
            try {
                if (!service.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    service.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Test
    void probeEndpointsOfTheManifestsAnswer() throws Exception {
        assertThat(status("/q/health/live")).isEqualTo(200);
        assertThat(status("/q/health/ready")).isEqualTo(200);
        assertThat(status("/q/health/started")).isEqualTo(200);
    }

    @Test
    void metricsIncludeEveryMetricTheDashboardReads() throws Exception {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig())) {
            producer.send(new ProducerRecord<>(Stage.MERGER.inputTopic(), "deployment-checks", "not an event")).get();
        }
        await("lag and failure metrics of the merger").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    String metrics = body("/q/metrics");
                    return metrics.contains("kafka_consumer_fetch_manager_records_lag{")
                            && Pattern.compile("longrecipe_stage_failures_total\\{[^}]*retriable=\"false\"[^}]*} 1\\.0")
                            .matcher(metrics).find();
                });
        Set<String> exposed = exposedNames(body("/q/metrics"));
        exposed.addAll(StageServiceMeters.declared(REPO));
        Set<String> missing = new TreeSet<>(GrafanaDashboard.read(REPO.grafanaDashboard()).metricNames());
        missing.removeAll(exposed);
        missing.removeAll(EXTERNAL.keySet());
        assertThat(missing).as("dashboard metrics no service exposes (merger-service's /q/metrics + meters the"
                + " services register); external ones allowed: %s", EXTERNAL).isEmpty();
    }

    private static Set<String> exposedNames(String prometheusText) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)[{ ]").matcher(prometheusText);
        while (m.find()) {
            names.add(m.group(1));
        }
        return names;
    }

    private static Properties producerConfig() {
        Properties p = new Properties();
        p.put("bootstrap.servers", SharedTestStack.get().kafkaBootstrap());
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        return p;
    }

    private static int status(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String body(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8)).body();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
