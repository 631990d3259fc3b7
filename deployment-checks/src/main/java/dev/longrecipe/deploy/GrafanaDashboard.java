package dev.longrecipe.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** A Grafana dashboard JSON file: its panels' PromQL queries and the metrics they read. */
public final class GrafanaDashboard {
    private final JsonNode root;

    private GrafanaDashboard(JsonNode root) {
        this.root = root;
    }

    public static GrafanaDashboard read(Path file) {
        try {
            JsonNode root = new ObjectMapper().readTree(file.toFile());
            if (root == null || !root.path("panels").isArray()) {
                throw new IllegalArgumentException(file + " is not a Grafana dashboard: no 'panels' array");
            }
            return new GrafanaDashboard(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file + " as JSON: " + e.getMessage(), e);
        }
    }

    public String uid() {
        return root.path("uid").asText();
    }

    /** Panel title → its PromQL expressions, for every panel that queries (rows excluded). */
    public Map<String, List<String>> queriesByPanel() {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (JsonNode panel : root.path("panels")) {
            if ("row".equals(panel.path("type").asText())) {
                continue;
            }
            List<String> exprs = new ArrayList<>();
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            out.put(panel.path("title").asText(), exprs);
        }
        return out;
    }

    public Set<String> metricNames() {
        Set<String> names = new TreeSet<>();
        queriesByPanel().values().forEach(exprs -> exprs.forEach(e -> names.addAll(PromQl.metricNames(e))));
        return names;
    }
}
