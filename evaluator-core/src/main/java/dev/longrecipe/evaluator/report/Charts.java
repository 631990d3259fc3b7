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
    /** One colour per model, in the order models are given (base, extended, merged …). */
    static final Color[] MODEL_COLORS = {new Color(0x4C72B0), new Color(0xDD8452), new Color(0x55A868),
            new Color(0xC44E52), new Color(0x8172B3), new Color(0x937860)};

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {
    }

    static Path save(JFreeChart chart, Path png) {
        chart.setBackgroundPaint(Color.WHITE);
        if (chart.getPlot() instanceof XYPlot plot && plot.getRenderer() instanceof XYLineAndShapeRenderer) {
            plot.setBackgroundPaint(Color.WHITE);
            plot.setDomainGridlinePaint(new Color(0xDDDDDD));
            plot.setRangeGridlinePaint(new Color(0xDDDDDD));
        }
        try {
            ChartUtils.saveChartAsPNG(png.toFile(), chart, WIDTH, HEIGHT);
            return png;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write chart " + png + ": " + e.getMessage(), e);
        }
    }

    static Color modelColor(int i) {
        return MODEL_COLORS[i % MODEL_COLORS.length];
    }
}
