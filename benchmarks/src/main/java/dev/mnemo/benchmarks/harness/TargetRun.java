package dev.mnemo.benchmarks.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A target's part of a run: its role (subject or baseline), what it is, how loading went, and its rounds.
 * The totals merge the rounds: histograms added, throughput = all operations / all measured time.
 */
public record TargetRun(String role, String label, List<String> notes, String load, List<RoundResult> rounds) {
    public static final String SUBJECT = "subject";
    public static final String BASELINE = "baseline";

    public long elapsedNanos() {
        return rounds.stream().mapToLong(RoundResult::elapsedNanos).sum();
    }

    /** Each operation type over every round, in the workload's order. */
    public Map<OpType, OpStats> totals() {
        Map<OpType, OpStats> out = new LinkedHashMap<>();
        for (RoundResult r : rounds) {
            for (Map.Entry<OpType, OpStats> e : r.ops().entrySet()) {
                out.merge(e.getKey(), e.getValue(), OpStats::plus);
            }
        }
        return out;
    }

    public OpStats all() {
        OpStats sum = OpStats.empty(null);
        for (OpStats s : totals().values()) {
            sum = sum.plus(s);
        }
        return sum;
    }

    /** Throughput of every operation type together, round by round. */
    public List<Double> roundThroughputs() {
        List<Double> out = new ArrayList<>();
        for (RoundResult r : rounds) {
            out.add(r.all().throughput(r.elapsedNanos()));
        }
        return out;
    }

    /** (max − min) / mean of the round throughputs; 0 with fewer than two rounds. */
    public double roundSpread() {
        List<Double> t = roundThroughputs();
        if (t.size() < 2) {
            return 0;
        }
        double min = t.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = t.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        double mean = t.stream().mapToDouble(Double::doubleValue).average().orElse(0);
        return mean == 0 ? 0 : (max - min) / mean;
    }

    public long errors() {
        return rounds.stream().mapToLong(RoundResult::errors).sum();
    }

    public long backlog() {
        return rounds.stream().mapToLong(RoundResult::backlog).sum();
    }

    /** The bank check after the last round, or null. */
    public BankCheck lastBankCheck() {
        return rounds.isEmpty() ? null : rounds.get(rounds.size() - 1).bank();
    }

    public boolean bankViolated() {
        return rounds.stream().anyMatch(r -> r.bank() != null && !r.bank().holds());
    }
}
