package dev.mnemo.sql.plan;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.sql.schema.MnemoTable;

/**
 * The share of an ordered_set's rows that a range of its leading key column holds, when the range's bounds are
 * numbers in the SQL text: the range is placed between the lowest and the highest key the table holds (two reads),
 * as if the keys were spread evenly between them. An integer key counts the values in each; any other number
 * measures the lengths. Unknown (a negative share) for a range of a parameter ({@code ?}), whose rows the plan cannot
 * know when it is made and cached, for a range under a prefix of fixed key columns, and for keys of other types.
 */
final class RangeShare {
    /** What {@link #of} gives when it cannot tell. */
    static final double UNKNOWN = -1;

    private RangeShare() {
    }

    /** The share, 0 to 1, of the table's rows the key range {@code a} holds; {@link #UNKNOWN} if it cannot tell. */
    static double of(MnemoTable table, KeyAccess a) {
        if (a.kind != KeyAccess.Kind.KEY_RANGE || !a.prefix.isEmpty() || !known(a.lower) || !known(a.upper)) {
            return UNKNOWN;
        }
        ColumnType.Kind kind = table.schema().column(table.schema().keyPosition(0)).type().kind();
        boolean integers = kind == ColumnType.Kind.BIGINT || kind == ColumnType.Kind.INTEGER
                || kind == ColumnType.Kind.SMALLINT;
        if (!integers && kind != ColumnType.Kind.DOUBLE && kind != ColumnType.Kind.REAL
                && kind != ColumnType.Kind.DECIMAL) {
            return UNKNOWN;
        }
        Object[] lowest = table.keyEnd(false);
        Object[] highest = table.keyEnd(true);
        if (lowest == null || highest == null || !(lowest[0] instanceof Number) || !(highest[0] instanceof Number)) {
            return UNKNOWN; // an empty table, or one emptied between the reads
        }
        double first = ((Number) lowest[0]).doubleValue();
        double last = ((Number) highest[0]).doubleValue();
        double from = a.lower == null ? first : number(a.lower);
        double to = a.upper == null ? last : number(a.upper);
        if (integers) {
            // The integers the range holds: an exclusive or fractional bound moves inwards to the next integer.
            from = a.lower == null ? from : a.lowerInclusive ? Math.ceil(from) : Math.floor(from) + 1;
            to = a.upper == null ? to : a.upperInclusive ? Math.floor(to) : Math.ceil(to) - 1;
            double held = Math.min(to, last) - Math.max(from, first) + 1;
            return clamp(held / (last - first + 1));
        }
        if (last == first) {
            return from <= first && first <= to ? 1 : 0;
        }
        return clamp((Math.min(to, last) - Math.max(from, first)) / (last - first));
    }

    /** Whether a bound is absent or a number the SQL text gives. */
    private static boolean known(Operand bound) {
        return bound == null || bound.isConstant() && bound.value(null) instanceof Number;
    }

    private static double number(Operand bound) {
        return ((Number) bound.value(null)).doubleValue();
    }

    private static double clamp(double share) {
        return Double.isNaN(share) ? 0 : Math.max(0, Math.min(1, share));
    }
}
