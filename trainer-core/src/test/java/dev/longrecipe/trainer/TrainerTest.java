package dev.longrecipe.trainer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.hf.SafetensorsFile;
import dev.longrecipe.model.config.DynamicNtkTheta;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.schema.spec.RunSpec;
import dev.longrecipe.schema.spec.TrainerParams;
import dev.longrecipe.schema.spec.TrainingPhase;
import dev.longrecipe.shards.Document;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.shards.SampleShardReader;
import dev.longrecipe.shards.SampleShardWriter;
import dev.longrecipe.shards.ShardFormat;
import dev.longrecipe.shards.ShardFormatException;
import dev.longrecipe.shards.ShardSample;
import dev.longrecipe.trainer.data.InvalidSampleException;
import dev.longrecipe.schema.ProgressListener;
import dev.longrecipe.schema.TrainingStep;
import dev.longrecipe.trainer.progress.TrainingLog;
import dev.longrecipe.trainer.replay.ReplayBlocks;
import dev.longrecipe.trainer.testing.TinyTraining;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.stream.Stream;

import static dev.longrecipe.trainer.testing.TinyTraining.L;
import static dev.longrecipe.trainer.testing.TinyTraining.L_PRIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TrainerTest {
    @TempDir
    Path tmp;
    Path base;
    Path replayCorpus;

    @BeforeEach
    void inputs() throws IOException {
        base = TinyTraining.baseModel(tmp.resolve("base"));
        replayCorpus = TinyTraining.replayCorpus(tmp.resolve("replay.jsonl"), 200);
    }

    private TrainerInputs inputs(RunSpec spec, Path samples) {
        return new TrainerInputs(spec, base, samples, replayCorpus, L, L_PRIME);
    }

    @Test
    void trainsBothPhasesIntoHfFoldersWithTheTargetRopeAndAnnouncesEveryCheckpoint() throws IOException {
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 2, 5, 77, L_PRIME, 1);
        RunSpec spec = TinyTraining.spec("{checkpointEvery: 2, keepLast: 1, replayFraction: 0.25,"
                + " extension: {steps: 4, batchSize: 4, microBatchSize: 2, lr: 1.0e-3},"
                + " replay: {batchSize: 2, lr: 1.0e-4}}");
        List<CheckpointInfo> announced = new ArrayList<>();
        List<TrainingStep> progress = new ArrayList<>();
        Path out = tmp.resolve("out");

        TrainingResult result = new Trainer().run(inputs(spec, samples), out,
                ProgressListener.ofSteps(progress::add, ProgressListener.NONE), announced::add);

        double expectedTheta = DynamicNtkTheta.theta(10_000, 16, L, L_PRIME);
        for (Path model : List.of(result.extensionFinal(), result.replayFinal())) {
            ModelConfig config = ModelConfig.read(model.resolve("config.json"));
            assertThat(config.rope().theta()).isEqualTo(expectedTheta);
            assertThat(config.maxPositionEmbeddings()).isEqualTo(L_PRIME);
            assertThat(model.resolve("tokenizer.json")).exists();
        }
        assertThat(result.extensionTokens()).isEqualTo(4 * 4 * 77);
        long blocks = ReplayBlocks.wantedBlocks(0.25, 4 * 4 * 77, L);
        assertThat(result.replayTokens()).isEqualTo(((blocks + 1) / 2) * 2 * L);
        assertThat(result.mergeInput()).isEqualTo(out.resolve("replay/final"));

        assertThat(announced).extracting(c -> c.phase().id() + ":" + c.step() + ":" + c.phaseComplete() + ":"
                + c.lastOfRun()).startsWith("extension:2:false:false", "extension:4:true:false")
                .endsWith("replay:" + (blocks + 1) / 2 + ":true:true");
        assertThat(out.resolve("extension").toFile().list()).containsExactly("final");
        assertThat(progress).hasSize(4 + (int) ((blocks + 1) / 2));
        assertThat(progress.get(0).step()).isEqualTo(1);
        assertThat(progress.get(0).numbers()).containsKeys("step", "tokens", "loss", "lr", "tokensPerSecond");

        List<JsonNode> steps = logLines(out).stream().filter(n -> n.get("type").asText().equals("step")).toList();
        assertThat(steps).hasSize(progress.size());
        assertThat(steps.get(3).get("tokens").asLong()).isEqualTo(4 * 4 * 77);
    }

    @Test
    void lossFallsOverAFewDozenStepsOnARepeatedBatch() {
        // FLT sources of 48 tokens: every epoch draws the same sample (BOS, then the span at positions 0…47)
        Path samples = TinyTraining.samples(tmp.resolve("samples"), "flt", OptionalInt.of(TinyTraining.BOS), 1, 4, 48,
                48, 3);
        RunSpec spec = TinyTraining.spec("{checkpointEvery: 100, replayFraction: 0,"
                + " extension: {steps: 30, batchSize: 4, microBatchSize: 4, lr: 3.0e-3}}");
        List<Double> losses = new ArrayList<>();
        ProgressListener record = ProgressListener.ofSteps(s -> losses.add(s.loss()), ProgressListener.NONE);

        new Trainer().run(inputs(spec, samples), tmp.resolve("out"), record, CheckpointListener.NONE);

        assertThat(losses).hasSize(30);
        assertThat(losses.get(0)).isGreaterThan(5.5); // ≈ ln 512 for a random model
        assertThat(losses.get(29)).isLessThan(losses.get(0) - 2.0);
    }

    @Test
    void withoutReplayTheExtensionFinalIsTheRunsLastCheckpoint() {
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 1, 4, 40, L_PRIME, 3);
        RunSpec spec = TinyTraining.spec("{replayFraction: 0, extension: {steps: 2, batchSize: 2}}");
        List<CheckpointInfo> announced = new ArrayList<>();
        TrainingResult result = new Trainer().run(new TrainerInputs(spec, base, samples, null, L, L_PRIME),
                tmp.resolve("out"), ProgressListener.NONE, announced::add);
        assertThat(result.replayFinal()).isNull();
        assertThat(result.mergeInput()).isEqualTo(tmp.resolve("out/extension/final"));
        assertThat(announced).singleElement().satisfies(c -> assertThat(c.lastOfRun()).isTrue());
    }

    @Test
    void aFinishedRunDoesNotTrainAgainButAnnouncesItsFinalCheckpoints() throws IOException {
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 1, 4, 40, L_PRIME, 3);
        RunSpec spec = TinyTraining.spec("{replayFraction: 0.5, extension: {steps: 2, batchSize: 2},"
                + " replay: {steps: 1, batchSize: 1}}");
        Path out = tmp.resolve("out");
        new Trainer().run(inputs(spec, samples), out, ProgressListener.NONE, CheckpointListener.NONE);
        byte[] weights = Files.readAllBytes(out.resolve("replay/final/model.safetensors"));
        List<CheckpointInfo> announced = new ArrayList<>();
        List<TrainingStep> progress = new ArrayList<>();

        new Trainer().run(inputs(spec, samples), out, ProgressListener.ofSteps(progress::add, ProgressListener.NONE),
                announced::add);

        assertThat(progress).isEmpty();
        assertThat(announced).extracting(c -> c.phase() + ":" + c.lastOfRun())
                .containsExactly("EXTENSION:false", "REPLAY:true");
        assertThat(Files.readAllBytes(out.resolve("replay/final/model.safetensors"))).isEqualTo(weights);
    }

    @Test
    void samplesWrittenForALargerWindowAreRefused() {
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 1, 2, 40, 2 * L_PRIME, 3);
        RunSpec spec = TinyTraining.spec("{replayFraction: 0, extension: {steps: 1, batchSize: 1}}");
        assertThatThrownBy(() -> new Trainer().run(inputs(spec, samples), tmp.resolve("out"), ProgressListener.NONE,
                CheckpointListener.NONE)).isInstanceOf(ShardFormatException.class)
                .hasMessageContaining("L′ = " + 2 * L_PRIME).hasMessageContaining(String.valueOf(L_PRIME));
    }

    @Test
    void aSampleWithATokenOutsideTheVocabularyIsRefusedWithItsShardAndIndex() throws IOException {
        Path samples = TinyTraining.samples(tmp.resolve("samples"), "flt", OptionalInt.of(TinyTraining.BOS), 1, 2, 40,
                40, 3);
        SampleSource poisoned = new SampleSource(new Document(9, java.util.stream.IntStream.range(0, 40)
                .map(i -> i == 30 ? 600 : 5).toArray(), new int[] {0, 40}, new boolean[1]), 0);
        try (SampleShardWriter w = SampleShardWriter.forSources(samples.resolve(ShardFormat.shardFileName(1)), 40, 40)) {
            w.write(poisoned);
        }
        RunSpec spec = TinyTraining.spec("{replayFraction: 0, extension: {steps: 3, batchSize: 1}}");
        assertThatThrownBy(() -> new Trainer().run(inputs(spec, samples), tmp.resolve("out"), ProgressListener.NONE,
                CheckpointListener.NONE)).isInstanceOf(InvalidSampleException.class)
                .hasMessageContaining("sample 0 of shard").hasMessageContaining("shard-00001.bin")
                .hasMessageContaining("token id 600 at token 31")
                .hasMessageContaining("outside the model's vocabulary [0, 512)");
    }

    @Test
    void samplesSegmentedWithoutTheModelsBosAreRefused() {
        Path samples = TinyTraining.samples(tmp.resolve("samples"), "longrecipe-random", OptionalInt.empty(), 1, 2, 40,
                L_PRIME, 3);
        RunSpec spec = TinyTraining.spec("{replayFraction: 0, extension: {steps: 1, batchSize: 1}}");
        assertThatThrownBy(() -> new Trainer().run(inputs(spec, samples), tmp.resolve("out"), ProgressListener.NONE,
                CheckpointListener.NONE)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("without a BOS token").hasMessageContaining("BOS token " + TinyTraining.BOS);
    }

    @Test
    void replayBlocksStartWithBosAtPositionZeroWhenTheModelHasOneAndNotOtherwise() throws IOException {
        Path noBos = TinyTraining.baseModel(tmp.resolve("no-bos"));
        Files.writeString(noBos.resolve("tokenizer_config.json"), "{\"add_bos_token\": false}");
        RunSpec spec = TinyTraining.spec("{replayFraction: 1.0, replayBlockLength: 32,"
                + " extension: {steps: 1, batchSize: 2}, replay: {steps: 1, batchSize: 2}}");
        for (boolean withBos : new boolean[] {true, false}) {
            Path model = withBos ? base : noBos;
            Path samples = TinyTraining.samples(tmp.resolve("samples-" + withBos), "longrecipe-random",
                    withBos ? OptionalInt.of(TinyTraining.BOS) : OptionalInt.empty(), 1, 2, 40, L_PRIME, 3);
            Path out = tmp.resolve("out-" + withBos);
            new Trainer().run(new TrainerInputs(spec, model, samples, replayCorpus, L, L_PRIME), out,
                    ProgressListener.NONE, CheckpointListener.NONE);

            List<ShardSample> blocks = new ArrayList<>();
            try (Stream<Path> files = Files.list(out.resolve(Trainer.REPLAY_BLOCKS_DIR))) {
                for (Path f : files.filter(f -> f.toString().endsWith(".bin")).sorted().toList()) {
                    try (SampleShardReader reader = SampleShardReader.open(f, L_PRIME)) {
                        reader.forEach(blocks::add);
                    }
                }
            }
            assertThat(blocks).hasSizeGreaterThan(2);
            for (ShardSample block : blocks) {
                assertThat(block.length()).isEqualTo(32);
                assertThat(block.positionIds()[0]).isZero();
                // the byte-level tokenizer gives id 1 only to byte 0x01, which the KJV text does not have
                assertThat(block.inputIds()[0] == TinyTraining.BOS).as("block starts with BOS").isEqualTo(withBos);
                assertThat(Arrays.stream(block.inputIds()).skip(1)).doesNotContain(TinyTraining.BOS);
            }
        }
    }

    @Test
    void anEmptyShardIsAClearError() throws IOException {
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 1, 2, 40, L_PRIME, 3);
        SampleShardWriter.forSources(samples.resolve(ShardFormat.shardFileName(1)), 40, L_PRIME).close();
        RunSpec spec = TinyTraining.spec("{replayFraction: 0, extension: {steps: 1, batchSize: 1}}");
        assertThatThrownBy(() -> new Trainer().run(inputs(spec, samples), tmp.resolve("out"), ProgressListener.NONE,
                CheckpointListener.NONE)).isInstanceOf(InvalidSampleException.class)
                .hasMessageContaining("shard-00001.bin holds no samples");
    }

    @Test
    void aNaNLossStopsTrainingNamesTheStepAndKeepsTheLastGoodCheckpoint() {
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 1, 4, 40, L_PRIME, 3);
        RunSpec parsed = TinyTraining.spec("{replayFraction: 0, checkpointEvery: 1, keepLast: 3,"
                + " extension: {steps: 6, batchSize: 2, clipNorm: 0}}");
        RunSpec spec = withExtensionLr(parsed, 1e30); // past the spec validator's range on purpose
        Path out = tmp.resolve("out");

        assertThatThrownBy(() -> new Trainer().run(inputs(spec, samples), out, ProgressListener.NONE,
                CheckpointListener.NONE)).isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("at step 2").hasMessageContaining("step-1 is kept")
                .satisfies(e -> assertThat(((TrainingDivergedException) e).step()).isEqualTo(2));
        assertThat(out.resolve("extension").toFile().list()).containsExactly("step-1");
    }

    @Test
    void aPoisonedWeightFailsAtTheFirstStepWithoutWritingACheckpoint() throws IOException {
        Path poisoned = tmp.resolve("poisoned");
        Files.createDirectories(poisoned);
        for (String f : List.of("config.json", "tokenizer.json")) {
            Files.copy(base.resolve(f), poisoned.resolve(f));
        }
        try (SafetensorsFile weights = SafetensorsFile.open(base.resolve("model.safetensors"))) {
            dev.longrecipe.trainer.testing.Weights.copyWithNaN(weights, poisoned.resolve("model.safetensors"),
                    "model.layers.0.mlp.down_proj.weight");
        }
        Path samples = TinyTraining.samples(tmp.resolve("samples"), 1, 2, 40, L_PRIME, 3);
        RunSpec spec = TinyTraining.spec("{replayFraction: 0, extension: {steps: 3, batchSize: 1}}");
        Path out = tmp.resolve("out");
        assertThatThrownBy(() -> new Trainer().run(new TrainerInputs(spec, poisoned, samples, null, L, L_PRIME), out,
                ProgressListener.NONE, CheckpointListener.NONE)).isInstanceOf(TrainingDivergedException.class)
                .hasMessageContaining("at step 1: loss is NaN").hasMessageContaining("no checkpoint");
        assertThat(out.resolve("extension").toFile().list()).isEmpty();
    }

    static RunSpec withExtensionLr(RunSpec s, double lr) {
        TrainingPhase e = s.trainer().extension();
        TrainingPhase hot = new TrainingPhase(e.steps(), e.batchSize(), e.microBatchSize(), lr, e.schedule(),
                e.warmupSteps(), e.minLrRatio(), e.weightDecay(), e.beta1(), e.beta2(), e.eps(), e.clipNorm());
        TrainerParams t = s.trainer();
        TrainerParams params = new TrainerParams(hot, t.replay(), t.replayFraction(), t.replayBlockLength(),
                t.ropeTheta(), t.ropeFactor(), t.recompute(), t.checkpointEvery(), t.keepLast(), t.shuffleSeed());
        return new RunSpec(s.runId(), s.baseModel(), s.referenceModel(), s.corpus(), s.replayCorpus(),
                s.contextLength(), s.targetLength(), s.method(), s.seed(), s.analyzer(), s.segmenter(), params,
                s.merger(), s.evaluator());
    }

    static List<JsonNode> logLines(Path out) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : Files.readAllLines(out.resolve(TrainingLog.FILE))) {
            nodes.add(json.readTree(line));
        }
        return nodes;
    }
}
