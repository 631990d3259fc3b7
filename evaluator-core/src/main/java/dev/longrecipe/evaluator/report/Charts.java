package dev.longrecipe.evaluator.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** PNG output shared by the charts; AWT runs headless (servers and CI have no display). */
final class Charts {
    static final int WIDTH = 900;
    static final int HEIGHT = 520;
    /** Colours of models with other names, in the order they are given. */
    static final Color[] MODEL_COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
            new Color(0xC44E52), new Color(0x8172B3), new Color(0x937860)};
    /** The pipeline's models keep their colour in every chart and every run. */
    private static final java.util.Map<String, Color> NAMED = java.util.Map.of("base", new Color(0x4C72B0),
            "extended", new Color(0xDD8452), "replay", new Color(0x8172B3), "merged", new Color(0x55A868));

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    static Path save(JFreeChart chart, Path png) {
        return save(chart, png, WIDTH, HEIGHT);
    }

    static Path save(JFreeChart chart, Path png, int width, int height) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot plot && plot.getRenderer() instanceof XYLineAndShapeRenderer) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(0xDDDDDD));
            plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        }
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, width, height);
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + png + ": " + e.getMessage(), e);
        }
    }

    /** A dashed vertical line at the base model's window L, labelled, so "beyond L" reads at a glance. */
    static void markWindow(XYPlot plot, int window) {
        org.jfree.chart.plot.ValueMarker m = new org.jfree.chart.plot.ValueMarker(window, Color.GRAY,
                new java.awt.BasicStroke(1.5f, java.awt.BasicStroke.CAP_BUTT, java.awt.BasicStroke.JOIN_MITER, 10f,
                        new float[]{4f, 4f}, 0f));
        m.setLabel("L = " + window);
        m.setLabelFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.PLAIN, 12));
        m.setLabelAnchor(org.jfree.chart.ui.RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(org.jfree.chart.ui.TextAnchor.BOTTOM_LEFT);
        m.setLabelBackgroundColor(new Color(255, 255, 255, 220));
        m.setLabelPaint(Color.DARK_GRAY);
        plot.addDomainMarker(m);
    }

    /** base blue, extended orange, replay purple, merged green; other names by position. */
    static Color modelColor(String name, int i) {
        return NAMED.getOrDefault(name, MODEL_COLORS[i % MODEL_COLORS.length]);
    }
}
