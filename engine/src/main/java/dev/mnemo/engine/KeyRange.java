package dev.mnemo.engine;

/**
 * Bounds, direction and limit of a scan over a table's primary key or an ordered index. Bounds are key
 * prefixes: on a key (a, b), {@code from(1)} starts at the first key whose first column is 1. Iteration starts
 * at {@code from} and ends at {@code to}: ascending, from is the low bound; descending, from is the high one.
 */
public final class KeyRange {
    private static final KeyRange ALL = new KeyRange(null, true, null, true, false, Long.MAX_VALUE);

    private final Object[] from;
    private final boolean fromInclusive;
    private final Object[] to;
    private final boolean toInclusive;
    private final boolean descending;
    private final long limit;

    private KeyRange(Object[] from, boolean fromInclusive, Object[] to, boolean toInclusive, boolean descending,
                     long limit) {
        this.from = from;
        this.fromInclusive = fromInclusive;
        this.to = to;
        this.toInclusive = toInclusive;
        this.descending = descending;
        this.limit = limit;
    }

    /** Every key, ascending, no limit. */
    public static KeyRange all() {
        return ALL;
    }

    /** Keys whose leading columns equal {@code prefix}. */
    public static KeyRange prefix(Object... prefix) {
        return new KeyRange(prefix.clone(), true, prefix.clone(), true, false, Long.MAX_VALUE);
    }

    public KeyRange from(boolean inclusive, Object... values) {
        return new KeyRange(values.clone(), inclusive, to, toInclusive, descending, limit);
    }

    public KeyRange to(boolean inclusive, Object... values) {
        return new KeyRange(from, fromInclusive, values.clone(), inclusive, descending, limit);
    }

    /** The same bounds walked from the high end; swaps from and to so that from stays the starting bound. */
    public KeyRange descending() {
        return new KeyRange(to, toInclusive, from, fromInclusive, !descending, limit);
    }

    public KeyRange limit(long rows) {
        if (rows < 0) {
            throw new IllegalArgumentException("limit must not be negative, got " + rows);
        }
        return new KeyRange(from, fromInclusive, to, toInclusive, descending, rows);
    }

    public Object[] fromValues() {
        return from == null ? null : from.clone();
    }

    public boolean fromInclusive() {
        return fromInclusive;
    }

    public Object[] toValues() {
        return to == null ? null : to.clone();
    }

    public boolean toInclusive() {
        return toInclusive;
    }

    public boolean isDescending() {
        return descending;
    }

    public long limit() {
        return limit;
    }
}
