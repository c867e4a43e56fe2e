package dev.mnemo.sql.plan;

import java.util.List;
import java.util.Objects;

/**
 * How a {@link MnemoTableScan} reaches its rows: all of them, by primary key (one key, a list of keys, or a
 * range of keys), or through a secondary index (equal values or a range). Bounds follow the engine's
 * {@link dev.mnemo.engine.KeyRange}: {@code prefix} fixes the leading columns, {@code lower}/{@code upper}
 * bound the next one. The filter above the scan is kept whole, so an access only narrows the rows read.
 */
public final class KeyAccess {
    /** Points of a KEY_IN shown in a plan's text; the rest are counted. */
    private static final int SHOWN_POINTS = 8;

    /** The kinds of access, cheapest first. */
    public enum Kind { FULL, KEY_EQ, KEY_IN, INDEX_EQ, KEY_RANGE, INDEX_RANGE }

    public static final KeyAccess FULL = new KeyAccess(Kind.FULL, null, List.of(), null, false, null, false, List.of());

    public final Kind kind;
    /** The index name for INDEX_EQ and INDEX_RANGE, else null. */
    public final String index;
    public final List<Operand> prefix;
    public final Operand lower;
    public final boolean lowerInclusive;
    public final Operand upper;
    public final boolean upperInclusive;
    /** The keys of KEY_IN (single-column keys). */
    public final List<Operand> points;

    KeyAccess(Kind kind, String index, List<Operand> prefix, Operand lower, boolean lowerInclusive, Operand upper,
              boolean upperInclusive, List<Operand> points) {
        this.kind = kind;
        this.index = index;
        this.prefix = List.copyOf(prefix);
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
        this.points = List.copyOf(points);
    }

    /** True if the access reads the rows in primary key order (when the table keeps that order). */
    public boolean inKeyOrder() {
        return kind == Kind.FULL || kind == Kind.KEY_RANGE;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(kind.name());
        if (index != null) {
            sb.append(' ').append(index);
        }
        if (!prefix.isEmpty()) {
            sb.append(" =").append(prefix);
        }
        if (lower != null) {
            sb.append(lowerInclusive ? " >= " : " > ").append(lower);
        }
        if (upper != null) {
            sb.append(upperInclusive ? " <= " : " < ").append(upper);
        }
        if (!points.isEmpty()) {
            // A list of thousands of values would make a plan's text (and EXPLAIN) as long as the statement.
            sb.append(" IN ").append(points.size()).append(' ')
                    .append(points.subList(0, Math.min(points.size(), SHOWN_POINTS)))
                    .append(points.size() > SHOWN_POINTS ? "…" : "");
        }
        return sb.toString();
    }

    /** Equal accesses read the same rows: the planner merges scans whose accesses are equal. */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof KeyAccess)) {
            return false;
        }
        KeyAccess a = (KeyAccess) o;
        return kind == a.kind && Objects.equals(index, a.index) && prefix.equals(a.prefix)
                && Objects.equals(lower, a.lower) && lowerInclusive == a.lowerInclusive
                && Objects.equals(upper, a.upper) && upperInclusive == a.upperInclusive && points.equals(a.points);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, index, prefix, lower, lowerInclusive, upper, upperInclusive, points);
    }
}
