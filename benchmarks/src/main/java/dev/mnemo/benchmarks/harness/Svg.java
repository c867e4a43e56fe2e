package dev.mnemo.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The two charts of the HTML report as inline SVG, drawn here without any script: throughput bars (one group
 * per operation type, one bar per target, a dot per round) and latency-by-percentile curves (log-log, one small
 * chart per operation type).
 */
final class Svg {
    static final String[] COLORS = {"#1f6feb", "#e8590c"};
    private static final String GRID = "#e5e7eb";
    private static final String FONT = "font-family=\"system-ui,-apple-system,Segoe UI,Helvetica,Arial,sans-serif\"";

    private Svg() {
    }

    /** One target's bars: a value per group and the per-round values behind it. */
    record Series(String name, double[] values, double[][] rounds) {
    }

    static String throughputBars(List<String> groups, List<Series> series, String[] ratioLabels) {
        int width = 760;
        int height = 340;
        int left = 78;
        int right = 20;
        int top = 40;
        int bottom = 66;
        double max = 0;
        for (Series s : series) {
            for (int g = 0; g < groups.size(); g++) {
                max = Math.max(max, s.values()[g]);
                for (double v : s.rounds()[g]) {
                    max = Math.max(max, v);
                }
            }
        }
        double[] ticks = niceTicks(max);
        double yMax = ticks[ticks.length - 1];
        int plotH = height - top - bottom;
        int plotW = width - left - right;
        StringBuilder sb = open(width, height, "Throughput by operation type");
        text(sb, left, 22, "Throughput (operations per second, higher is better)", 14, "start", "#111", true);
        for (double t : ticks) {
            double y = top + plotH - t / yMax * plotH;
            line(sb, left, y, width - right, y, GRID, 1);
            text(sb, left - 8, y + 4, compact(t), 11, "end", "#555", false);
        }
        double groupW = plotW / (double) groups.size();
        double barW = Math.min(90, groupW * 0.7 / series.size());
        for (int g = 0; g < groups.size(); g++) {
            double groupX = left + g * groupW + (groupW - barW * series.size()) / 2;
            for (int s = 0; s < series.size(); s++) {
                Series sr = series.get(s);
                double v = sr.values()[g];
                double h = v / yMax * plotH;
                double x = groupX + s * barW;
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\" rx=\"2\"><title>%s %s: %s ops/s</title></rect>", x + 2, top + plotH - h,
                        barW - 4, h, COLORS[s % COLORS.length], esc(sr.name()), esc(groups.get(g)), Format.count(v)));
                double highest = v;
                for (double rv : sr.rounds()[g]) {
                    highest = Math.max(highest, rv);
                }
                text(sb, x + barW / 2, top + plotH - highest / yMax * plotH - 7, compact(v), 11, "middle", "#111",
                        false);
                for (double rv : sr.rounds()[g]) {
                    double ry = top + plotH - rv / yMax * plotH;
                    sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"2.6\" fill=\"#fff\" "
                            + "stroke=\"#111\" stroke-width=\"1\"><title>round: %s ops/s</title></circle>",
                            x + barW / 2, ry, Format.count(rv)));
                }
            }
            text(sb, left + g * groupW + groupW / 2, top + plotH + 18, groups.get(g), 12, "middle", "#111", true);
            if (ratioLabels != null) {
                text(sb, left + g * groupW + groupW / 2, top + plotH + 33, "subject/baseline " + ratioLabels[g], 11,
                        "middle", "#555", false);
            }
        }
        line(sb, left, top + plotH, width - right, top + plotH, "#111", 1);
        legend(sb, series.stream().map(Series::name).toList(), left, height - 14, true);
        return sb.append("</svg>").toString();
    }

    /** One target's curve on a latency chart. */
    record Curve(String name, List<Curves.Point> points) {
    }

    static String latencyCurves(String title, List<Curve> curves) {
        int width = 560;
        int height = 300;
        int left = 62;
        int right = 34;
        int top = 34;
        int bottom = 64;
        int plotW = width - left - right;
        int plotH = height - top - bottom;
        long lo = Long.MAX_VALUE;
        long hi = 1;
        for (Curve c : curves) {
            for (Curves.Point p : c.points()) {
                lo = Math.min(lo, Math.max(1, p.nanos()));
                hi = Math.max(hi, p.nanos());
            }
        }
        if (lo == Long.MAX_VALUE) {
            lo = 1;
        }
        double yLo = Math.floor(Math.log10(lo));
        double yHi = Math.max(yLo + 1, Math.ceil(Math.log10(hi)));
        double xHi = Math.log10(1 / (1 - Curves.PERCENTILE_MAX / 100));
        StringBuilder sb = open(width, height, title);
        text(sb, left, 20, title + ": latency by percentile (lower is better)", 13, "start", "#111", true);
        for (double d = yLo; d <= yHi + 1e-9; d++) {
            double y = top + plotH - (d - yLo) / (yHi - yLo) * plotH;
            line(sb, left, y, width - right, y, GRID, 1);
            text(sb, left - 6, y + 4, Format.latencyTick(Math.pow(10, d)), 10, "end", "#555", false);
        }
        String[] xLabels = {"0%", "90%", "99%", "99.9%", "99.99%", "99.999%"};
        for (int i = 0; i < xLabels.length; i++) {
            double x = left + i / xHi * plotW;
            line(sb, x, top, x, top + plotH, GRID, 1);
            text(sb, x, top + plotH + 15, xLabels[i], 10, "middle", "#555", false);
        }
        text(sb, left + plotW / 2.0, top + plotH + 30, "percentile", 10, "middle", "#555", false);
        for (int c = 0; c < curves.size(); c++) {
            StringBuilder path = new StringBuilder();
            for (Curves.Point p : curves.get(c).points()) {
                double x = left + p.x() / xHi * plotW;
                double y = top + plotH - (Math.log10(Math.max(1, p.nanos())) - yLo) / (yHi - yLo) * plotH;
                path.append(path.length() == 0 ? "M" : "L").append(String.format(Locale.ROOT, "%.1f,%.1f", x, y));
            }
            if (path.length() > 0) {
                sb.append("<path d=\"").append(path).append("\" fill=\"none\" stroke=\"")
                        .append(COLORS[c % COLORS.length]).append("\" stroke-width=\"2\"/>");
            }
        }
        sb.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#111\"/>", left, top, plotW, plotH));
        legend(sb, curves.stream().map(Curve::name).toList(), left, height - 12, false);
        return sb.append("</svg>").toString();
    }

    private static StringBuilder open(int width, int height, String title) {
        return new StringBuilder(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
                + "width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" %s><title>%s</title>"
                + "<rect width=\"100%%\" height=\"100%%\" fill=\"#fff\"/>", width, height, width, height, FONT,
                esc(title)));
    }

    private static void legend(StringBuilder sb, List<String> names, int x, int y, boolean boxes) {
        double cx = x;
        for (int i = 0; i < names.size(); i++) {
            String color = COLORS[i % COLORS.length];
            if (boxes) {
                sb.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"12\" height=\"12\" "
                        + "fill=\"%s\"/>", cx, y - 10, color));
            } else {
                line(sb, cx, y - 4, cx + 14, y - 4, color, 3);
            }
            String name = BenchRun.shortLabel(names.get(i));
            text(sb, cx + 18, y, name, 11, "start", "#111", false);
            cx += 30 + name.length() * 6.2;
        }
        if (boxes) {
            sb.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%d\" r=\"2.6\" fill=\"#fff\" "
                    + "stroke=\"#111\"/>", cx + 4, y - 4));
            text(sb, cx + 12, y, "one round", 11, "start", "#111", false);
        }
    }

    private static void line(StringBuilder sb, double x1, double y1, double x2, double y2, String color,
                             double width) {
        sb.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" "
                + "stroke-width=\"%.1f\"/>", x1, y1, x2, y2, color, width));
    }

    private static void text(StringBuilder sb, double x, double y, String s, int size, String anchor, String color,
                             boolean bold) {
        sb.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%d\" text-anchor=\"%s\" "
                + "fill=\"%s\"%s>%s</text>", x, y, size, anchor, color, bold ? " font-weight=\"600\"" : "", esc(s)));
    }

    /** 0, then 4-6 round steps covering max. */
    static double[] niceTicks(double max) {
        if (max <= 0) {
            return new double[] {0, 1};
        }
        double raw = max / 5;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = raw / mag <= 1 ? mag : raw / mag <= 2 ? 2 * mag : raw / mag <= 5 ? 5 * mag : 10 * mag;
        int n = (int) Math.ceil(max / step - 1e-9);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i <= Math.max(1, n); i++) {
            out.add(i * step);
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** 1.2M, 412k, 950. */
    static String compact(double v) {
        if (v >= 1e6) {
            return trim(v / 1e6) + "M";
        }
        if (v >= 1e3) {
            return trim(v / 1e3) + "k";
        }
        return trim(v);
    }

    private static String trim(double v) {
        String s = v >= 100 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
        return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
