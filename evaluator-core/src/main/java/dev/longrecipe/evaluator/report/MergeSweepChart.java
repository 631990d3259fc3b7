package dev.longrecipe.evaluator.report;

import dev.longrecipe.evaluator.results.MergeSweep;
import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.TreeSet;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The merge sweep's trade-off against λ_base: NIAH at each length (solid lines, left axis) and short-text perplexity
 * (dashed black, right axis, with the rule's bound dotted); the picked λ is marked.
 */
public final class MergeSweepChart {
    private MergeSweepChart() {
    }

    public static Path render(MergeSweep sweep, Path png) {
        XYSeriesCollection niah = new XYSeriesCollection();
        XYLineAndShapeRenderer scores = new XYLineAndShapeRenderer(true, true);
        TreeSet<Integer> lengths = new TreeSet<>();
        sweep.points().forEach(p -> lengths.addAll(p.niah().keySet()));
        int series = 0;
        for (int length : lengths) {
            XYSeries s = new XYSeries("NIAH at " + length);
            for (MergeSweep.Point p : sweep.points()) {
                Double score = p.niah().get(length);
                if (score != null) {
                    s.add(p.lambdaBase(), score);
                }
            }
            niah.addSeries(s);
            scores.setSeriesPaint(series, Charts.MODEL_COLORS[series % Charts.MODEL_COLORS.length]);
            scores.setSeriesStroke(series++, new BasicStroke(length == sweep.niahLength() ? 3f : 1.8f));
        }
        JFreeChart chart = ChartFactory.createXYLineChart("Merge sweep: retrieval and perplexity against λ_base",
                "λ_base (share of the base model: 0 = the trained model, 1 = the base)", "NIAH score (0–100)", niah,
                PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setRenderer(0, scores);
        plot.getRangeAxis().setRange(-2, 102);
        plot.getDomainAxis().setRange(-0.05, 1.05); // a pick at 0 or 1 stays visible

        XYSeriesCollection ppl = new XYSeriesCollection();
        XYSeries curve = new XYSeries("short-text perplexity");
        XYSeries bound = new XYSeries(String.format("perplexity bound (base × %.2f)", 1 + sweep.maxPerplexityRise()));
        for (MergeSweep.Point p : sweep.points()) {
            curve.add(p.lambdaBase(), p.shortPerplexity());
            bound.add(p.lambdaBase(), sweep.basePerplexity() * (1 + sweep.maxPerplexityRise()));
        }
        ppl.addSeries(curve);
        ppl.addSeries(bound);
        NumberAxis pplAxis = new NumberAxis("short-text perplexity");
        pplAxis.setAutoRangeIncludesZero(false);
        plot.setRangeAxis(1, pplAxis);
        plot.setDataset(1, ppl);
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer pplRenderer = new XYLineAndShapeRenderer(true, true);
        pplRenderer.setSeriesPaint(0, Color.BLACK);
        pplRenderer.setSeriesStroke(0, new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[]{6f, 4f}, 0f));
        pplRenderer.setSeriesPaint(1, Color.GRAY);
        pplRenderer.setSeriesShapesVisible(1, false);
        pplRenderer.setSeriesStroke(1, new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
                new float[]{2f, 3f}, 0f));
        plot.setRenderer(1, pplRenderer);
        if (sweep.pick() != null) {
            ValueMarker m = new ValueMarker(sweep.pick(), new Color(0x55A868), new BasicStroke(2f));
            m.setLabel("picked λ_base = " + MergeSweep.fmt(sweep.pick()));
            m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.TOP_RIGHT);
            m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.TOP_LEFT);
            plot.addDomainMarker(m);
        }
        return Charts.save(chart, png);
    }
}
