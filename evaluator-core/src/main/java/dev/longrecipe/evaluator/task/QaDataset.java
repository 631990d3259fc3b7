package dev.longrecipe.evaluator.task;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A QA data set read the way RULER's {@code qa.py} reads it: every distinct document, sorted, and the answerable
 * questions in file order, each with its gold documents and (SQuAD) the other paragraphs of its article.
 *
 * <ul>
 * <li>SQuAD v2 dev json ({@code {"data": [{"paragraphs": [{"context", "qas": [{"question", "answers": [{"text"}],
 * "is_impossible"}]}]}]}}): documents are paragraph contexts; impossible questions are left out; references are all
 * answer texts.</li>
 * <li>HotpotQA dev distractor json ({@code [{"question", "answer", "context": [[title, [sentence, …]], …]}]}):
 * a document is {@code title + "\n" + sentences joined with nothing}; every context document of a question is gold.</li>
 * </ul>
 * No data set can be downloaded here; the tests use a few hand-made records of these shapes.
 *
 * @param questions the answerable questions, in file order
 * @param documents every distinct document, sorted
 */
record QaDataset(List<Question> questions, List<String> documents) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param gold indexes into {@link #documents()} of the question's own documents
     * @param more indexes of further documents RULER adds before random ones (SQuAD: the article's other paragraphs)
     */
    record Question(String query, List<String> answers, List<Integer> gold, List<Integer> more) {
    }

    enum Kind {
        SQUAD("SQuAD v2 dev json"), HOTPOTQA("HotpotQA dev distractor json");

        final String fileDescription;

        Kind(String fileDescription) {
            this.fileDescription = fileDescription;
        }
    }

    static QaDataset read(Kind kind, Path file) {
        JsonNode root;
        try {
            root = JSON.readTree(Files.newInputStream(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the " + kind.fileDescription + " " + file + ": "
                    + e.getMessage(), e);
        }
        QaDataset set = kind == Kind.SQUAD ? squad(root) : hotpot(root);
        if (set.questions().isEmpty()) {
            throw new IllegalArgumentException(file + " has no answerable question; is it a "
                    + kind.fileDescription + "?");
        }
        return set;
    }

    private static QaDataset squad(JsonNode root) {
        TreeSet<String> docs = new TreeSet<>();
        for (JsonNode article : root.path("data")) {
            for (JsonNode p : article.path("paragraphs")) {
                docs.add(p.path("context").asText());
            }
        }
        List<String> sorted = List.copyOf(docs);
        Map<String, Integer> index = indexOf(sorted);
        List<Question> questions = new ArrayList<>();
        for (JsonNode article : root.path("data")) {
            List<Integer> articleDocs = new ArrayList<>();
            for (JsonNode p : article.path("paragraphs")) {
                articleDocs.add(index.get(p.path("context").asText()));
            }
            for (JsonNode p : article.path("paragraphs")) {
                int own = index.get(p.path("context").asText());
                List<Integer> more = articleDocs.stream().filter(i -> i != own).toList();
                for (JsonNode qa : p.path("qas")) {
                    if (qa.path("is_impossible").asBoolean(false)) {
                        continue;
                    }
                    List<String> answers = new ArrayList<>();
                    qa.path("answers").forEach(a -> answers.add(a.path("text").asText()));
                    questions.add(new Question(qa.path("question").asText(), List.copyOf(answers), List.of(own),
                            more));
                }
            }
        }
        return new QaDataset(questions, sorted);
    }

    private static QaDataset hotpot(JsonNode root) {
        TreeSet<String> docs = new TreeSet<>();
        for (JsonNode d : root) {
            for (JsonNode c : d.path("context")) {
                docs.add(hotpotDocument(c));
            }
        }
        List<String> sorted = List.copyOf(docs);
        Map<String, Integer> index = indexOf(sorted);
        List<Question> questions = new ArrayList<>();
        for (JsonNode d : root) {
            List<Integer> gold = new ArrayList<>();
            for (JsonNode c : d.path("context")) {
                gold.add(index.get(hotpotDocument(c)));
            }
            questions.add(new Question(d.path("question").asText(), List.of(d.path("answer").asText()),
                    List.copyOf(gold), List.of()));
        }
        return new QaDataset(questions, sorted);
    }

    /** {@code f"{title}\n{''.join(sentences)}"}. */
    private static String hotpotDocument(JsonNode titleAndSentences) {
        StringBuilder s = new StringBuilder(titleAndSentences.get(0).asText()).append('\n');
        titleAndSentences.get(1).forEach(x -> s.append(x.asText()));
        return s.toString();
    }

    private static Map<String, Integer> indexOf(List<String> sorted) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < sorted.size(); i++) {
            index.put(sorted.get(i), i);
        }
        return index;
    }
}
