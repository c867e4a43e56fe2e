package dev.mnemo.sql.parser;

import java.math.BigDecimal;

/**
 * The options of {@code CREATE SEQUENCE}, {@code ALTER SEQUENCE} or of an identity column, as written: null where the
 * statement is silent, {@code NO MINVALUE}, {@code NO MAXVALUE} and {@code RESTART} as flags. Numbers are kept as
 * written; the executor checks them.
 */
public final class SequenceOptions {
    public BigDecimal start;
    public BigDecimal increment;
    public BigDecimal minValue;
    public boolean noMinValue;
    public BigDecimal maxValue;
    public boolean noMaxValue;
    /** True for CYCLE, false for NO CYCLE, null when not said. */
    public Boolean cycle;
    public BigDecimal cache;
    /** ALTER SEQUENCE's RESTART; {@link #restartWith} is its WITH value, null for the sequence's start. */
    public boolean restart;
    public BigDecimal restartWith;

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        if (restart) {
            b.append(" RESTART");
            append(b, "WITH", restartWith);
        }
        append(b, "START WITH", start);
        append(b, "INCREMENT BY", increment);
        if (noMinValue) {
            b.append(" NO MINVALUE");
        }
        append(b, "MINVALUE", minValue);
        if (noMaxValue) {
            b.append(" NO MAXVALUE");
        }
        append(b, "MAXVALUE", maxValue);
        if (cycle != null) {
            b.append(cycle ? " CYCLE" : " NO CYCLE");
        }
        append(b, "CACHE", cache);
        return b.toString().trim();
    }

    private static void append(StringBuilder b, String option, BigDecimal value) {
        if (value != null) {
            b.append(' ').append(option).append(' ').append(value.toPlainString());
        }
    }
}
