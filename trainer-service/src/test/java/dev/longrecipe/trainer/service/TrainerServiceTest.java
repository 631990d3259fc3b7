package dev.longrecipe.trainer.service;

import static dev.longrecipe.testsupport.StackClient.readText;
import static dev.longrecipe.testsupport.StackClient.store;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.longrecipe.testsupport.LocalStackResource;
import dev.longrecipe.testsupport.StackClient;
import dev.longrecipe.model.config.ModelConfig;
import dev.longrecipe.schema.Json;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.Event;
import dev.longrecipe.schema.events.EventHeader;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.RerunDirectives;
import dev.longrecipe.schema.events.SamplesReady;
import dev.longrecipe.draw.SamplesManifest;
import dev.longrecipe.draw.SegmenterSettings;
import dev.longrecipe.shards.Document;
import dev.longrecipe.shards.SampleSource;
import dev.longrecipe.shards.SampleShardWriter;
import dev.longrecipe.shards.ShardFormat;
import dev.longrecipe.shards.ShardSummary;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trainer service on the real broker and S3 server: samples.ready in, checkpoints in S3 as they are written,
 * checkpoint.ready out for each of them, the replay phase's final one last (what the merger consumes).
 */
@QuarkusTest
@QuarkusTestResource(LocalStackResource.class)
class TrainerServiceTest {
    private static final Duration WAIT = Duration.ofMinutes(4);
    private static final Path FIXTURES = Path.of(System.getProperty("longrecipe.fixtures"));
    private static final int L_PRIME = 256;
    private static final String TRAINING_LOG = "training-log.jsonl";

    @TempDir
    Path tmp;

    @jakarta.inject.Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    @Test
    void samplesReadyTrainsBothPhasesUploadsCheckpointsAndAnnouncesThemOnce() throws Exception {
        Event<SamplesReady> ready = submitRun("train", 1);
        String runId = ready.header().runId();
        String inputs = "inputs/" + runId + "/";

        StackClient.publish(Topics.SAMPLES_READY, runId, ready);
        List<Event<CheckpointReady>> events = awaitCheckpoints(runId,
                e -> "replay".equals(e.phase()) && e.phaseComplete());

        String attempt = ObjectKeys.attempt(runId, Stage.TRAINER, 1);
        assertThat(events).extracting(Event::payload).extracting(e -> e.phase() + ":" + e.step() + ":" + e.phaseComplete())
                .startsWith("extension:2:false", "extension:4:true");
        CheckpointReady last = events.get(events.size() - 1).payload();
        assertThat(last.checkpointKey()).isEqualTo(attempt + "replay/final/");
        assertThat(last.baseModelKey()).isEqualTo(inputs + "base/");
        assertThat(last.extendedModelKey()).isEqualTo(attempt + "extension/final/");
        assertThat(events.get(events.size() - 1).header().lineage()).containsEntry("segmenter", 1).containsEntry("trainer", 1);
        assertThat(last.tokens()).isPositive();

        Path extended = store().downloadFolder(last.extendedModelKey(), tmp.resolve("extended"));
        ModelConfig config = ModelConfig.read(extended.resolve("config.json"));
        assertThat(config.maxPositionEmbeddings()).isEqualTo(L_PRIME);
        assertThat(config.rope().theta()).isGreaterThan(10_000.0);
        assertThat(store().exists(last.checkpointKey() + "model.safetensors")).isTrue();
        assertThat(store().exists(attempt + "training-log.jsonl")).isTrue();
        assertThat(store().listFolders(attempt + "extension/")).containsExactly(attempt + "extension/final/");
        assertThat(store().exists(ObjectKeys.completed(runId, Stage.TRAINER, 1))).isTrue();

        assertThat(store().exists(attempt + "_announced.json")).isTrue();
        assertThat(store().list(attempt + "_announced/")).as("each intermediate checkpoint's announcement recorded")
                .hasSize(events.size() - 1);
        double duplicates = duplicates();
        StackClient.publish(Topics.SAMPLES_READY, runId, ready); // a redelivery: no second training, nothing re-sent
        await().atMost(WAIT).until(() -> duplicates() > duplicates);
        assertThat(readText(Topics.CHECKPOINT_READY, runId)).hasSize(events.size());
        assertThat(store().listFolders(ObjectKeys.stage(runId, Stage.TRAINER))).containsExactly(attempt);
    }

    /**
     * An attempt that died after its first checkpoint (simulated: everything of a finished attempt but that checkpoint
     * and the training log removed) is re-run as {@code longrecipe rerun RUN trainer} publishes it: the new attempt
     * copies the durable checkpoint, resumes from it and ends with the very weights of the uninterrupted attempt.
     */
    @Test
    void aRerunResumesFromTheDurableCheckpointsOfTheAttemptThatDiedToTheSameWeights() throws Exception {
        Event<SamplesReady> ready = submitRun("resume", 10);
        String runId = ready.header().runId();
        StackClient.publish(Topics.SAMPLES_READY, runId, ready);
        String first = ObjectKeys.attempt(runId, Stage.TRAINER, 1);
        awaitCheckpoints(runId, e -> e.checkpointKey().startsWith(first + "replay/") && e.phaseComplete());
        byte[] uninterrupted = store().getBytes(first + "replay/final/model.safetensors");
        for (String key : store().list(first)) {
            if (!key.startsWith(first + "extension/step-2/") && !key.equals(first + TRAINING_LOG)) {
                store().deletePrefix(key);
            }
        }

        StackClient.publish(Topics.SAMPLES_READY, runId, ready.asRerun(Events.newId(),
                Map.of(RerunDirectives.RESUME_FROM_ATTEMPT, "1"), false));
        String second = ObjectKeys.attempt(runId, Stage.TRAINER, 2);
        awaitCheckpoints(runId, e -> e.checkpointKey().startsWith(second + "replay/") && e.phaseComplete());

        assertThat(stepsUpTo(2, store().getText(second + TRAINING_LOG))).as("steps 1–2 were not trained again: their"
                + " log lines, times included, are the first attempt's").hasSize(2)
                .isEqualTo(stepsUpTo(2, store().getText(first + TRAINING_LOG)));
        assertThat(store().getBytes(second + "replay/final/model.safetensors"))
                .as("resumed weights equal the uninterrupted attempt's").isEqualTo(uninterrupted);
    }

    /**
     * A run's inputs in S3 (the fixture model as base, KJV lines as replay corpus, 6 samples of 77 tokens over
     * L′ = 256) and its spec (4 extension steps, a checkpoint every 2, {@code keepLast}); returns the segmenter's
     * completion that starts the trainer, not yet published.
     */
    private Event<SamplesReady> submitRun(String name, int keepLast) throws Exception {
        String runId = StackClient.newRunId(name);
        String inputs = "inputs/" + runId + "/";
        uploadBaseModel(inputs + "base/");
        store().putText(inputs + "replay.jsonl", kjvLines(300));
        StackClient.submitSpec(runId, "baseModel: " + inputs + "base\ncorpus: " + inputs + "replay.jsonl\n"
                + "replayCorpus: " + inputs + "replay.jsonl\ncontextLength: 64\ntargetLength: " + L_PRIME + "\n"
                + "trainer: {checkpointEvery: 2, keepLast: " + keepLast + ", replayFraction: 0.5,"
                + " extension: {steps: 4, batchSize: 2, lr: 1.0e-3}, replay: {batchSize: 2, lr: 1.0e-4}}\n");
        String samplesKey = ObjectKeys.attempt(runId, Stage.SEGMENTER, 1) + "samples/";
        uploadSamples(samplesKey, 2, 3, 77);
        return new Event<>(EventHeader.of(runId, 1, Map.of("analyzer", 1, "segmenter", 1), false),
                SamplesReady.builder().manifestKey(samplesKey + "manifest.json").statsKey(samplesKey + "stats.json")
                        .method("longrecipe").samples(6).tokens(6 * 77).build());
    }

    /** The training log's lines of extension steps 1…{@code last}. */
    private static List<String> stepsUpTo(int last, String log) {
        return log.lines().filter(line -> {
            com.fasterxml.jackson.databind.JsonNode node;
            try {
                node = Json.MAPPER.readTree(line);
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return "step".equals(node.path("type").asText()) && "extension".equals(node.path("phase").asText())
                    && node.path("step").asInt() <= last;
        }).toList();
    }

    private double duplicates() {
        var counter = registry.find("longrecipe.stage.duplicates").counter();
        return counter == null ? 0 : counter.count();
    }

    private static List<Event<CheckpointReady>> awaitCheckpoints(String runId,
            java.util.function.Predicate<CheckpointReady> until) {
        return await().atMost(WAIT).until(
                () -> readText(Topics.CHECKPOINT_READY, runId).stream()
                        .map(j -> Events.<CheckpointReady>parse(Topics.CHECKPOINT_READY, j)).toList(),
                l -> l.stream().map(Event::payload).anyMatch(until));
    }

    /** The transformers fixture llama-default (vocab 512) with a byte-level tokenizer.json (ids 0…255). */
    private void uploadBaseModel(String key) throws Exception {
        Path base = Files.createDirectories(tmp.resolve("base"));
        Path fixture = FIXTURES.resolve("hf-reference/llama-default");
        for (String f : List.of("config.json", "generation_config.json", "model.safetensors")) {
            Files.copy(fixture.resolve(f), base.resolve(f));
        }
        try (var in = getClass().getResourceAsStream("/byte-level-tokenizer.json")) {
            Files.copy(in, base.resolve("tokenizer.json"));
        }
        store().uploadFolder(base, key);
    }

    /**
     * Sample shards as the segmenter writes them (sample sources: spans of random ids in sentences, drawn as
     * "longrecipe-random" samples of {@code length} tokens starting with the fixture's BOS) and their manifest.
     */
    private void uploadSamples(String key, int shards, int perShard, int length) {
        Path dir = tmp.resolve("samples");
        SegmenterSettings settings = SegmenterSettings.builder().method("longrecipe-random").baseWindow(64)
                .targetLength(L_PRIME).ratio((double) length / L_PRIME).seed(3).anchorRule("digits").bosTokenId(1)
                .coverageBuckets(64).build();
        Random random = new Random(3);
        List<ShardSummary> written = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
            Path file = dir.resolve(ShardFormat.shardFileName(s));
            try (SampleShardWriter w = SampleShardWriter.forSources(mkdirs(file), length, L_PRIME)) {
                for (int i = 0; i < perShard; i++) {
                    int[] ids = random.ints(L_PRIME, 3, 250).toArray();
                    int[] starts = java.util.stream.IntStream.rangeClosed(0, L_PRIME / 8).map(j -> 8 * j).toArray();
                    w.write(new SampleSource(new Document((long) s * perShard + i, ids, starts,
                            new boolean[starts.length - 1]), 0));
                }
                w.close();
                written.add(w.summary());
            }
        }
        SamplesManifest.write(dir, settings, written, Map.of());
        store().uploadFolder(dir, key);
    }

    private static Path mkdirs(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return file;
    }

    private static String kjvLines(int verses) throws Exception {
        StringBuilder jsonl = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(new GZIPInputStream(
                Files.newInputStream(Path.of(System.getProperty("longrecipe.kjv")))), StandardCharsets.UTF_8))) {
            String line;
            for (int i = 0; i < verses && (line = in.readLine()) != null; i++) {
                jsonl.append(Json.write(Map.of("text", line.substring(line.indexOf(' ') + 1)))).append('\n');
            }
        }
        return jsonl.toString();
    }
}
