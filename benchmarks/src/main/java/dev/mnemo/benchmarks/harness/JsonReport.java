package dev.mnemo.benchmarks.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every number of a run as JSON: settings, machine, per-round and total stats, curves, ratios, verdict. */
public final class JsonReport {
    public static final int SCHEMA_VERSION = 1;

    private JsonReport() {
    }

    public static String render(RunResult r) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("tool", "mnemo bench");
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("ok", r.problems().isEmpty());
        root.put("problems", r.problems());
        root.put("warnings", r.warnings());
        root.put("config", config(r.config()));
        root.put("environment", environment(r));
        List<Object> targets = new ArrayList<>();
        for (TargetRun t : r.targets()) {
            targets.add(target(t));
        }
        root.put("targets", targets);
        if (r.baseline() != null) {
            root.put("comparison", comparison(r.subject(), r.baseline()));
        }
        return Json.render(root);
    }

    private static Map<String, Object> config(BenchConfig c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("target", JdbcTarget.redacted(c.target()));
        m.put("compare", c.compare() == null ? null : JdbcTarget.redacted(c.compare()));
        m.put("workload", c.workload().cliName());
        m.put("mix", c.workload().mix());
        m.put("records", c.records());
        m.put("fields", c.fields());
        m.put("fieldLength", c.fieldChars());
        m.put("distribution", c.distribution().cliName());
        m.put("threads", c.threads());
        m.put("inFlight", c.inFlight() == 0 ? null : c.inFlight());
        m.put("clients", c.clients());
        m.put("durationSeconds", c.duration() == null ? null : c.duration().toMillis() / 1e3);
        m.put("ops", c.opsMax() == 0 ? null : c.opsMax());
        m.put("warmupSeconds", c.warmup().toMillis() / 1e3);
        m.put("rate", c.rate() == 0 ? null : c.rate());
        m.put("driver", c.rate() > 0 ? "fixed-rate" : "closed-loop");
        m.put("clientKind", c.inFlight() > 0 ? "asynchronous" : "blocking");
        m.put("latencyFrom", c.rate() > 0 ? "intended start (coordinated omission corrected)"
                : c.inFlight() > 0 ? "submit" : "actual start");
        m.put("consistency", c.consistency());
        m.put("rounds", c.rounds());
        m.put("roundOrder", "ABBA");
        m.put("seed", c.seed());
        m.put("scanLength", c.scanRowsMax());
        m.put("accounts", c.accounts());
        m.put("tableKind", c.tableKind().cliName());
        m.put("commandLine", c.commandLine());
        return m;
    }

    private static Map<String, Object> environment(RunResult r) {
        Environment e = r.environment();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("jdk", e.jdk());
        m.put("vm", e.vm());
        m.put("os", e.os());
        m.put("cpuModel", e.cpuModel());
        m.put("cores", e.cores());
        m.put("memoryBytes", e.memoryBytes());
        m.put("maxHeapBytes", e.maxHeapBytes());
        m.put("jvmArguments", e.jvmArguments());
        m.put("missingMnemoJvmFlags", e.missingFlags());
        m.put("loadAverageAtStart", e.loadAverageAtStart());
        m.put("loadAverageAtEnd", r.loadAverageAtEnd());
        m.put("startedAt", e.startedAt().toString());
        m.put("finishedAt", r.finishedAt().toString());
        return m;
    }

    private static Map<String, Object> target(TargetRun t) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", t.role());
        m.put("label", t.label());
        m.put("notes", t.notes());
        m.put("load", t.load());
        m.put("elapsedSeconds", t.elapsedNanos() / 1e9);
        m.put("total", ops(t.totals(), t.all(), t.elapsedNanos()));
        m.put("roundThroughputs", t.roundThroughputs());
        List<Object> rounds = new ArrayList<>();
        for (RoundResult r : t.rounds()) {
            rounds.add(round(r));
        }
        m.put("rounds", rounds);
        Map<String, Object> curves = new LinkedHashMap<>();
        for (OpStats s : t.totals().values()) {
            List<Object> points = new ArrayList<>();
            for (Curves.Point p : Curves.of(s.latencyNanos())) {
                points.add(List.of(p.percentile(), p.nanos()));
            }
            curves.put(s.label(), points);
        }
        m.put("latencyCurves", curves);
        return m;
    }

    private static Map<String, Object> round(RoundResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("round", r.round());
        m.put("elapsedSeconds", r.elapsedNanos() / 1e9);
        m.put("ops", ops(r.ops(), r.all(), r.elapsedNanos()));
        m.put("backlog", r.backlog());
        m.put("internalRetries", r.internalRetries() < 0 ? null : r.internalRetries());
        m.put("gcCount", r.gcCount());
        m.put("gcMillis", r.gcMillis());
        if (r.bank() != null) {
            Map<String, Object> bank = new LinkedHashMap<>();
            bank.put("holds", r.bank().holds());
            bank.put("accounts", r.bank().accounts());
            bank.put("expectedTotal", r.bank().expectedTotal());
            bank.put("actualTotal", r.bank().totals().balanceSum());
            bank.put("accountCount", r.bank().totals().accountCount());
            bank.put("negativeAccounts", r.bank().totals().negativeAccounts());
            bank.put("description", r.bank().describe());
            m.put("bank", bank);
        }
        m.put("errorSamples", r.errorSamples());
        return m;
    }

    private static Map<String, Object> ops(Map<OpType, OpStats> byType, OpStats all, long elapsedNanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (OpStats s : byType.values()) {
            m.put(s.label(), stats(s, elapsedNanos));
        }
        m.put(all.label(), stats(all, elapsedNanos));
        return m;
    }

    static Map<String, Object> stats(OpStats s, long elapsedNanos) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", s.count());
        m.put("throughputPerSecond", s.throughput(elapsedNanos));
        m.put("errors", s.errors());
        m.put("conflicts", s.conflicts());
        Map<String, Object> latency = new LinkedHashMap<>();
        if (s.count() > 0) {
            latency.put("min", s.latencyNanos().getMinValue());
            latency.put("mean", s.latencyNanos().getMean());
            for (double p : Comparison.PERCENTILES) {
                latency.put(Comparison.label(p), s.percentile(p));
            }
            latency.put("p99.99", s.percentile(99.99));
            latency.put("max", s.max());
        }
        m.put("latencyNanos", latency);
        return m;
    }

    private static Map<String, Object> comparison(TargetRun subject, TargetRun baseline) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("meaning", "throughputRatio = subject / baseline; latencyRatio = baseline / subject; "
                + "above 1 the subject is better");
        Map<OpType, OpStats> b = baseline.totals();
        for (OpStats s : subject.totals().values()) {
            m.put(s.label(), ratios(Comparison.of(s, subject.elapsedNanos(), b.get(s.op()), baseline.elapsedNanos())));
        }
        m.put("all", ratios(Comparison.of(subject.all(), subject.elapsedNanos(), baseline.all(),
                baseline.elapsedNanos())));
        List<Double> byRound = Comparison.roundThroughputRatios(subject, baseline);
        m.put("roundThroughputRatios", byRound);
        m.put("medianRoundThroughputRatio", Comparison.median(byRound));
        return m;
    }

    private static Map<String, Object> ratios(Comparison c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("throughputRatio", c.throughput());
        Map<String, Object> latency = new LinkedHashMap<>();
        for (int i = 0; i < Comparison.PERCENTILES.size(); i++) {
            latency.put(Comparison.label(Comparison.PERCENTILES.get(i)), c.latency()[i]);
        }
        latency.put("max", c.max());
        m.put("latencyRatio", latency);
        return m;
    }
}
