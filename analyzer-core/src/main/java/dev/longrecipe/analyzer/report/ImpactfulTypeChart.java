package dev.longrecipe.analyzer.report;

import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;
import org.jfree.svg.SVGUtils;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The paper's Figure 4: for each shown token type, its share among impactful tokens against position (solid line
 * with markers), and its share among all tokens there, the base rate (dashed line, same colour). A type whose solid
 * line runs above its dashed line is over-represented where long-context training changed scores most.
 * Rendered without a display ({@code java.awt.headless}).
 */
public final class ImpactfulTypeChart {

    public static final String PNG = "impactful-types.png";
    public static final String SVG = "impactful-types.svg";
    private static final int WIDTH = 900;
    private static final int HEIGHT = 560;
    private static final Paint[] COLOURS = {
            new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
            new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)};

    private ImpactfulTypeChart() {
    }

    /** Writes {@link #PNG} and {@link #SVG} into {@code dir} for {@code shownTypes} (at most 8 are drawn). */
    public static void write(AnalysisReport report, List<String> shownTypes, Path dir) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        JFreeChart chart = chart(report, shownTypes.subList(0, Math.min(COLOURS.length, shownTypes.size())));
        try {
            ChartUtils.saveChartAsPNG(dir.resolve(PNG).toFile(), chart, WIDTH, HEIGHT);
            SVGGraphics2D svg = new SVGGraphics2D(WIDTH, HEIGHT);
            chart.draw(svg, new Rectangle(0, 0, WIDTH, HEIGHT));
            SVGUtils.writeToSVG(dir.resolve(SVG).toFile(), svg.getSVGElement());
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the chart into " + dir, e);
        }
    }

    static JFreeChart chart(AnalysisReport report, List<String> types) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        int series = 0;
        for (int i = 0; i < types.size(); i++) {
            String type = types.get(i);
            String label = label(report, type);
            XYSeries impactful = new XYSeries(label + " (impactful)");
            XYSeries base = new XYSeries(label + " (all tokens)");
            for (AnalysisReport.BucketRow bucket : report.buckets()) {
                if (bucket.tokens() == 0) {
                    continue;
                }
                double x = (bucket.fromPosition() + bucket.toPosition()) / 2.0;
                impactful.add(x, bucket.impactfulShares().getOrDefault(type, 0.0));
                base.add(x, bucket.baseShares().getOrDefault(type, 0.0));
            }
            data.addSeries(impactful);
            data.addSeries(base);
            renderer.setSeriesPaint(series, COLOURS[i]);
            renderer.setSeriesStroke(series, new BasicStroke(2.2f));
            renderer.setSeriesShapesVisible(series, true);
            renderer.setSeriesPaint(series + 1, COLOURS[i]);
            renderer.setSeriesStroke(series + 1, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
                    10f, new float[] {6f, 4f}, 0f));
            renderer.setSeriesShapesVisible(series + 1, false);
            series += 2;
        }
        NumberAxis x = new NumberAxis("token position (bucket centre)");
        NumberAxis y = new NumberAxis("frequency among impactful tokens (solid) / all tokens (dashed)");
        y.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        String title = String.format(Locale.ROOT, "Token types among impactful tokens (top %.0f%% |Δ| per position)",
                report.parameters().topFraction() * 100);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        TextTitle subtitle = new TextTitle(subtitle(report), new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        subtitle.setPosition(RectangleEdge.TOP);
        chart.addSubtitle(subtitle);
        return chart;
    }

    private static String subtitle(AnalysisReport report) {
        String anchors = report.anchorTypes().isEmpty() ? "none stand out" : String.join(", ", report.anchorTypes());
        String models = report.models().baseRopeTheta() == null || report.models().referenceRopeTheta() == null ? ""
                : String.format(Locale.ROOT, "; H θ %.0f vs H′ θ %.0f", report.models().baseRopeTheta(),
                        report.models().referenceRopeTheta());
        return String.format(Locale.ROOT, "%d samples × up to %d tokens, type system %s%s; anchors (%s): %s",
                report.samples().count(), report.parameters().length(), report.typeSystem(), models,
                report.anchorSelection(), anchors);
    }

    private static String label(AnalysisReport report, String type) {
        for (AnalysisReport.TypeRow row : report.types()) {
            if (row.type().equals(type) && row.label() != null) {
                return type + " " + quoted(row.label());
            }
        }
        return type;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
