package dev.mnemo.benchmarks.harness;

import dev.mnemo.benchmarks.JvmFlags;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The results as text for a terminal: what ran, on what, the table (with ratios when comparing), the verdict. */
public final class TextReport {
    private TextReport() {
    }

    public static String render(RunResult r) {
        StringBuilder sb = new StringBuilder();
        header(sb, r);
        sb.append('\n');
        table(sb, r);
        sb.append('\n');
        rounds(sb, r);
        details(sb, r);
        machine(sb, r);
        verdict(sb, r);
        return sb.toString();
    }

    private static void header(StringBuilder sb, RunResult r) {
        BenchConfig c = r.config();
        sb.append("mnemo bench — workload ").append(c.workload().cliName()).append(": ").append(c.workload().mix())
                .append('\n');
        line(sb, "data", c.data());
        if (!c.workload().startsEmpty()) {
            line(sb, "keys", c.distribution().description());
        }
        line(sb, "driver", c.driver());
        line(sb, "rounds", c.rounds() + " per target, each " + c.runLength()
                + (r.baseline() != null ? "; subject and baseline alternate (ABBA)" : "")
                + "; read consistency " + c.consistency() + "; seed " + c.seed());
        for (TargetRun t : r.targets()) {
            line(sb, t.role(), t.label());
            for (String note : t.notes()) {
                line(sb, "", note);
            }
            line(sb, "", t.load());
        }
    }

    private static void line(StringBuilder sb, String key, String value) {
        sb.append(String.format(Locale.ROOT, "  %-9s %s%n", key, value));
    }

    private static void table(StringBuilder sb, RunResult r) {
        List<String[]> rows = new ArrayList<>();
        List<String> header = new ArrayList<>(List.of("op", "target", "ops/s"));
        Comparison.PERCENTILES.forEach(p -> header.add(Comparison.label(p)));
        header.addAll(List.of("max", "conflicts", "errors"));
        rows.add(header.toArray(new String[0]));
        TargetRun subject = r.subject();
        TargetRun baseline = r.baseline();
        Map<OpType, OpStats> sTotals = subject.totals();
        Map<OpType, OpStats> bTotals = baseline == null ? Map.of() : baseline.totals();
        List<OpStats> sRows = new ArrayList<>(sTotals.values());
        List<OpStats> bRows = new ArrayList<>(bTotals.values());
        if (sRows.size() > 1) {
            sRows.add(subject.all());
            if (baseline != null) {
                bRows.add(baseline.all());
            }
        }
        for (int i = 0; i < sRows.size(); i++) {
            OpStats s = sRows.get(i);
            rows.add(statsRow(s.label(), subject.label(), s, subject.elapsedNanos()));
            if (baseline != null) {
                OpStats b = bRows.get(i);
                rows.add(statsRow(b.label(), baseline.label(), b, baseline.elapsedNanos()));
                rows.add(ratioRow(s.label(), Comparison.of(s, subject.elapsedNanos(), b, baseline.elapsedNanos())));
            }
        }
        render(sb, rows);
        if (baseline != null) {
            sb.append("  ratio: throughput = subject / baseline; latency = baseline time / subject time; "
                    + "above 1× the subject is faster\n");
        }
    }

    private static String[] statsRow(String op, String target, OpStats s, long elapsedNanos) {
        List<String> cells = new ArrayList<>(List.of(op, BenchRun.shortLabel(target),
                Format.count(s.throughput(elapsedNanos))));
        for (double p : Comparison.PERCENTILES) {
            cells.add(s.count() == 0 ? "-" : Format.latency(s.percentile(p)));
        }
        cells.add(s.count() == 0 ? "-" : Format.latency(s.max()));
        cells.add(Format.count(s.conflicts()));
        cells.add(Format.count(s.errors()));
        return cells.toArray(new String[0]);
    }

    private static String[] ratioRow(String op, Comparison c) {
        List<String> cells = new ArrayList<>(List.of(op, "ratio", Format.ratio(c.throughput())));
        for (double l : c.latency()) {
            cells.add(Format.ratio(l));
        }
        cells.add(Format.ratio(c.max()));
        cells.add("");
        cells.add("");
        return cells.toArray(new String[0]);
    }

    /** Columns padded to their widest cell: text left-aligned, numbers right-aligned. */
    private static void render(StringBuilder sb, List<String[]> rows) {
        int[] width = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder(" ");
            for (int i = 0; i < row.length; i++) {
                String cell = row[i];
                String pad = " ".repeat(width[i] - cell.length());
                line.append(' ').append(i < 2 ? cell + pad : pad + cell).append(' ');
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
    }

    private static void rounds(StringBuilder sb, RunResult r) {
        if (r.config().rounds() < 2) {
            return;
        }
        sb.append("throughput by round (ops/s, all operations):\n");
        for (TargetRun t : r.targets()) {
            List<Double> tputs = t.roundThroughputs();
            StringBuilder line = new StringBuilder();
            for (double v : tputs) {
                line.append(String.format("%12s", Format.count(v)));
            }
            sb.append(String.format("  %-28s%s   spread (max-min)/mean %.1f%%%n", BenchRun.shortLabel(t.label()),
                    line, t.roundSpread() * 100));
        }
        if (r.baseline() != null) {
            List<Double> ratios = Comparison.roundThroughputRatios(r.subject(), r.baseline());
            StringBuilder line = new StringBuilder();
            for (double v : ratios) {
                line.append(String.format("%12s", Format.ratio(v)));
            }
            sb.append(String.format("  %-28s%s   median %s%n", "ratio", line, Format.ratio(Comparison.median(ratios))));
        }
    }

    private static void details(StringBuilder sb, RunResult r) {
        for (TargetRun t : r.targets()) {
            List<String> lines = new ArrayList<>();
            long retries = t.rounds().stream().mapToLong(RoundResult::internalRetries).filter(v -> v >= 0).sum();
            if (t.rounds().stream().anyMatch(x -> x.internalRetries() > 0)) {
                lines.add(String.format("%,d conflicts resolved inside the target by re-running the transaction "
                        + "(not counted as conflicts above)", retries));
            }
            BankCheck bank = t.lastBankCheck();
            if (bank != null) {
                lines.add("bank: " + (t.bankViolated() ? "VIOLATED in some round; last round: " : "")
                        + bank.describe());
            }
            for (RoundResult round : t.rounds()) {
                for (String e : round.errorSamples()) {
                    lines.add("round " + round.round() + " error: " + e);
                }
            }
            long gcMillis = t.rounds().stream().mapToLong(RoundResult::gcMillis).sum();
            long gcCount = t.rounds().stream().mapToLong(RoundResult::gcCount).sum();
            lines.add(String.format("GC during its rounds (warm-up included): %,d collections, %,d ms", gcCount,
                    gcMillis));
            sb.append(t.label()).append(":\n");
            lines.forEach(l -> sb.append("  ").append(l).append('\n'));
        }
    }

    private static void machine(StringBuilder sb, RunResult r) {
        Environment e = r.environment();
        sb.append("machine: ").append(e.cores()).append(" cores, ").append(e.cpuModel()).append(", ")
                .append(Format.bytes(e.memoryBytes())).append(" RAM; ").append(e.os()).append('\n');
        sb.append("  load average ").append(e.loadAverageAtStart()).append(" at start, ").append(r.loadAverageAtEnd())
                .append(" at end (1/5/15 min)\n");
        sb.append("  JDK ").append(e.jdk()).append(", ").append(e.vm()).append(", max heap ")
                .append(Format.bytes(e.maxHeapBytes())).append('\n');
        sb.append("  JVM flags: ").append(e.missingFlags().isEmpty() ? "all of mnemo.jvm.flags present"
                : "MISSING " + String.join(" ", e.missingFlags()));
        List<String> others = e.jvmArguments().stream().filter(a -> !JvmFlags.all().contains(a)).toList();
        if (!others.isEmpty()) {
            sb.append("; also ").append(String.join(" ", others));
        }
        sb.append('\n');
        if (!r.config().commandLine().isEmpty()) {
            sb.append("  command: mnemo-bench ").append(String.join(" ", r.config().commandLine())).append('\n');
        }
    }

    private static void verdict(StringBuilder sb, RunResult r) {
        for (String w : r.warnings()) {
            sb.append("WARNING: ").append(w).append('\n');
        }
        List<String> problems = r.problems();
        if (problems.isEmpty()) {
            sb.append("verdict: OK\n");
        } else {
            sb.append("verdict: FAILED\n");
            problems.forEach(p -> sb.append("  ").append(p).append('\n'));
        }
    }
}
