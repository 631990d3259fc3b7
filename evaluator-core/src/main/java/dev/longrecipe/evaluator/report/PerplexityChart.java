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

/** Perplexity of long held-out text by position bucket (bucket midpoint on x), one line per model. */
public final class PerplexityChart {
    private PerplexityChart() {
    }

    public static Path render(List<ModelResults> models, Path png) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int m = 0; m < models.size(); m++) {
            XYSeries s = new XYSeries(models.get(m).name());
            for (Bucket b : models.get(m).perplexity().buckets()) {
                s.add((b.fromPosition() + b.toPosition()) / 2.0, b.perplexity());
            }
            data.addSeries(s);
            renderer.setSeriesPaint(m, Charts.modelColor(m));
            renderer.setSeriesStroke(m, new BasicStroke(2.5f));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Perplexity by position (long held-out text)",
                "position (bucket midpoint)", "perplexity", data, PlotOrientation.VERTICAL, true, false, false);
        chart.getXYPlot().setRenderer(renderer);
        ((org.jfree.chart.axis.NumberAxis) chart.getXYPlot().getRangeAxis()).setAutoRangeIncludesZero(false);
        return Charts.save(chart, png);
    }
}
