package dev.longrecipe.evaluator.report;

import dev.longrecipe.evaluator.task.BenchmarkTasks;
import dev.longrecipe.evaluator.results.BenchmarkResults.LengthScore;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import dev.longrecipe.evaluator.results.BenchmarkResults.TaskScore;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.nio.file.Path;
import java.util.List;

/**
 * Score by context length, one colour per model: NIAH(M) as solid lines and niah_single_2 as dashed lines, so the
 * base, extended, replay and merged models can be compared at a glance (does the score hold up to L′?).
 */
public final class ScoreByLengthChart {
    private ScoreByLengthChart() {
    }

    public static Path render(List<ModelResults> models, Path png) {
        return render(models, 0, png);
    }

    /** @param window the base model's window L (a marker), or 0 for none */
    public static Path render(List<ModelResults> models, int window, Path png) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int series = 0;
        for (int m = 0; m < models.size(); m++) {
            ModelResults model = models.get(m);
            if (!model.niahM().isEmpty()) {
                XYSeries s = new XYSeries(model.name() + " NIAH(M)");
                for (LengthScore l : model.niahM()) {
                    s.add(l.length(), l.score());
                }
                data.addSeries(s);
                renderer.setSeriesPaint(series, Charts.modelColor(model.name(), m));
                renderer.setSeriesStroke(series++, new BasicStroke(2.5f));
            }
            XYSeries single = new XYSeries(model.name() + " " + BenchmarkTasks.HEADLINE_SINGLE);
            for (TaskScore t : model.tasks()) {
                if (t.task().equals(BenchmarkTasks.HEADLINE_SINGLE)) {
                    single.add(t.length(), t.score());
                }
            }
            if (single.getItemCount() > 0) {
                data.addSeries(single);
                renderer.setSeriesPaint(series, Charts.modelColor(model.name(), m));
                renderer.setSeriesStroke(series++, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                        10f, new float[]{6f, 4f}, 0f));
            }
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Needle retrieval by context length",
                "context length (tokens)", "score (string_match_all ×100)", data, PlotOrientation.VERTICAL, true,
                false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(renderer);
        plot.getRangeAxis().setRange(-2, 102);
        if (window > 0) {
            Charts.markWindow(plot, window);
        }
        return Charts.save(chart, png);
    }
}
