package dev.longrecipe.deploy;

import static dev.longrecipe.deploy.Manifests.at;
import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** docker-compose.yml agrees with the services' configuration, shared-schema's topics and the k8s manifests. */
@SuppressWarnings("unchecked")
class ComposeConsistencyTest {
    private static final RepositoryLayout REPO = RepositoryLayout.current();
    private static final Set<Stage> GPU_STAGES = EnumSet.of(Stage.ANALYZER, Stage.TRAINER, Stage.EVALUATOR);
    private final ComposeFile compose = ComposeFile.read(REPO.composeFile());

    @Test
    void eachStageTakesTopicAndGroupFromItsImageWhichMatchTheSharedSchema() {
        for (Stage stage : Stage.values()) {
            ServiceConfig props = ServiceConfig.read(REPO.serviceProperties(stage));
            assertThat(props.inputTopic()).as(stage.id()).isEqualTo(stage.inputTopic());
            assertThat(props.consumerGroup()).as(stage.id()).isEqualTo(stage.consumerGroup());
            // MP_MESSAGING_INCOMING_STAGE_IN_TOPIC would be read as a channel named "stage": the service would not start
            assertThat(compose.environment(stage.id()).keySet()).as(stage.id())
                    .noneMatch(n -> n.startsWith("MP_MESSAGING_INCOMING_STAGE_IN"));
        }
    }

    @Test
    void stagesReachKafkaAndMinioByTheirComposeNamesAndShareOneBucket() {
        List<String> advertised = List.of(compose.environment("kafka").get("KAFKA_ADVERTISED_LISTENERS").split(","));
        String bucket = compose.environment("bucket").get("LONGRECIPE_S3_BUCKET");
        Map<String, String> minio = compose.environment("minio");
        for (Stage stage : Stage.values()) {
            Map<String, String> env = compose.environment(stage.id());
            assertThat(advertised).as("%s's broker address is advertised by kafka", stage.id())
                    .contains("PLAINTEXT://" + env.get("KAFKA_BOOTSTRAP_SERVERS"));
            assertThat(env.get("LONGRECIPE_S3_ENDPOINT")).isEqualTo("http://minio:9000");
            assertThat(env.get("LONGRECIPE_S3_BUCKET")).as(stage.id()).isEqualTo(bucket);
            assertThat(env.get("LONGRECIPE_S3_ACCESS_KEY")).isEqualTo(minio.get("MINIO_ROOT_USER"))
                    .isEqualTo(compose.environment("bucket").get("ACCESS_KEY")).startsWith("${LONGRECIPE_S3_ACCESS_KEY:?");
            assertThat(env.get("LONGRECIPE_S3_SECRET_KEY")).isEqualTo(minio.get("MINIO_ROOT_PASSWORD"))
                    .isEqualTo(compose.environment("bucket").get("SECRET_KEY")).startsWith("${LONGRECIPE_S3_SECRET_KEY:?");
        }
        Manifests k8s = KustomizeOverlaysTest.render("cpu-dev");
        assertThat(at(k8s.get("ConfigMap", "longrecipe-config"), "data.LONGRECIPE_S3_BUCKET")).isEqualTo(bucket);
        assertThat(bucket).as("the services' default bucket (longrecipe.s3.bucket)").isEqualTo("longrecipe");
    }

    @Test
    void stagesStartOnlyAfterTopicsAndBucketExist() {
        assertThat(compose.dependsOn("topics")).containsEntry("kafka", "service_healthy");
        assertThat(compose.dependsOn("bucket")).containsEntry("minio", "service_healthy");
        for (Stage stage : Stage.values()) {
            assertThat(compose.dependsOn(stage.id())).as(stage.id())
                    .containsEntry("topics", "service_completed_successfully")
                    .containsEntry("bucket", "service_completed_successfully");
        }
    }

    @Test
    void gpuStagesRunCudaImagesWithAnNvidiaDeviceAndCpuStagesCpuImagesWithout() {
        for (Stage stage : Stage.values()) {
            String image = compose.image(stage.id());
            assertThat(image).startsWith("longrecipe/" + stage.id() + "-service:");
            if (GPU_STAGES.contains(stage)) {
                assertThat(image).endsWith("-cu128");
                Map<String, Object> device = (Map<String, Object>) compose.at(stage.id(),
                        "deploy.resources.reservations.devices[0]");
                assertThat(device).as(stage.id()).containsEntry("driver", "nvidia");
                assertThat((List<String>) device.get("capabilities")).contains("gpu");
            } else {
                assertThat(image).endsWith("-cpu");
                assertThat(compose.service(stage.id())).as(stage.id()).doesNotContainKey("deploy");
            }
        }
    }

    @Test
    void topicInitCreatesEveryTopicWithTheKubernetesPartitionsAndRetention() {
        Map<String, String> fromCompose = new TreeMap<>();
        for (String spec : compose.environment("topics").get("TOPICS").trim().split("\\s+")) {
            String[] parts = spec.split(":");
            assertThat(parts).as("TOPICS entry %s is name:partitions:retention.ms", spec).hasSize(3);
            fromCompose.put(parts[0], parts[1] + ":" + parts[2]);
        }
        assertThat(fromCompose.keySet()).containsExactlyInAnyOrderElementsOf(Topics.all());
        Map<String, String> fromK8s = new TreeMap<>();
        for (Map<String, Object> t : KustomizeOverlaysTest.render("gpu").ofKind("KafkaTopic")) {
            fromK8s.put(String.valueOf(at(t, "spec.topicName")), at(t, "spec.partitions") + ":"
                    + ((Map<String, Object>) at(t, "spec.config")).get("retention.ms"));
        }
        assertThat(fromCompose).isEqualTo(fromK8s);
    }

    @Test
    void stagesGetTheSameSettingsAsOnKubernetes() {
        Manifests k8s = KustomizeOverlaysTest.render("cpu-dev");
        Map<String, Object> platform = (Map<String, Object>) at(k8s.get("ConfigMap", "longrecipe-config"), "data");
        for (Stage stage : Stage.values()) {
            Map<String, String> env = new LinkedHashMap<>(compose.environment(stage.id()));
            Map<String, Object> expected = new LinkedHashMap<>(platform);
            expected.put("LONGRECIPE_S3_ACCESS_KEY", env.get("LONGRECIPE_S3_ACCESS_KEY"));
            expected.put("LONGRECIPE_S3_SECRET_KEY", env.get("LONGRECIPE_S3_SECRET_KEY"));
            // addresses differ by design: compose service names vs. in-cluster Services
            for (String address : List.of("KAFKA_BOOTSTRAP_SERVERS", "LONGRECIPE_S3_ENDPOINT")) {
                assertThat(env).containsKey(address);
                env.remove(address);
                expected.remove(address);
            }
            assertThat(env).as(stage.id()).isEqualTo(expected);
            String volume = ((List<String>) compose.service(stage.id()).get("volumes")).get(0);
            String mount = volume.substring(volume.indexOf(':') + 1);
            assertThat(env.get("LONGRECIPE_WORK_DIR")).startsWith(mount + "/");
            assertThat(env.get("DJL_CACHE_DIR")).startsWith(mount + "/");
        }
    }

    @Test
    void prometheusScrapesEveryStageOnItsHttpPortAtQuarkusMetricsPath() throws IOException {
        Map<String, Object> prometheus = new org.yaml.snakeyaml.Yaml().load(Files.readString(REPO.prometheusConfig()));
        Map<String, Object> job = ((List<Map<String, Object>>) prometheus.get("scrape_configs")).stream()
                .filter(j -> "longrecipe-stages".equals(j.get("job_name"))).findFirst().orElseThrow();
        assertThat(job.get("metrics_path")).isEqualTo("/q/metrics");
        List<String> targets = (List<String>) at(job, "static_configs[0].targets");
        assertThat(targets).containsExactlyInAnyOrderElementsOf(java.util.Arrays.stream(Stage.values())
                .map(s -> s.id() + ":" + compose.environment(s.id()).get("QUARKUS_HTTP_PORT")).toList());
        assertThat(compose.dependsOn("prometheus").keySet()).containsAll(
                java.util.Arrays.stream(Stage.values()).map(Stage::id).toList());
    }
}
