package dev.longrecipe.deploy;

import static dev.longrecipe.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every overlay renders, every object passes its Kubernetes/CRD schema, and the objects agree with the services. */
@SuppressWarnings("unchecked")
class KustomizeOverlaysTest {
    private static final RepositoryLayout REPO = RepositoryLayout.current();
    private static final Set<Stage> GPU_STAGES = EnumSet.of(Stage.ANALYZER, Stage.TRAINER, Stage.EVALUATOR);
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    static Manifests render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> new Manifests(Kustomize.render(REPO.overlay(o))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-dev", "gpu"})
    void everyRenderedObjectMatchesItsSchemaWithoutUnknownFields(String overlay) {
        Manifests m = render(overlay);
        assertThat(m.all()).hasSizeGreaterThan(30);
        assertThat(ManifestSchemas.platform().violations(m.all())).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-dev", "gpu"})
    void kafkaTopicsCoverEveryTopicOfThePlatform(String overlay) {
        Manifests m = render(overlay);
        List<String> names = m.ofKind("KafkaTopic").stream().map(t -> String.valueOf(at(t, "spec.topicName"))).toList();
        assertThat(names).containsExactlyInAnyOrderElementsOf(Topics.all());
        for (Map<String, Object> topic : m.ofKind("KafkaTopic")) {
            assertThat(at(topic, "metadata.labels")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                    .containsEntry("strimzi.io/cluster", "longrecipe");
            assertThat(((Map<?, ?>) at(topic, "spec.config")).get("retention.ms"))
                    .as("retention of %s", at(topic, "spec.topicName")).isNotNull();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-dev", "gpu"})
    void eachStageTakesTopicAndGroupFromItsImageAndKedaWatchesTheSame(String overlay) {
        Manifests m = render(overlay);
        Map<String, Object> platform = (Map<String, Object>) at(m.get("ConfigMap", "longrecipe-config"), "data");
        for (Stage stage : Stage.values()) {
            ServiceConfig props = ServiceConfig.read(REPO.serviceProperties(stage));
            assertThat(props.inputTopic()).as(stage.id()).isEqualTo(stage.inputTopic());
            assertThat(props.consumerGroup()).as(stage.id()).isEqualTo(stage.consumerGroup());
            Map<String, Object> so = m.get("ScaledObject", stage.id());
            assertThat(at(so, "spec.triggers[0].metadata.topic")).as(stage.id()).isEqualTo(props.inputTopic());
            assertThat(at(so, "spec.triggers[0].metadata.consumerGroup")).as(stage.id()).isEqualTo(props.consumerGroup());

            // MP_MESSAGING_INCOMING_STAGE_IN_TOPIC would be read as a channel named "stage": the service would not start
            List<Map<String, Object>> env = (List<Map<String, Object>>) at(m.get("Deployment", stage.id()),
                    "spec.template.spec.containers[0].env");
            assertThat(env.stream().map(e -> String.valueOf(e.get("name"))))
                    .noneMatch(n -> n.startsWith("MP_MESSAGING_INCOMING_STAGE_IN"));
            assertThat(platform.keySet()).noneMatch(n -> n.startsWith("MP_MESSAGING_INCOMING_STAGE_IN"));
            List<Map<String, Object>> envFrom = (List<Map<String, Object>>) at(m.get("Deployment", stage.id()),
                    "spec.template.spec.containers[0].envFrom");
            assertThat(envFrom.stream().map(e -> String.valueOf(at(e, "configMapRef.name"))))
                    .containsExactly(String.valueOf(at(m.get("ConfigMap", "longrecipe-config"), "metadata.name")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-dev", "gpu"})
    void stagesScaleOnTheirConsumerGroupLagWithinTheirTopicPartitions(String overlay) {
        Manifests m = render(overlay);
        String bootstrap = String.valueOf(at(m.get("ConfigMap", "longrecipe-config"), "data.KAFKA_BOOTSTRAP_SERVERS"));
        for (Stage stage : Stage.values()) {
            Map<String, Object> so = m.get("ScaledObject", stage.id());
            assertThat(at(so, "spec.scaleTargetRef.name")).isEqualTo(stage.id());
            assertThat(at(so, "spec.triggers[0].type")).isEqualTo("kafka");
            assertThat(at(so, "spec.triggers[0].metadata.topic")).as(stage.id()).isEqualTo(stage.inputTopic());
            assertThat(at(so, "spec.triggers[0].metadata.consumerGroup")).as(stage.id()).isEqualTo(stage.consumerGroup());
            assertThat(at(so, "spec.triggers[0].metadata.bootstrapServers")).as(stage.id()).isEqualTo(bootstrap);
            int partitions = (Integer) at(m.get("KafkaTopic", stage.inputTopic()), "spec.partitions");
            assertThat((Integer) at(so, "spec.maxReplicaCount")).as("%s replicas beyond partitions idle", stage.id())
                    .isBetween(1, partitions);
            assertThat(at(so, "spec.minReplicaCount")).as(stage.id()).isEqualTo(GPU_STAGES.contains(stage) ? 0 : 1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"cpu-dev", "gpu"})
    void deploymentsProbeTheQuarkusHealthEndpointsAndReadS3CredentialsFromASecret(String overlay) {
        Manifests m = render(overlay);
        for (Stage stage : Stage.values()) {
            Object container = at(m.get("Deployment", stage.id()), "spec.template.spec.containers[0]");
            assertThat(at(container, "livenessProbe.httpGet.path")).isEqualTo("/q/health/live");
            assertThat(at(container, "readinessProbe.httpGet.path")).isEqualTo("/q/health/ready");
            assertThat(at(container, "ports[0].containerPort")).isEqualTo(8080);
            assertThat(at(container, "resources.requests.memory")).as(stage.id()).isNotNull();
            assertThat(at(container, "resources.limits.memory")).as(stage.id()).isNotNull();
            assertThat(at(container, "image")).asString().startsWith("longrecipe/" + stage.id() + "-service:");
            List<Map<String, Object>> env = (List<Map<String, Object>>) at(container, "env");
            for (String var : List.of("LONGRECIPE_S3_ACCESS_KEY", "LONGRECIPE_S3_SECRET_KEY")) {
                Map<String, Object> e = env.stream().filter(x -> var.equals(x.get("name"))).findFirst().orElseThrow();
                assertThat(at(e, "valueFrom.secretKeyRef.name")).asString().startsWith("longrecipe-s3");
                assertThat(e).doesNotContainKey("value");
            }
        }
        assertThat(at(m.get("ConfigMap", "longrecipe-config"), "data.QUARKUS_HTTP_PORT")).isEqualTo("8080");
    }

    @Test
    void gpuOverlayPutsGpuStagesOnGpuNodesWithCudaImagesAndAuthenticatedKafka() {
        Manifests m = render("gpu");
        for (Stage stage : Stage.values()) {
            Object pod = at(m.get("Deployment", stage.id()), "spec.template.spec");
            Map<String, Object> limits = (Map<String, Object>) at(pod, "containers[0].resources.limits");
            if (GPU_STAGES.contains(stage)) {
                assertThat(limits.get("nvidia.com/gpu")).as(stage.id()).isEqualTo(1);
                assertThat((Map<String, Object>) at(pod, "nodeSelector")).containsEntry("nvidia.com/gpu.present", "true");
                assertThat(at(pod, "tolerations[0].key")).isEqualTo("nvidia.com/gpu");
                assertThat(at(pod, "containers[0].image")).asString().endsWith("-cu128");
            } else {
                assertThat(limits).as(stage.id()).doesNotContainKey("nvidia.com/gpu");
                assertThat(at(pod, "containers[0].image")).asString().endsWith("-cpu");
            }
            List<Map<String, Object>> env = (List<Map<String, Object>>) at(pod, "containers[0].env");
            assertThat(env.stream().filter(e -> "KAFKA_SASL_JAAS_CONFIG".equals(e.get("name")))
                    .map(e -> at(e, "valueFrom.secretKeyRef.name"))).containsExactly("longrecipe-kafka");
            assertThat(at(m.get("ScaledObject", stage.id()), "spec.triggers[0].authenticationRef.name"))
                    .isEqualTo("longrecipe-kafka");
        }
        assertThat(m.ofKind("Secret")).as("gpu overlay commits no secret values").isEmpty();
        assertThat(at(m.get("ConfigMap", "longrecipe-config"), "data.KAFKA_SECURITY_PROTOCOL")).isEqualTo("SASL_SSL");
    }

    @Test
    void cpuDevOverlayRequestsNoGpuAndOnlyPlaceholderCredentials() {
        Manifests m = render("cpu-dev");
        for (Map<String, Object> deployment : m.ofKind("Deployment")) {
            Map<String, Object> limits = (Map<String, Object>) at(deployment, "spec.template.spec.containers[0].resources.limits");
            assertThat(limits).as(Manifests.describe(deployment)).doesNotContainKey("nvidia.com/gpu");
        }
        for (Map<String, Object> topic : m.ofKind("KafkaTopic")) {
            assertThat(at(topic, "spec.replicas")).as("one broker").isEqualTo(1);
        }
        Map<String, Object> secret = m.get("Secret", "longrecipe-s3");
        String secretKey = new String(java.util.Base64.getDecoder().decode(String.valueOf(at(secret, "data.secret-key"))));
        assertThat(secretKey).as("the committed cpu-dev credentials are placeholders").startsWith("REPLACE_WITH_");
    }
}
