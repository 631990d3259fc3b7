package dev.longrecipe.evaluator.task;

import dev.longrecipe.evaluator.score.Metric;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * RULER's qa ({@code qa.py}): qa_1 on SQuAD, qa_2 on HotpotQA. Sample i asks question i of the data set; its context
 * is its gold documents, then (SQuAD) the other paragraphs of its article, then random other documents, as many as fit,
 * shuffled and written "Document 1:\n…" joined by blank lines. Expected: the question's answers; scored by
 * {@code string_match_part} (any one answer); budget 32 tokens. The data set file is the spec's
 * evaluator.qaDatasets.&lt;task&gt;; without it {@link #samples} throws {@link MissingQaDatasetException}.
 */
final class QaTask extends RulerTask {
    private final QaDataset.Kind kind;

    QaTask(String name, QaDataset.Kind kind) {
        super(new About(name, "question answering over " + (kind == QaDataset.Kind.SQUAD ? "SQuAD" : "HotpotQA")
                + " documents with distractor documents", 32, Metric.STRING_MATCH_PART, false,
                List.of("document count found per sample by exact token count (RULER finds it once on question 0 in"
                                + " steps of 10 and steps down per sample)",
                        "document order: RULER's shuffle by a fixed seed, here the run seed and the task",
                        "question i of the file wraps around when samplesPerTask exceeds the answerable questions")));
        this.kind = kind;
    }

    @Override
    public List<TaskSample> samples(TaskContext ctx, int length) {
        Path file = ctx.qaDatasets().get(name());
        if (file == null) {
            throw new MissingQaDatasetException(name(), kind.fileDescription);
        }
        QaDataset data = QaDataset.read(kind, file);
        return eachIndex(ctx, i -> sample(ctx, data, length, i));
    }

    private TaskSample sample(TaskContext ctx, QaDataset data, int length, int index) {
        QaDataset.Question q = data.questions().get(index % data.questions().size());
        long sampleSeed = Seeds.derive(ctx.seed(), name(), length, index);
        long orderSeed = Seeds.derive(ctx.seed(), name(), "document-order");
        int budget = ctx.budgetOf(this);
        int least = q.gold().size();
        java.util.function.IntFunction<String> promptOf = n -> prompt(q, documents(data, q, n,
                new SplittableRandom(Seeds.derive(sampleSeed, n)), orderSeed));
        CountFitter.Fitted fitted = largestCount(ctx, "documents", length, budget, least,
                Math.max(least, data.documents().size()), promptOf,
                "instructions, question and " + least + " gold document" + (least == 1 ? "" : "s"));
        return sampleWithoutNeedles("documents", length, index, fitted.prompt(), fitted.tokens(), budget,
                q.answers());
    }

    /** RULER's document choice for {@code n} documents, shuffled by the fixed seed. */
    static List<String> documents(QaDataset data, QaDataset.Question q, int n, SplittableRandom rng,
                                  long orderSeed) {
        List<Integer> chosen = new ArrayList<>(q.gold());
        if (n < data.documents().size()) {
            if (n - q.gold().size() > q.more().size()) {
                chosen.addAll(q.more());
                Set<Integer> taken = new HashSet<>(chosen);
                List<Integer> others = new ArrayList<>();
                for (int i = 0; i < data.documents().size(); i++) {
                    if (!taken.contains(i)) {
                        others.add(i);
                    }
                }
                chosen.addAll(Shuffles.sample(others, Math.max(0, n - chosen.size()), rng));
            } else {
                chosen.addAll(Shuffles.sample(q.more(), Math.max(0, n - q.gold().size()), rng));
            }
        } else {
            chosen = new ArrayList<>();
            for (int i = 0; i < data.documents().size(); i++) {
                chosen.add(i);
            }
        }
        List<String> docs = new ArrayList<>(chosen.stream().map(data.documents()::get).toList());
        Shuffles.fixedShuffle(docs, orderSeed);
        return docs;
    }

    static String prompt(QaDataset.Question q, List<String> docs) {
        StringBuilder context = new StringBuilder();
        for (int i = 0; i < docs.size(); i++) {
            if (i > 0) {
                context.append("\n\n");
            }
            context.append(RulerTemplate.format(RulerTemplate.QA_DOCUMENT,
                    Map.of("i", Integer.toString(i + 1), "document", docs.get(i))));
        }
        return RulerTemplate.format(RulerTemplate.QA + RulerTemplate.QA_ANSWER,
                Map.of("context", context.toString(), "query", q.query()));
    }
}
