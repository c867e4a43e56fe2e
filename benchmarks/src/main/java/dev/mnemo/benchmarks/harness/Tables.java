package dev.mnemo.benchmarks.harness;

import java.util.Locale;

/**
 * The tables the load generator creates, the same for every target: YCSB's {@code usertable} (a VARCHAR key and
 * N VARCHAR fields) and the bank's {@code bank_account} (a BIGINT id and a BIGINT balance).
 */
public final class Tables {
    public static final String USERTABLE = "usertable";
    public static final String KEY_COLUMN = "ycsb_key";
    /** Declared length of the key column; keys are at most {@value Keys#KEY_CHARS_MAX} characters. */
    public static final int KEY_CHARS_DECLARED = 64;
    public static final String ACCOUNTS = "bank_account";
    /** What every account holds when loaded. */
    public static final long OPENING_BALANCE = 1_000;
    /** Transfers move 1 to this many units. */
    public static final int TRANSFER_AMOUNT_MAX = 100;

    private Tables() {
    }

    /** The name of field {@code i} (0-based): field0, field1, .... */
    public static String field(int i) {
        return "field" + i;
    }

    /** How a table keeps its keys when the workload does not force it. */
    public enum KindChoice {
        /** ordered_set for workloads that scan (E), set (hash) otherwise. */
        AUTO,
        SET,
        ORDERED_SET;

        public boolean ordered(Workload workload) {
            return workload.scans() || this == ORDERED_SET;
        }

        public String cliName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
