package dev.longrecipe.segmenter;

import dev.longrecipe.draw.SegmenterSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Words the failure of a run that produced no samples: what the corpus was like and what to change. */
final class UnusableCorpusReason {

    private UnusableCorpusReason() {
    }

    static String explain(Path corpus, SegmenterSettings settings, SegmenterStats stats) {
        String where = settings.partitionCount() > 1
                ? " (partition " + settings.partitionIndex() + " of " + settings.partitionCount() + ")" : "";
        StringBuilder sb = new StringBuilder("no training samples could be made from corpus " + corpus + where + ": ");
        if (stats.documentsRead() == 0) {
            return sb.append("it has no lines; supply a JSONL file with one {\"text\": …} object per line").toString();
        }
        Map<String, Long> bad = stats.badInput();
        List<String> parts = new ArrayList<>();
        parts.add(stats.documentsRead() + " lines read");
        bad.forEach((k, v) -> {
            if (v > 0) {
                parts.add(v + " " + k);
            }
        });
        sb.append(String.join(", ", parts)).append(". ");
        long invalid = bad.get("invalid-json") + bad.get("blank-line");
        if (invalid == stats.documentsRead()) {
            sb.append("Fix: the corpus must be JSONL — one JSON object such as {\"text\": \"…\"} per line.");
        } else if (bad.get("missing-text") > 0 && bad.get("shorter-than-sample") == 0) {
            sb.append("Fix: every object needs a string field \"text\" holding the document.");
        } else if (bad.get("shorter-than-sample") > 0) {
            sb.append("Every tokenised document is shorter than one sample needs (")
                    .append(stats.sampleLength()).append(" tokens for method ").append(settings.method())
                    .append(" at L′ = ").append(settings.targetLength()).append(", ratio ").append(settings.ratio())
                    .append("); the longest has ").append(stats.longestDocumentTokens())
                    .append(" tokens. Fix: supply longer documents (or concatenate related ones), or lower ratio / targetLength.");
        } else if (stats.emptySamples() > 0) {
            sb.append("The released-code selection dropped every sentence (selectRatio ").append(settings.selectRatio())
                    .append("). Fix: lower selectRatio or use documents with anchor sentences.");
        } else {
            sb.append("Fix: supply documents with text.");
        }
        return sb.toString();
    }
}
