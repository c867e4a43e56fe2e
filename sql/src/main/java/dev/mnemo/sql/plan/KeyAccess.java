package dev.mnemo.sql.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link MnemoTableScan} reaches its rows: all of them, by primary key (one key, a list of keys, or a
 * range of keys), or through a secondary index (equal values, a list of values, or a range). Bounds follow the
 * engine's {@link dev.mnemo.engine.KeyRange}: {@code prefix} fixes the leading columns, {@code lower}/{@code upper}
 * bound the next one. The filter above the scan is kept whole, so an access only narrows the rows read.
 */
public final class KeyAccess {
    /** The kinds of access, cheapest first. */
    public enum Kind { FULL, KEY_EQ, KEY_IN, INDEX_EQ, INDEX_IN, KEY_RANGE, INDEX_RANGE }

    /** Points of a KEY_IN or INDEX_IN shown in a plan's text; the rest are counted. */
    private static final int SHOWN_POINTS = 8;

    public static final KeyAccess FULL = new KeyAccess(Kind.FULL, null, List.of(), null, false, null, false, List.of());

    public final Kind kind;
    /** The index name for INDEX_EQ, INDEX_IN and INDEX_RANGE, else null. */
    public final String index;
    public final List<Operand> prefix;
    public final Operand lower;
    public final boolean lowerInclusive;
    public final Operand upper;
    public final boolean upperInclusive;
    /**
     * The lookups of KEY_IN and INDEX_IN: values of all the key's (or the index's) columns, in their order; on an
     * ordered_set, a KEY_IN's may be values of the key's leading columns only, each read as the range of keys that
     * starts with them.
     */
    public final List<List<Operand>> points;
    /**
     * True if a full scan, key range or KEY_IN over an ordered_set reads its keys from the highest down (for ORDER BY
     * the key DESC), or index lookups or a range of an ordered index its entries.
     */
    public final boolean descending;

    KeyAccess(Kind kind, String index, List<Operand> prefix, Operand lower, boolean lowerInclusive, Operand upper,
              boolean upperInclusive, List<List<Operand>> points) {
        this(kind, index, prefix, lower, lowerInclusive, upper, upperInclusive, points, false);
    }

    private KeyAccess(Kind kind, String index, List<Operand> prefix, Operand lower, boolean lowerInclusive,
                      Operand upper, boolean upperInclusive, List<List<Operand>> points, boolean descending) {
        this.kind = kind;
        this.index = index;
        this.prefix = List.copyOf(prefix);
        this.lower = lower;
        this.lowerInclusive = lowerInclusive;
        this.upper = upper;
        this.upperInclusive = upperInclusive;
        List<List<Operand>> copy = new ArrayList<>(points.size());
        for (List<Operand> p : points) {
            copy.add(List.copyOf(p));
        }
        this.points = List.copyOf(copy);
        this.descending = descending;
    }

    /** Lookups of these points: by key when {@code index} is null, else through that index. */
    static KeyAccess in(String index, List<List<Operand>> points) {
        return new KeyAccess(index == null ? Kind.KEY_IN : Kind.INDEX_IN, index, List.of(), null, false, null, false,
                points);
    }

    /** Lookups of single-column values: by key when {@code index} is null, else through that index. */
    static KeyAccess inValues(String index, List<Operand> values) {
        List<List<Operand>> points = new ArrayList<>(values.size());
        for (Operand v : values) {
            points.add(List.of(v));
        }
        return in(index, points);
    }

    /**
     * True if the access reads the rows in primary key order (when the table keeps that order): descending for a
     * {@link #descending} one.
     */
    public boolean inKeyOrder() {
        return kind == Kind.FULL || kind == Kind.KEY_RANGE || kind == Kind.KEY_IN;
    }

    /**
     * The same full scan, key range or key lookups (KEY_IN) reading the keys from the highest down if {@code down},
     * else up; the same index lookups or range walking the index so.
     */
    KeyAccess walking(boolean down) {
        if (kind == Kind.KEY_EQ) {
            throw new IllegalStateException("a lookup of one key (KEY_EQ) has no direction");
        }
        return new KeyAccess(kind, index, prefix, lower, lowerInclusive, upper, upperInclusive, points, down);
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
            List<Object> shown = new ArrayList<>();
            for (List<Operand> p : points.subList(0, Math.min(points.size(), SHOWN_POINTS))) {
                shown.add(p.size() == 1 ? p.get(0) : p);
            }
            sb.append(" IN ").append(points.size()).append(' ').append(shown)
                    .append(points.size() > SHOWN_POINTS ? "…" : "");
        }
        if (descending) {
            sb.append(" DESC");
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
                && Objects.equals(upper, a.upper) && upperInclusive == a.upperInclusive && points.equals(a.points)
                && descending == a.descending;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, index, prefix, lower, lowerInclusive, upper, upperInclusive, points, descending);
    }
}
