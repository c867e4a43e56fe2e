package dev.mnemo.benchmarks.harness;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The charts of a run as one PNG (XChart): a title line, throughput bars on top, then a latency-by-percentile
 * chart per operation type, two to a row.
 */
public final class PngReport {
    private static final int WIDTH = 1000;
    private static final int BAR_HEIGHT = 400;
    private static final int CURVE_WIDTH = WIDTH / 2;
    private static final int CURVE_HEIGHT = 340;
    private static final int TITLE_HEIGHT = 80;
    private static final Color[] COLORS = {Color.decode(Svg.COLORS[0]), Color.decode(Svg.COLORS[1])};

    private PngReport() {
    }

    public static void write(RunResult r, Path file) throws IOException {
        BufferedImage image = render(r);
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (!ImageIO.write(image, "png", file.toFile())) {
            throw new IOException("no PNG writer in this JVM");
        }
    }

    static BufferedImage render(RunResult r) {
        BufferedImage bars = BitmapEncoder.getBufferedImage(throughput(r));
        List<BufferedImage> curves = new ArrayList<>();
        for (OpType op : r.subject().totals().keySet()) {
            curves.add(BitmapEncoder.getBufferedImage(latency(r, op)));
        }
        int rows = (curves.size() + 1) / 2;
        BufferedImage out = new BufferedImage(WIDTH, TITLE_HEIGHT + BAR_HEIGHT + rows * CURVE_HEIGHT,
                BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        g.setColor(Color.BLACK);
        BenchConfig c = r.config();
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        fitted(g, "mnemo bench — workload " + c.workload().cliName() + ": " + String.join(" vs ",
                r.targets().stream().map(TargetRun::label).toList()), 22);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        fitted(g, c.workload().mix() + "; " + c.data(), 40);
        fitted(g, c.driver() + "; " + c.rounds() + " round(s) per target, each " + c.runLength(), 55);
        String ratio = "";
        if (r.baseline() != null) {
            List<Double> byRound = Comparison.roundThroughputRatios(r.subject(), r.baseline());
            ratio = "subject/baseline throughput " + Format.ratio(r.subject().all().throughput(
                    r.subject().elapsedNanos()) / r.baseline().all().throughput(r.baseline().elapsedNanos()))
                    + " (median round " + Format.ratio(Comparison.median(byRound)) + "); ";
        }
        fitted(g, ratio + r.environment().cores() + " cores, " + r.environment().cpuModel() + "; verdict: "
                + (r.problems().isEmpty() ? "OK" : "FAILED"), 70);
        g.drawImage(bars, 0, TITLE_HEIGHT, null);
        for (int i = 0; i < curves.size(); i++) {
            g.drawImage(curves.get(i), (i % 2) * CURVE_WIDTH, TITLE_HEIGHT + BAR_HEIGHT + (i / 2) * CURVE_HEIGHT,
                    null);
        }
        g.dispose();
        return out;
    }

    /** Draws a line of text at the left margin, cut with an ellipsis where it would leave the image. */
    private static void fitted(Graphics2D g, String text, int y) {
        int widthMax = WIDTH - 24;
        String s = text;
        if (g.getFontMetrics().stringWidth(s) > widthMax) {
            while (s.length() > 1 && g.getFontMetrics().stringWidth(s + "…") > widthMax) {
                s = s.substring(0, s.length() - 1);
            }
            s += "…";
        }
        g.drawString(s, 12, y);
    }

    private static CategoryChart throughput(RunResult r) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(BAR_HEIGHT)
                .title("Throughput (operations per second, higher is better)").yAxisTitle("ops/s").build();
        CategoryStyler st = chart.getStyler();
        st.setSeriesColors(COLORS);
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotGridVerticalLinesVisible(false);
        st.setyAxisTickLabelsFormattingFunction(Svg::compact);
        st.setLabelsVisible(true);
        st.setLabelsPosition(0.98);
        st.setLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setAvailableSpaceFill(0.6);
        st.setYAxisMin(0.0);
        boolean withAll = r.subject().totals().size() > 1;
        for (TargetRun t : r.targets()) {
            List<String> groups = new ArrayList<>();
            List<Double> values = new ArrayList<>();
            for (OpStats s : t.totals().values()) {
                groups.add(s.label());
                values.add(s.throughput(t.elapsedNanos()));
            }
            if (withAll) {
                groups.add("all");
                values.add(t.all().throughput(t.elapsedNanos()));
            }
            chart.addSeries(BenchRun.shortLabel(t.label()), groups, values);
        }
        return chart;
    }

    /**
     * Both axes are logarithmic, drawn as linear axes over log10 values (XChart's own log axes ignore tick label
     * formatters): x = log10(1 / (1 − p)), y = log10(nanoseconds). The axes span whole decades and the tick
     * spacing makes the ticks fall on them when there is room. XChart also labels a few ticks beyond both ends
     * and keeps widening the spacing until every label is distinct, so those get distinct (never drawn) labels.
     */
    private static XYChart latency(RunResult r, OpType op) {
        XYChart chart = new XYChartBuilder().width(CURVE_WIDTH).height(CURVE_HEIGHT)
                .title(op.label() + ": latency by percentile (lower is better)").xAxisTitle("percentile")
                .build();
        XYStyler st = chart.getStyler();
        st.setSeriesColors(COLORS);
        st.setLegendPosition(Styler.LegendPosition.InsideNW);
        st.setChartBackgroundColor(Color.WHITE);
        st.setxAxisTickLabelsFormattingFunction(x -> x < 0 ? String.valueOf(x) : percentileLabel(Math.pow(10, x)));
        st.setyAxisTickLabelsFormattingFunction(y -> y < 0 ? String.valueOf(y) : Format.latencyTick(Math.pow(10, y)));
        st.setXAxisTickMarkSpacingHint(CURVE_WIDTH / 7);
        st.setYAxisTickMarkSpacingHint(CURVE_HEIGHT / 7);
        st.setXAxisMin(0.0);
        st.setXAxisMax(Math.log10(1 / (1 - Curves.PERCENTILE_MAX / 100)));
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (TargetRun t : r.targets()) {
            Map<OpType, OpStats> totals = t.totals();
            List<Curves.Point> points = totals.containsKey(op) ? Curves.of(totals.get(op).latencyNanos()) : List.of();
            if (points.isEmpty()) {
                continue;
            }
            double[] x = new double[points.size()];
            double[] y = new double[points.size()];
            for (int i = 0; i < points.size(); i++) {
                x[i] = points.get(i).x();
                y[i] = Math.log10(Math.max(1, points.get(i).nanos()));
                lo = Math.min(lo, y[i]);
                hi = Math.max(hi, y[i]);
            }
            XYSeries s = chart.addSeries(BenchRun.shortLabel(t.label()), x, y);
            s.setMarker(SeriesMarkers.NONE);
            s.setLineWidth(2.5f);
        }
        if (hi > 0) {
            st.setYAxisMin(Math.floor(lo));
            st.setYAxisMax(Math.max(Math.floor(lo) + 1, Math.ceil(hi)));
        }
        return chart;
    }

    /** x = 1 / (1 − p): 1 → 0%, 10 → 90%, 100 → 99%, 1000 → 99.9%. */
    static String percentileLabel(double x) {
        double p = 100 * (1 - 1 / x);
        if (p < 1e-9) {
            return "0%";
        }
        String s = String.format(Locale.ROOT, "%.4f", p);
        int end = s.length();
        while (s.charAt(end - 1) == '0') {
            end--;
        }
        return (s.charAt(end - 1) == '.' ? s.substring(0, end - 1) : s.substring(0, end)) + "%";
    }
}
