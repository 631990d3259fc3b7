package dev.longrecipe.evaluator.report;

import dev.longrecipe.evaluator.results.BenchmarkResults.Bucket;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.List;

/**
 * Perplexity of long texts by position bucket (bucket midpoint on x), one line per model; the title names the text
 * (held-out text, or the haystack corpus).
 */
public final class PerplexityChart {
    private PerplexityChart() {
    }

    /**
     * @param text   what the texts are (results.json's settings.perplexityText), or {@code null}
     * @param window the base model's window L (a marker), or 0 for none
     */
    public static Path render(List<ModelResults> models, String text, int window, Path png) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int m = 0; m < models.size(); m++) {
            XYSeries s = new XYSeries(models.get(m).name());
            for (Bucket b : models.get(m).perplexity().buckets()) {
                s.add((b.fromPosition() + b.toPosition()) / 2.0, b.perplexity());
            }
            data.addSeries(s);
            renderer.setSeriesPaint(m, Charts.modelColor(models.get(m).name(), m));
            renderer.setSeriesStroke(m, new BasicStroke(2.5f));
        }
        String title = "Perplexity by position" + (text == null ? "" : " — " + text.replaceFirst(" \\(.*$", ""));
        JFreeChart chart = ChartFactory.createXYLineChart(title,
                "position (bucket midpoint)", "perplexity", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setRenderer(renderer);
        if (window > 0) {
            Charts.markWindow(chart.getXYPlot(), window);
        }
        ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        return Charts.save(chart, png);
    }
}
