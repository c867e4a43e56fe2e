package dev.mnemo.engine.table;

import java.util.Arrays;

/**
 * Encoded range bounds over keys that compare as unsigned bytes, with prefix semantics: a bound of one column
 * on a two-column key covers every key starting with that column's value. {@code from} is where iteration
 * starts (the low bound ascending, the high bound descending), {@code to} where it ends; null means open.
 */
public record Bounds(byte[] from, boolean fromInclusive, byte[] to, boolean toInclusive, boolean descending) {

    /** Every key, ascending. */
    public static final Bounds ALL = new Bounds(null, true, null, true, false);

    public static Bounds of(byte[] from, boolean hasFrom, boolean fromInclusive, byte[] to, boolean hasTo,
                     boolean toInclusive, boolean descending) {
        return new Bounds(hasFrom ? from : null, fromInclusive, hasTo ? to : null, toInclusive, descending);
    }

    /** Where a sorted walk should start; pair with {@link #startInclusive()}. Null: at the first (last) key. */
    public byte[] startKey() {
        if (from == null) {
            return null;
        }
        boolean pastPrefix = descending == fromInclusive;
        return pastPrefix ? prefixEnd(from) : from;
    }

    public boolean startInclusive() {
        if (from == null) {
            return true;
        }
        boolean pastPrefix = descending == fromInclusive;
        // Ascending-exclusive starts at the prefix end itself; descending-inclusive starts just below it.
        return pastPrefix ? !descending : fromInclusive;
    }

    /**
     * The smallest byte string greater than every string that starts with {@code prefix}, or null if there is
     * none (the prefix is all 0xFF) — then the walk starts at the far end, and {@link #beforeStart} filters.
     */
    public static byte[] prefixEnd(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] out = Arrays.copyOf(prefix, i + 1);
                out[i]++;
                return out;
            }
        }
        return null;
    }

    private static int comparePrefix(byte[] key, byte[] bound) {
        return Arrays.compareUnsigned(key, 0, Math.min(key.length, bound.length), bound, 0, bound.length);
    }

    /** True if the walk has not reached the start bound at {@code key} yet. */
    public boolean beforeStart(byte[] key) {
        if (from == null) {
            return false;
        }
        int c = comparePrefix(key, from);
        return (descending ? c > 0 : c < 0) || (c == 0 && !fromInclusive);
    }

    /** True if {@code key} lies past the end bound. */
    public boolean beyondEnd(byte[] key) {
        if (to == null) {
            return false;
        }
        int c = comparePrefix(key, to);
        return (descending ? c < 0 : c > 0) || (c == 0 && !toInclusive);
    }

    public boolean contains(byte[] key) {
        return !beforeStart(key) && !beyondEnd(key);
    }

    /**
     * The part of these bounds a walk covered, ascending: from where it began up to {@code cutAt}, included (the last
     * key it visited), or to the end when {@code cutAt} is null.
     */
    public Bounds coveredUpTo(byte[] cutAt) {
        if (cutAt == null) {
            return descending ? new Bounds(to, toInclusive, from, fromInclusive, false) : this;
        }
        return descending ? new Bounds(cutAt, true, from, fromInclusive, false) : new Bounds(from, fromInclusive, cutAt,
                true, false);
    }

    /** True if {@code a} comes before {@code b} in walking order. */
    public boolean precedes(byte[] a, byte[] b) {
        int c = Arrays.compareUnsigned(a, b);
        return descending ? c > 0 : c < 0;
    }
}
