package dev.longrecipe.cli.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import dev.longrecipe.cli.corpus.CorpusGenerators;
import dev.longrecipe.cli.demo.DemoCommand;
import dev.longrecipe.cli.platform.Platform;
import dev.longrecipe.cli.platform.StackSupervisor;
import dev.longrecipe.cli.run.RunClient;
import dev.longrecipe.cli.run.SubmitCommand;
import dev.longrecipe.schema.Stage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The fault suite in its reduced form, as CI runs it: the five real services (the packaged Quarkus apps) on a real
 * Kafka and S3, a small run of the demo model made twice — once fault-free, once while {@link FaultSuite} kills every
 * service mid-stage, stops the trainer with SIGTERM (it must checkpoint the steps done on its way out), restarts the
 * broker, stops S3 for 60 s (the trainer uploads a checkpoint meanwhile) and re-publishes the completions — and every
 * check of {@code longrecipe chaos} must pass. The services must have been packaged ({@code mvn verify} does it
 * before this module's tests).
 */
class ChaosSuiteTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Path ROOT = Path.of("target", "chaos-stack").toAbsolutePath();
    private static Platform platform;
    private static Path specFile;

    @BeforeAll
    static void smallRunInputs() throws Exception {
        for (Stage stage : Stage.values()) {
            Path jar = REPO.resolve(stage.id() + "-service/target/quarkus-app/quarkus-run.jar");
            assertThat(jar).as("the fault suite runs the packaged services; run `./mvnw verify` (or package the"
                    + " services) first").exists();
        }
        platform = new Platform(REPO, ROOT);
        platform.stop();
        Path data = Files.createDirectories(ROOT.resolve("inputs"));
        Path kjv = REPO.resolve("demo/data/kjv.txt.gz");
        Path base = REPO.resolve("demo/base-model");
        CorpusGenerators.facts(kjv, "1-60", base, 512, 4, 60, 1, data.resolve("facts.jsonl.gz"));
        CorpusGenerators.mixture(kjv, "1-60", base, 256, 160, 40, 2, data.resolve("mixture.jsonl.gz"));
        CorpusGenerators.text(kjv, "61-66", 40, 30, data.resolve("heldout.jsonl.gz"));
        specFile = data.resolve("spec.yaml");
        Files.writeString(specFile, """
                baseModel: %s
                referenceModel: %s
                corpus: facts.jsonl.gz
                replayCorpus: mixture.jsonl.gz
                targetLength: 512
                method: longrecipe
                seed: 7
                analyzer:
                  samples: 2
                segmenter:
                  ratio: 0.3
                  samplesPerDocument: 1
                trainer:
                  ropeFactor: 1
                  checkpointEvery: 3
                  keepLast: 1
                  extension: {steps: 12, batchSize: 4, microBatchSize: 4, lr: 0.0003, schedule: cosine, warmupSteps: 2}
                  replay: {steps: 2, batchSize: 4, microBatchSize: 4, lr: 0.00005, schedule: cosine, warmupSteps: 1}
                evaluator:
                  lengths: [256, 512]
                  tasks: [niah_single_2]
                  samplesPerTask: 2
                  depths: 2
                  maxNewTokens: 12
                  haystackCorpus: heldout.jsonl.gz
                  perplexityCorpus: heldout.jsonl.gz
                """.formatted(base, REPO.resolve("demo/reference-model")));
    }

    @AfterAll
    static void down() throws Exception {
        platform.stop();
    }

    @Test
    void aRunUnderEveryFaultCompletesOnceWithTheFaultFreeResults() throws Exception {
        StackSupervisor supervisor = new StackSupervisor(platform);
        supervisor.heal();
        // the stack's data outlives a test run (target/chaos-stack): fresh run ids each time
        String suffix = Long.toString(System.currentTimeMillis(), 36);
        String faultFree = "fault-free-" + suffix;
        String underFaults = "under-faults-" + suffix;
        try (RunClient client = RunClient.connect(platform)) {
            SubmitCommand.submit(client, specFile, faultFree, Map.of());
            DemoCommand.follow(client, faultFree);
            SubmitCommand.submit(client, specFile, underFaults, Map.of());
            FaultSuite suite = new FaultSuite(client, supervisor, underFaults, Duration.ofSeconds(60),
                    Duration.ZERO, Duration.ofMinutes(10), System.out);

            List<ChaosCommand.Check> checks = ChaosCommand.check(client, suite, faultFree, underFaults,
                    platform);

            ChaosCommand.print(System.out, suite.faults(), checks);
            assertThat(suite.faults()).extracting(FaultSuite.Fault::fault).hasSize(9);
            assertThat(checks).allSatisfy(c -> assertThat(c.passed()).as(c.what() + ": " + c.detail()).isTrue());
        }
    }
}
