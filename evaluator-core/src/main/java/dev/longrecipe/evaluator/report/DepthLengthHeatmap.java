package dev.longrecipe.evaluator.report;

import dev.longrecipe.evaluator.results.BenchmarkResults.GridCell;
import dev.longrecipe.evaluator.results.BenchmarkResults.ModelResults;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.LookupPaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYZDataset;

import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * The classic needle-in-a-haystack picture for one needle task: the share (0–100) of asked-for needles retrieved, for
 * each needle depth row (rows, 0 % = start of the context) and length (columns), red for missed, green for found,
 * with the score written in each cell.
 */
public final class DepthLengthHeatmap {
    /** Smaller than the other charts: the report shows the models' heatmaps two to a row. */
    static final int WIDTH = 600;
    static final int HEIGHT = 440;
    private DepthLengthHeatmap() {
    }

    public static Path render(ModelResults model, String task, Path png) {
        List<GridCell> cells = model.depthGrid(task);
        if (cells.isEmpty()) {
            throw new IllegalArgumentException("model '" + model.name() + "' has no " + task + " results to draw");
        }
        List<Integer> lengths = List.copyOf(new TreeSet<>(cells.stream().map(GridCell::length).toList()));
        List<Double> depths = List.copyOf(new TreeSet<>(cells.stream().map(GridCell::depth).toList()));
        double[][] xyz = new double[3][cells.size()];
        XYPlot plot = new XYPlot();
        for (int i = 0; i < cells.size(); i++) {
            GridCell c = cells.get(i);
            xyz[0][i] = lengths.indexOf(c.length());
            xyz[1][i] = depths.indexOf(c.depth());
            xyz[2][i] = c.score();
            XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, "%.0f", c.score()),
                    xyz[0][i], xyz[1][i]);
            label.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            plot.addAnnotation(label);
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(task, xyz);

        SymbolAxis x = new SymbolAxis("context length (tokens)",
                lengths.stream().map(String::valueOf).toArray(String[]::new));
        SymbolAxis y = new SymbolAxis("needle depth",
                depths.stream().map(d -> String.format(Locale.ROOT, "%.0f%%", d * 100)).toArray(String[]::new));
        y.setInverted(true);
        LookupPaintScale scale = scale();
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        plot.setDataset(data);
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        plot.setRenderer(renderer);
        plot.setBackgroundPaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);

        JFreeChart chart = new JFreeChart(model.name() + ": " + task + " by depth × length",
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.addSubtitle(new TextTitle("max_position_embeddings " + model.maxPositionEmbeddings(),
                new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        NumberAxis legendAxis = new NumberAxis("score");
        legendAxis.setRange(0, 100);
        PaintScaleLegend legend = new PaintScaleLegend(scale, legendAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(4, 4, 40, 4);
        chart.addSubtitle(legend);
        return Charts.save(chart, png, WIDTH, HEIGHT);
    }

    /** Red (0) through yellow (50) to green (100). */
    static LookupPaintScale scale() {
        LookupPaintScale s = new LookupPaintScale(0, 100.0001, Color.GRAY);
        for (int v = 0; v <= 100; v += 5) {
            float t = v / 100f;
            Color c = t < 0.5f
                    ? new Color(0.85f, 0.25f + 1.3f * t, 0.25f)
                    : new Color(0.85f - 1.3f * (t - 0.5f), 0.9f, 0.25f + 0.3f * (t - 0.5f));
            s.add(v, c);
        }
        return s;
    }
}
