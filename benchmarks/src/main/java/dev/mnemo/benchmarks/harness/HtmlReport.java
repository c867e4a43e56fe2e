package dev.mnemo.benchmarks.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One self-contained HTML page for a run: verdict, settings, throughput bars, latency curves, the full table and
 * the machine. Inline CSS and SVG only: no script, no external resource, so it opens anywhere, offline, and can
 * be attached to an issue as is.
 */
public final class HtmlReport {
    private HtmlReport() {
    }

    public static String render(RunResult r) {
        StringBuilder sb = new StringBuilder();
        BenchConfig c = r.config();
        String title = "mnemo bench — workload " + c.workload().cliName() + ": " + String.join(" vs ",
                r.targets().stream().map(TargetRun::label).toList());
        sb.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(Svg.esc(title)).append("</title>\n<style>").append(CSS).append("</style></head><body>\n");
        sb.append("<h1>").append(Svg.esc(title)).append("</h1>\n");
        verdict(sb, r);
        settings(sb, r);
        sb.append("<h2>Throughput</h2>\n<p class=\"small\">Bars: every round together (successful operations / "
                + "measured time); dots: one round each, so that the spread shows.").append(roundRatios(r))
                .append("</p>\n<div class=\"chart\">").append(throughputChart(r)).append("</div>\n");
        sb.append("<h2>Latency</h2>\n<p class=\"small\">").append(c.rate() > 0
                ? "Measured from each operation's intended start at the fixed rate (coordinated omission corrected)."
                : c.inFlight() > 0 ? "Closed loop of " + c.clients() + " asynchronous clients: measured from each "
                + "operation's submission to its answer."
                : "Closed loop: measured from each operation's actual start (service time).")
                .append(" Successful operations only; warm-up excluded.</p>\n<div class=\"grid\">");
        for (String svg : latencyCharts(r)) {
            sb.append("<div class=\"chart\">").append(svg).append("</div>");
        }
        sb.append("</div>\n<h2>Numbers</h2>\n");
        sb.append("<pre>").append(Svg.esc(TextReport.render(r))).append("</pre>\n");
        sb.append("</body></html>\n");
        return sb.toString();
    }

    private static void verdict(StringBuilder sb, RunResult r) {
        List<String> problems = r.problems();
        sb.append("<div class=\"verdict ").append(problems.isEmpty() ? "ok\">Valid run" : "bad\">FAILED");
        for (String p : problems) {
            sb.append("<br>").append(Svg.esc(p));
        }
        sb.append("</div>\n");
        for (String w : r.warnings()) {
            sb.append("<div class=\"verdict warn\">").append(Svg.esc(w)).append("</div>\n");
        }
    }

    private static void settings(StringBuilder sb, RunResult r) {
        BenchConfig c = r.config();
        Environment e = r.environment();
        sb.append("<table class=\"kv\">");
        kv(sb, "workload", c.workload().cliName() + ": " + c.workload().mix());
        kv(sb, "data", c.data());
        if (!c.workload().startsEmpty()) {
            kv(sb, "keys", c.distribution().description());
        }
        kv(sb, "driver", c.driver());
        kv(sb, "rounds", c.rounds() + " per target, each " + c.runLength()
                + (r.baseline() != null ? "; subject and baseline alternate (ABBA)" : "") + "; seed " + c.seed());
        for (TargetRun t : r.targets()) {
            kv(sb, t.role(), "<b style=\"color:" + Svg.COLORS[r.targets().indexOf(t) % 2] + "\">"
                    + Svg.esc(t.label()) + "</b><br>" + String.join("<br>",
                    t.notes().stream().map(Svg::esc).toList()) + "<br>" + Svg.esc(t.load()), true);
        }
        kv(sb, "machine", e.cores() + " cores, " + e.cpuModel() + ", " + Format.bytes(e.memoryBytes()) + " RAM, "
                + e.os() + "; load average " + e.loadAverageAtStart() + " → " + r.loadAverageAtEnd());
        kv(sb, "JVM", e.jdk() + ", " + e.vm() + ", max heap " + Format.bytes(e.maxHeapBytes())
                + (e.missingFlags().isEmpty() ? "; mnemo.jvm.flags all present" : "; MISSING "
                + String.join(" ", e.missingFlags())));
        kv(sb, "started", e.startedAt() + " (finished " + r.finishedAt() + ")");
        sb.append("</table>\n");
    }

    private static void kv(StringBuilder sb, String key, String value) {
        kv(sb, key, Svg.esc(value), true);
    }

    private static void kv(StringBuilder sb, String key, String html, boolean escaped) {
        sb.append("<tr><th>").append(Svg.esc(key)).append("</th><td>").append(html).append("</td></tr>");
    }

    private static String roundRatios(RunResult r) {
        if (r.baseline() == null) {
            return "";
        }
        List<Double> ratios = Comparison.roundThroughputRatios(r.subject(), r.baseline());
        return " Subject/baseline throughput round by round: " + String.join(", ",
                ratios.stream().map(Format::ratio).toList()) + " (median " + Format.ratio(Comparison.median(ratios))
                + ").";
    }

    private static String throughputChart(RunResult r) {
        List<String> groups = new ArrayList<>();
        for (OpStats s : r.subject().totals().values()) {
            groups.add(s.label());
        }
        boolean withAll = groups.size() > 1;
        if (withAll) {
            groups.add("all");
        }
        List<Svg.Series> series = new ArrayList<>();
        for (TargetRun t : r.targets()) {
            series.add(series(t, withAll));
        }
        String[] ratios = null;
        if (r.baseline() != null) {
            ratios = new String[groups.size()];
            for (int g = 0; g < groups.size(); g++) {
                double rt = series.get(0).values()[g] / series.get(1).values()[g];
                ratios[g] = Format.ratio(rt);
            }
        }
        return Svg.throughputBars(groups, series, ratios);
    }

    private static Svg.Series series(TargetRun t, boolean withAll) {
        List<OpStats> stats = new ArrayList<>(t.totals().values());
        if (withAll) {
            stats.add(t.all());
        }
        double[] values = new double[stats.size()];
        double[][] rounds = new double[stats.size()][t.rounds().size()];
        for (int g = 0; g < stats.size(); g++) {
            values[g] = stats.get(g).throughput(t.elapsedNanos());
            for (int i = 0; i < t.rounds().size(); i++) {
                RoundResult round = t.rounds().get(i);
                OpStats rs = stats.get(g).op() == null ? round.all() : round.ops().get(stats.get(g).op());
                rounds[g][i] = rs == null ? 0 : rs.throughput(round.elapsedNanos());
            }
        }
        return new Svg.Series(t.label(), values, rounds);
    }

    private static List<String> latencyCharts(RunResult r) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<OpType, OpStats> e : r.subject().totals().entrySet()) {
            List<Svg.Curve> curves = new ArrayList<>();
            for (TargetRun t : r.targets()) {
                OpStats s = t.totals().get(e.getKey());
                curves.add(new Svg.Curve(t.label(), s == null ? List.of() : Curves.of(s.latencyNanos())));
            }
            out.add(Svg.latencyCurves(e.getKey().label(), curves));
        }
        return out;
    }

    private static final String CSS = String.join("\n",
            "body{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:24px auto;",
            "max-width:1180px;padding:0 16px;color:#111;background:#fafafa}",
            "h1{font-size:22px;margin:0 0 12px}h2{font-size:17px;margin:26px 0 8px}",
            ".verdict{padding:8px 12px;border-radius:6px;margin:6px 0;font-weight:600}",
            ".ok{background:#dcfce7;color:#14532d}.bad{background:#fee2e2;color:#7f1d1d}",
            ".warn{background:#fef3c7;color:#78350f;font-weight:500}",
            "table.kv{border-collapse:collapse;font-size:13px;margin-top:10px}",
            "table.kv th{text-align:left;vertical-align:top;padding:4px 14px 4px 0;color:#555;font-weight:500}",
            "table.kv td{padding:4px 0}",
            ".chart{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:6px;display:inline-block}",
            ".grid{display:flex;flex-wrap:wrap;gap:12px}.small{font-size:13px;color:#555}",
            "pre{background:#fff;border:1px solid #e5e7eb;border-radius:6px;padding:12px;font-size:12px;",
            "overflow-x:auto}");
}
