package dev.longrecipe.schema;

import java.util.regex.Pattern;

/**
 * Object layout in the bucket. A run lives under {@code runs/<runId>/}; each stage attempt under
 * {@code runs/<runId>/<stage>/<attempt>/} and is never overwritten once completed.
 */
public final class ObjectKeys {
    /**
     * Run ids become a key segment ({@code runs/<runId>/}), so they are held to a conservative pattern: no '/', no
     * '.', no upper case, nothing empty — a run id can never name a key outside its own run's prefix.
     */
    public static final String RUN_ID_PATTERN = "[a-z0-9][a-z0-9-]{0,62}";
    private static final Pattern RUN_ID = Pattern.compile(RUN_ID_PATTERN);

    /** The platform's default bucket. */
    public static final String DEFAULT_BUCKET = "longrecipe";
    /** Written last by the stage runtime: the completion event of the attempt, as JSON. */
    public static final String COMPLETED_MARKER = "_completed.json";
    /** Written when an attempt starts: which input event claimed it. */
    public static final String CLAIM_MARKER = "_attempt.json";

    private ObjectKeys() {
    }

    /**
     * Returns {@code runId} if it matches {@link #RUN_ID_PATTERN}; refuses anything else (empty, '/', '..', an
     * absolute path, upper case, over 63 characters) naming the pattern and an example.
     */
    public static String validateRunId(String runId) {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            String why = runId == null || runId.isEmpty() ? "is empty"
                    : runId.contains("/") || runId.contains("..") ? "could name a key outside runs/<runId>/"
                    : "does not match " + RUN_ID_PATTERN;
            throw new IllegalArgumentException("run id '" + (runId == null ? "" : runId) + "' " + why + ": use 1-63"
                    + " lower-case letters, digits and '-', starting with a letter or digit (pattern " + RUN_ID_PATTERN
                    + ", e.g. 'llama3-80k-1')");
        }
        return runId;
    }

    /** Whether {@code runId} is a valid run id ({@link #RUN_ID_PATTERN}). */
    public static boolean isValidRunId(String runId) {
        return runId != null && RUN_ID.matcher(runId).matches();
    }

    public static String run(String runId) {
        return "runs/" + validateRunId(runId) + "/";
    }

    public static String spec(String runId) {
        return run(runId) + "spec.json";
    }

    public static String stage(String runId, Stage stage) {
        return run(runId) + stage.id() + "/";
    }

    public static String attempt(String runId, Stage stage, int attempt) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempt numbers start at 1, got " + attempt);
        }
        return stage(runId, stage) + attempt + "/";
    }

    public static String completed(String runId, Stage stage, int attempt) {
        return attempt(runId, stage, attempt) + COMPLETED_MARKER;
    }

    public static String claim(String runId, Stage stage, int attempt) {
        return attempt(runId, stage, attempt) + CLAIM_MARKER;
    }

    /** Parses the attempt number out of a key below {@link #stage}, or -1 if the key is not inside an attempt. */
    public static int attemptOf(String runId, Stage stage, String key) {
        String prefix = stage(runId, stage);
        if (!key.startsWith(prefix)) {
            return -1;
        }
        String rest = key.substring(prefix.length());
        int slash = rest.indexOf('/');
        String number = slash < 0 ? rest : rest.substring(0, slash);
        try {
            return Integer.parseInt(number);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
