package dev.longrecipe.cli.chaos;

import dev.longrecipe.cli.run.RunClient;
import dev.longrecipe.evaluator.results.BenchmarkResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.SampleOutcome;
import dev.longrecipe.runtime.TopicReader;
import dev.longrecipe.schema.ObjectKeys;
import dev.longrecipe.schema.Stage;
import dev.longrecipe.schema.Topics;
import dev.longrecipe.schema.events.CheckpointReady;
import dev.longrecipe.schema.events.Events;
import dev.longrecipe.schema.events.Event;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What a run left behind, read back from the broker and the bucket, and checked for what faults must never cause:
 * a stage with more than one attempt or none completed, a completion announced other than exactly once, a checkpoint
 * announced twice, a dead-lettered or failed event of the run. The fault suite audits its run with this and compares
 * {@link #objectKeys} and the results with a fault-free run's.
 */
public final class RunAudit {
    private final RunClient client;
    private final String runId;

    public RunAudit(RunClient client, String runId) {
        this.client = client;
        this.runId = runId;
    }

    /** The problems found; empty when the run came through clean. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            List<Integer> attempts = client.attempts(runId, stage);
            if (attempts.size() != 1) {
                problems.add(stage.id() + " has attempts " + attempts + " (expected exactly one)");
                continue;
            }
            int attempt = attempts.get(0);
            String completedKey = ObjectKeys.completed(runId, stage, attempt);
            if (!client.store().exists(completedKey)) {
                problems.add(stage.id() + " attempt " + attempt + " has no " + ObjectKeys.COMPLETED_MARKER);
                continue;
            }
            String completionId = Events.parse(stage.outputTopic(), client.store().getText(completedKey)).header()
                    .eventId();
            List<Event<?>> published = events(stage.outputTopic());
            long announced = published.stream().filter(e -> e.header().eventId().equals(completionId)).count();
            if (announced != 1) {
                problems.add(stage.id() + " attempt " + attempt + ": its completion " + completionId + " was published "
                        + announced + " times (expected once)");
            }
            if (stage == Stage.TRAINER) {
                Map<String, Long> perCheckpoint = published.stream()
                        .filter(e -> e.payload() instanceof CheckpointReady c && !c.lastOfRun())
                        .collect(Collectors.groupingBy(e -> ((CheckpointReady) e.payload()).checkpointKey(),
                                Collectors.counting()));
                perCheckpoint.forEach((key, n) -> {
                    if (n != 1) {
                        problems.add("checkpoint " + key + " was announced " + n + " times (expected once)");
                    }
                });
            }
            long parked = keyed(stage.deadLetterTopic()).size();
            if (parked > 0) {
                problems.add(parked + " message(s) of this run are on " + stage.deadLetterTopic());
            }
        }
        long failed = keyed(Topics.STAGE_FAILED).size();
        if (failed > 0) {
            problems.add(failed + " stage.failed event(s) for this run");
        }
        return problems;
    }

    /** Every object key of the run, relative to {@code runs/<run>/}, sorted. */
    public TreeSet<String> objectKeys() {
        String prefix = ObjectKeys.run(runId);
        return withoutServerTempFiles(client.store().list(prefix).stream().map(k -> k.substring(prefix.length()))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    private static final java.util.regex.Pattern TEMP_FILE = java.util.regex.Pattern.compile(
            "(.+)-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    /**
     * The keys without the local S3 server's own leftovers: S3Proxy's filesystem store writes an object to
     * {@code <key>-<uuid>} and renames it, so an S3 killed mid-PUT leaves that file, listed as an object, next to the
     * key the stage wrote again once S3 was back. Such a key is dropped only when {@code <key>} itself is there.
     */
    static TreeSet<String> withoutServerTempFiles(TreeSet<String> keys) {
        TreeSet<String> kept = new TreeSet<>();
        for (String key : keys) {
            java.util.regex.Matcher m = TEMP_FILE.matcher(key);
            if (!(m.matches() && keys.contains(m.group(1)))) {
                kept.add(key);
            }
        }
        return kept;
    }

    private List<Event<?>> events(String topic) {
        return keyed(topic).stream().<Event<?>>map(r -> Events.parse(topic, r.value())).toList();
    }

    private List<ConsumerRecord<String, String>> keyed(String topic) {
        return TopicReader.readAll(client.stack().kafkaBootstrap(), topic).stream()
                .filter(r -> runId.equals(r.key())).toList();
    }

    /**
     * Where two evaluations of the same spec and seed differ: per model, the task scores, the perplexity curve, the
     * short-context perplexity and every sample's output (sources are left out: they name the run).
     */
    public static List<String> resultDifferences(BenchmarkResults expected, BenchmarkResults actual) {
        List<String> out = new ArrayList<>();
        for (ModelResults want : expected.models()) {
            ModelResults got = actual.models().stream().filter(m -> m.name().equals(want.name())).findFirst()
                    .orElse(null);
            if (got == null) {
                out.add(want.name() + ": not evaluated");
                continue;
            }
            compare(out, want.name() + " task scores", want.tasks(), got.tasks());
            compare(out, want.name() + " perplexity by position", want.perplexity(), got.perplexity());
            compare(out, want.name() + " short-context perplexity", want.shortContext(), got.shortContext());
            compare(out, want.name() + " answers", want.samples().stream().map(SampleOutcome::output).toList(),
                    got.samples().stream().map(SampleOutcome::output).toList());
        }
        return out;
    }

    private static void compare(List<String> out, String what, Object expected, Object actual) {
        if (!Objects.equals(expected, actual)) {
            out.add(what + " differ: " + abbreviate(expected) + " vs " + abbreviate(actual));
        }
    }

    private static String abbreviate(Object value) {
        String text = String.valueOf(value);
        return text.length() <= 160 ? text : text.substring(0, 157) + "...";
    }

    /** Keys in one set and not the other, as "+key" (only in {@code actual}) and "-key" (only in {@code expected}). */
    public static List<String> keyDifferences(TreeSet<String> expected, TreeSet<String> actual) {
        List<String> out = new ArrayList<>();
        actual.stream().filter(k -> !expected.contains(k)).map(k -> "+" + k).forEach(out::add);
        expected.stream().filter(k -> !actual.contains(k)).map(k -> "-" + k).forEach(out::add);
        return out;
    }
}
