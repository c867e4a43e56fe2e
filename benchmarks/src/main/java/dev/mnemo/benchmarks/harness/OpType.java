package dev.mnemo.benchmarks.harness;

/** The kinds of operation the load generator issues; each has its own latency histogram and counters. */
public enum OpType {
    READ("read"),
    UPDATE("update"),
    SCAN("scan"),
    INSERT("insert"),
    READ_MODIFY_WRITE("rmw"),
    TRANSFER("transfer");

    private final String label;

    OpType(String label) {
        this.label = label;
    }

    /** The short name used in tables, JSON and charts. */
    public String label() {
        return label;
    }
}
