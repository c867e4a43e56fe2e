package dev.mnemo.benchmarks.harness;

import java.util.List;
import java.util.Map;

/**
 * One target's measured interval in one round: how long it lasted, each operation type's stats (in the
 * workload's order), and what else a reader needs to trust the numbers.
 *
 * @param backlog         fixed-rate operations due before the end that never started (the target fell behind)
 * @param internalRetries conflicts the target resolved by re-running a transaction itself; -1 if unknown
 * @param gcCount         collections during the round, warm-up included
 * @param gcMillis        time spent in them
 * @param bank            the bank invariant checked after the round; null for other workloads
 * @param errorSamples    the distinct errors, most frequent first
 */
public record RoundResult(int round, long elapsedNanos, Map<OpType, OpStats> ops, long backlog,
                          long internalRetries, long gcCount, long gcMillis, BankCheck bank,
                          List<String> errorSamples) {
    /** Every operation type together. */
    public OpStats all() {
        OpStats sum = OpStats.empty(null);
        for (OpStats s : ops.values()) {
            sum = sum.plus(s);
        }
        return sum;
    }

    public long errors() {
        return ops.values().stream().mapToLong(OpStats::errors).sum();
    }

    public long conflicts() {
        return ops.values().stream().mapToLong(OpStats::conflicts).sum();
    }
}
