package dev.mnemo.benchmarks.harness;

import java.util.List;
import java.util.Locale;

/**
 * The workloads of {@code mnemo bench}: YCSB's core workloads A, B, C, E and F over the {@code usertable}, a bank
 * of accounts moving money in transactions, and a bulk insert. Each names its operation mix.
 */
public enum Workload {
    A("50% read, 50% update", new OpType[] {OpType.READ, OpType.UPDATE}, new double[] {0.5, 0.5}),
    B("95% read, 5% update", new OpType[] {OpType.READ, OpType.UPDATE}, new double[] {0.95, 0.05}),
    C("100% read", new OpType[] {OpType.READ}, new double[] {1.0}),
    E("95% short ordered scan, 5% insert", new OpType[] {OpType.SCAN, OpType.INSERT}, new double[] {0.95, 0.05}),
    F("50% read, 50% read-modify-write", new OpType[] {OpType.READ, OpType.READ_MODIFY_WRITE},
            new double[] {0.5, 0.5}),
    BANK("transfers between accounts, each one transaction; total balance checked after every round",
            new OpType[] {OpType.TRANSFER}, new double[] {1.0}),
    INSERT("bulk load: inserts of new keys into a table that starts empty every round",
            new OpType[] {OpType.INSERT}, new double[] {1.0});

    private final String mix;
    private final OpType[] ops;
    private final double[] cumulative;

    Workload(String mix, OpType[] ops, double[] shares) {
        this.mix = mix;
        this.ops = ops;
        this.cumulative = new double[shares.length];
        double sum = 0;
        for (int i = 0; i < shares.length; i++) {
            sum += shares[i];
            cumulative[i] = sum;
        }
        if (Math.abs(sum - 1.0) > 1e-9) {
            throw new IllegalStateException("operation shares of a workload must add up to 1, got " + sum);
        }
    }

    /** The operation for a uniform random number in [0, 1). */
    public OpType choose(double uniform) {
        for (int i = 0; i < ops.length - 1; i++) {
            if (uniform < cumulative[i]) {
                return ops[i];
            }
        }
        return ops[ops.length - 1];
    }

    /** The operation mix in words. */
    public String mix() {
        return mix;
    }

    /** The operation types in the order of the mix. */
    public List<OpType> opTypes() {
        return List.of(ops);
    }

    /** The name on the command line: a, b, c, e, f, bank, insert. */
    public String cliName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether the workload reads ranges in key order, so that the table must keep its keys ordered. */
    public boolean scans() {
        return this == E;
    }

    /** Whether some operations are several statements in one transaction (JDBC: auto-commit off). */
    public boolean multiStatement() {
        return this == F || this == BANK;
    }

    /** Whether the workload works on the bank's account table rather than the usertable. */
    public boolean isBank() {
        return this == BANK;
    }

    /** Whether the table starts empty (and is re-created for every round) instead of being loaded once. */
    public boolean startsEmpty() {
        return this == INSERT;
    }
}
