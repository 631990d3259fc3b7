package dev.longrecipe.cli.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.longrecipe.schema.Stage;
import dev.longrecipe.stack.LocalStack;
import dev.longrecipe.stack.ProcessHealth;
import dev.longrecipe.stack.Recovery;
import dev.longrecipe.stack.StackOptions;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code up} as a supervisor, on a real Kafka and S3 and five service JVMs (tiny stand-ins started from jars by the
 * real launcher; a Quarkus service takes too long to start for a test): only what was killed is restarted, servers
 * on their ports, services with the same endpoints and HTTP port.
 */
class StackSupervisorTest {

    private static final Path HOME = Path.of("target", "supervisor-home").toAbsolutePath();
    private Platform platform;
    private StackSupervisor supervisor;

    @BeforeEach
    void fakeServiceJars() throws IOException {
        dev.longrecipe.stack.LocalStack.stop(HOME.resolve(".stack/state"));
        deleteRecursively(HOME);
        Path classes = Path.of(FakeStageService.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        for (Stage stage : Stage.values()) {
            Path jar = HOME.resolve(stage.id() + "-service/target/quarkus-app/quarkus-run.jar");
            Files.createDirectories(jar.getParent());
            Manifest manifest = new Manifest();
            manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
            manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeStageService.class.getName());
            manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classes.toUri().toString());
            try (OutputStream out = Files.newOutputStream(jar); JarOutputStream ignored = new JarOutputStream(out,
                    manifest)) {
                // the manifest is the whole jar
            }
        }
        platform = new Platform(HOME);
        // attached: should this JVM die, the servers exit by themselves (and the fake services too)
        supervisor = new StackSupervisor(platform, platform.stackOptions().withDetached(false));
    }

    @AfterEach
    void down() throws IOException {
        ServiceLauncher.stopAll(platform.recordedServices());
        LocalStack.stop(platform.stateDir());
    }

    @Test
    void upStartsEverything_healsOnlyWhatWasKilled_andLeavesAHealthyStackAlone() throws Exception {
        StackSupervisor.Healed first = supervisor.heal();
        assertThat(first.recoveries()).extracting(Recovery::component)
                .containsExactly("kafka", "s3", "analyzer", "segmenter", "trainer", "merger", "evaluator");
        assertThat(first.recoveries()).allMatch(Recovery::acted).allMatch(r -> r.was().equals("not started"));
        String bootstrap = first.stack().kafkaBootstrap();
        String endpoint = first.stack().s3Endpoint();
        Map<String, ServiceLauncher.RunningService> before = byStage(platform.recordedServices());

        assertThat(supervisor.heal().recoveries()).as("up on a healthy stack").noneMatch(Recovery::acted);

        supervisor.kill("trainer");
        supervisor.kill("kafka");
        assertThat(supervisor.check(java.time.Duration.ofSeconds(2)))
                .filteredOn(c -> !c.up()).extracting(StackSupervisor.ComponentHealth::component)
                .containsExactly("kafka", "trainer");
        assertThatThrownBy(platform::stack).hasMessageContaining("half down")
                .hasMessageContaining("./longrecipe up` restarts it on the same port");

        List<Recovery> healed = supervisor.heal().recoveries();

        assertThat(healed).filteredOn(Recovery::acted).extracting(Recovery::component)
                .containsExactly("kafka", "trainer");
        assertThat(healed.get(0).was()).startsWith("exited (pid ");
        assertThat(healed.get(0).action()).startsWith("restarted on " + bootstrap);
        Map<String, ServiceLauncher.RunningService> after = byStage(platform.recordedServices());
        ServiceLauncher.RunningService trainer = after.get("trainer");
        assertThat(trainer.pid()).isNotEqualTo(before.get("trainer").pid());
        assertThat(trainer.httpPort()).as("same health address").isEqualTo(before.get("trainer").httpPort());
        assertThat(trainer.kafkaBootstrap()).isEqualTo(bootstrap);
        assertThat(trainer.s3Endpoint()).isEqualTo(endpoint);
        for (String untouched : List.of("analyzer", "segmenter", "merger", "evaluator")) {
            assertThat(after.get(untouched).pid()).as(untouched + " kept running").isEqualTo(before.get(untouched).pid());
        }
        assertThat(platform.stack().kafkaBootstrap()).isEqualTo(bootstrap);

        String log = Files.readString(platform.logDir().resolve("trainer-service.log"));
        assertThat(log).contains("trainer-service started, pid " + before.get("trainer").pid(),
                "trainer-service started, pid " + trainer.pid());

        // the fault suite's door: one component at a time, the others left alone
        supervisor.kill("s3");
        supervisor.kill("merger");
        Recovery s3 = supervisor.restartIfDead("s3");
        assertThat(s3.component()).isEqualTo("s3");
        assertThat(s3.action()).startsWith("restarted on " + endpoint);
        assertThat(ServiceLauncher.health(platform.recordedServices().stream()
                .filter(s -> s.stage().equals("merger")).findFirst().orElseThrow(), java.time.Duration.ZERO))
                .as("restartIfDead(s3) leaves the dead merger alone").isEqualTo(ProcessHealth.EXITED);
        assertThat(supervisor.restartIfDead("merger").action()).startsWith("restarted");
        assertThat(supervisor.restartIfDead("analyzer")).isEqualTo(new Recovery("analyzer", "up", Recovery.NONE));
        assertThatThrownBy(() -> supervisor.kill("zookeeper")).hasMessageContaining("unknown component 'zookeeper'")
                .hasMessageContaining("kafka, s3, analyzer");
    }

    private static Map<String, ServiceLauncher.RunningService> byStage(List<ServiceLauncher.RunningService> all) {
        return all.stream().collect(Collectors.toMap(ServiceLauncher.RunningService::stage, Function.identity()));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (var paths = Files.walk(dir)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
