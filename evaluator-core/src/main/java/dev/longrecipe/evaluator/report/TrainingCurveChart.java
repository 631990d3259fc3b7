package dev.longrecipe.evaluator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Training loss by step, one line per phase (extension, replay), from the trainer's log: JSON lines (or a JSON
 * array) of objects with numeric {@code step} and {@code loss}; objects with a {@code type} other than "step" are
 * skipped, and a missing {@code phase} counts as "training".
 */
public final class TrainingCurveChart {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingCurveChart() {
    }

    /** The chart, or empty when the log has no step with a loss. */
    public static Optional<Path> render(Path log, Path png) {
        Map<String, XYSeries> byPhase = new LinkedHashMap<>();
        for (JsonNode n : records(log)) {
            if (n.has("type") && !"step".equals(n.get("type").asText())) {
                continue;
            }
            if (!n.path("step").isNumber() || !n.path("loss").isNumber()) {
                continue;
            }
            String phase = n.path("phase").asText("training");
            byPhase.computeIfAbsent(phase, p -> new XYSeries(p, true, true))
                    .addOrUpdate(n.get("step").asDouble(), n.get("loss").asDouble());
        }
        if (byPhase.isEmpty()) {
            return Optional.empty();
        }
        XYSeriesCollection data = new XYSeriesCollection();
        byPhase.values().forEach(data::addSeries);
        JFreeChart chart = ChartFactory.createXYLineChart("Training loss", "step (within phase)",
                "loss (nats/token)", data, PlotOrientation.VERTICAL, true, false, false);
        return Optional.of(Charts.save(chart, png));
    }

    private static List<JsonNode> records(Path log) {
        try {
            String text = Files.readString(log).strip();
            List<JsonNode> out = new ArrayList<>();
            if (text.startsWith("[")) {
                JSON.readTree(text).forEach(out::add);
                return out;
            }
            for (String line : text.split("\\R")) {
                if (line.isBlank()) {
                    continue;
                }
                try {
                    out.add(JSON.readTree(line));
                } catch (IOException e) {
                    // a line cut short by a killed trainer: skip it, the rest of the curve is still good
                }
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read training log " + log + ": " + e.getMessage(), e);
        }
    }
}
