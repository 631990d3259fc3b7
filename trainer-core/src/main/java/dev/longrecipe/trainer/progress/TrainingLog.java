package dev.longrecipe.trainer.progress;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.longrecipe.schema.TrainingStep;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code <out>/training-log.jsonl}: one JSON object per line, appended and flushed as training goes; the evaluator's
 * report draws its training curves from it. Every line has {@code "type"} and {@code "time"} (ISO-8601 UTC).
 * <ul>
 *   <li>{@code "type":"step"} — one per optimizer step: {@code phase} (extension | replay), {@code step}
 *       (1-based within the phase), {@code steps} (the phase's total), {@code fraction}, {@code tokens} (tokens
 *       trained on in the phase so far), {@code loss} (mean next-token cross entropy of the step's batch),
 *       {@code lr}, {@code gradNorm} (global norm before clipping), {@code tokensPerSecond}, {@code etaSeconds}
 *       (time left in the phase; NaN is written as null).</li>
 *   <li>{@code "type":"checkpoint"} — {@code phase}, {@code step}, {@code tokens}, {@code loss},
 *       {@code phaseComplete}, {@code path} (relative to the output folder).</li>
 *   <li>{@code "type":"phase"} — a phase starts: {@code phase}, {@code steps}, {@code ropeTheta},
 *       {@code maxPositionEmbeddings}, {@code resumedFromStep} (0 for a fresh start).</li>
 * </ul>
 * Each line is appended with its own write (open, append, close), so a line is on disk as soon as it is written and
 * the log holds no open file between steps.
 * When a run resumes from a checkpoint, lines describing steps after that checkpoint (the work lost in the crash,
 * which is redone) are dropped first, so each (phase, step) appears once and the curves have no doubled segments.
 */
public final class TrainingLog {
    public static final String FILE = "training-log.jsonl";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> FIELDS = new TypeReference<>() { };
    private static final List<String> PHASES = List.of("extension", "replay");

    private final Path file;

    private TrainingLog(Path file) {
        this.file = file;
    }

    /**
     * Opens the log of {@code outDir}, keeping only lines up to (phase, step) = the checkpoint training resumes
     * from ({@code resumePhase} null: a fresh start, the log is emptied).
     */
    public static TrainingLog open(Path outDir, String resumePhase, long resumeStep) {
        Path file = outDir.resolve(FILE);
        try {
            Files.createDirectories(outDir);
            List<String> kept = new ArrayList<>();
            if (resumePhase != null && Files.exists(file)) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    if (!line.isBlank() && keep(line, resumePhase, resumeStep)) {
                        kept.add(line);
                    }
                }
            }
            Path temp = outDir.resolve(FILE + ".tmp");
            Files.write(temp, kept, StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return new TrainingLog(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open training log " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean keep(String line, String resumePhase, long resumeStep) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (IOException e) {
            return false; // a line cut short by a kill
        }
        int phase = PHASES.indexOf(node.path("phase").asText());
        int limit = PHASES.indexOf(resumePhase);
        if (phase != limit) {
            return phase < limit;
        }
        String type = node.path("type").asText();
        if ("phase".equals(type)) {
            return resumeStep > 0; // a phase restarted from its beginning writes its "phase" line again
        }
        return node.path("step").asLong() <= resumeStep;
    }

    /** The fields of a {@code "type":"step"} line, in the order they are written. */
    record StepLine(String phase, long step, long steps, double fraction, long tokens, double loss, double lr,
                    double gradNorm, double tokensPerSecond, double etaSeconds) {
    }

    /** A {@code "type":"checkpoint"} line; {@code path} is relative to the output folder. */
    public record CheckpointLine(String phase, long step, long tokens, double loss, boolean phaseComplete,
                                 String path) {
    }

    /** A {@code "type":"phase"} line: a phase starts ({@code resumedFromStep} 0 for a fresh start). */
    public record PhaseLine(String phase, long steps, double ropeTheta, int maxPositionEmbeddings,
                            long resumedFromStep) {
    }

    /** Appends the {@code "type":"step"} line of one optimizer step. */
    public void appendStep(TrainingStep step) {
        append("step", new StepLine(step.phase(), step.step(), step.steps(), step.fraction(), step.tokens(),
                step.loss(), step.lr(), step.gradNorm(), step.tokensPerSecond(), step.etaSeconds()));
    }

    public void appendCheckpoint(CheckpointLine checkpoint) {
        append("checkpoint", checkpoint);
    }

    public void appendPhase(PhaseLine phase) {
        append("phase", phase);
    }

    /** One line: {@code type}, the record's fields in their order, the time; non-finite numbers are written as null. */
    private void append(String type, Record fields) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("type", type);
        line.putAll(JSON.convertValue(fields, FIELDS));
        line.put("time", Instant.now().toString());
        line.replaceAll((k, v) -> v instanceof Double d && !Double.isFinite(d) ? null : v);
        try {
            Files.writeString(file, JSON.writeValueAsString(line) + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to training log " + file + ": " + e.getMessage(), e);
        }
    }
}
