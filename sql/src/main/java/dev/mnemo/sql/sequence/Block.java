package dev.mnemo.sql.sequence;

import dev.mnemo.engine.Row;
import dev.mnemo.sql.SqlError;

/**
 * A block of a sequence's values reserved at once: {@code count} values from {@code first}, each one increment
 * apart, and the next value left unreserved after it (null once a sequence without CYCLE is used up).
 */
record Block(long first, long count, Long nextUnreserved) {
    Block {
        if (count < 1) {
            throw new IllegalArgumentException("a block holds at least one value, got " + count);
        }
    }

    /** The block a member reserves from a sequence's row: up to CACHE values from its next unreserved value. */
    static Block after(String name, Row r) {
        long increment = r.getLong("INCREMENT");
        long min = r.getLong("MIN_VALUE");
        long max = r.getLong("MAX_VALUE");
        long cache = r.getLong("CACHE");
        boolean cycle = r.getBoolean("CYCLE");
        Long next = r.getLong("NEXT_VALUE");
        if (next == null) {
            throw new SqlError("2200H", "sequence " + name + " is exhausted: it reached " + (increment > 0
                    ? "MAXVALUE " + max : "MINVALUE " + min) + " and does not CYCLE");
        }
        return of(next, increment, min, max, cache, cycle);
    }

    /** The block of up to {@code cache} values from {@code next}, which lies in {@code [min, max]}. */
    static Block of(long next, long increment, long min, long max, long cache, boolean cycle) {
        // Unsigned arithmetic: the distance to the bound and the increment's size fit 64 bits unsigned, not signed.
        long distance = increment > 0 ? max - next : next - min;
        long step = increment > 0 ? increment : -increment;
        long stepsLeft = Long.divideUnsigned(distance, step);
        if (Long.compareUnsigned(stepsLeft, cache) >= 0) {
            // Still in range after the block (no overflow: the true value lies between min and max).
            return new Block(next, cache, next + cache * increment);
        }
        Long wrapped = cycle ? (Long) (increment > 0 ? min : max) : null;
        return new Block(next, stepsLeft + 1, wrapped);
    }
}
