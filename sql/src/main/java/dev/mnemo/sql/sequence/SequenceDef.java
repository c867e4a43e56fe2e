package dev.mnemo.sql.sequence;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.parser.SequenceOptions;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * A sequence's definition, checked: its values are those of {@code start + k * increment} between
 * {@code minValue} and {@code maxValue}, of an integer type; {@code cache} values at a time are reserved per member.
 */
public record SequenceDef(String name, ColumnType.Kind type, long start, long increment, long minValue,
                          long maxValue, boolean cycle, long cache) {
    /** Values a member reserves at a time when CACHE is not given. */
    public static final long CACHE_DEFAULT = 32;

    public SequenceDef {
        if (type != ColumnType.Kind.BIGINT && type != ColumnType.Kind.INTEGER && type != ColumnType.Kind.SMALLINT) {
            throw new IllegalArgumentException("sequence type must be BIGINT, INTEGER or SMALLINT: " + type);
        }
        if (increment == 0 || minValue > maxValue || start < minValue || start > maxValue || cache < 1) {
            throw new IllegalArgumentException("sequence definition breaks its invariants: " + name);
        }
    }

    /** The definition that {@code CREATE SEQUENCE name [AS type] options} gives; a bad one fails with 22023. */
    public static SequenceDef of(String name, String typeName, SequenceOptions o) {
        ColumnType.Kind type = type(name, typeName);
        long typeMin = typeMin(type);
        long typeMax = typeMax(type);
        long increment = o.increment == null ? 1 : number(name, "INCREMENT BY", o.increment, typeMin, typeMax);
        if (increment == 0) {
            throw new SqlError("22023", "sequence " + name + ": INCREMENT BY must not be 0");
        }
        boolean up = increment > 0;
        long min = o.minValue == null ? (up ? 1 : typeMin) : number(name, "MINVALUE", o.minValue, typeMin, typeMax);
        long max = o.maxValue == null ? (up ? typeMax : -1) : number(name, "MAXVALUE", o.maxValue, typeMin, typeMax);
        if (min > max) {
            throw new SqlError("22023", "sequence " + name + ": MINVALUE " + min + " is greater than MAXVALUE " + max);
        }
        long start = o.start == null ? (up ? min : max) : number(name, "START WITH", o.start, typeMin, typeMax);
        if (start < min || start > max) {
            throw new SqlError("22023", "sequence " + name + ": START WITH " + start + " is outside MINVALUE " + min
                    + " to MAXVALUE " + max);
        }
        long cache = o.cache == null ? CACHE_DEFAULT : number(name, "CACHE", o.cache, 1, Long.MAX_VALUE);
        return new SequenceDef(name, type, start, increment, min, max, Boolean.TRUE.equals(o.cycle), cache);
    }

    /**
     * The definition that {@code ALTER SEQUENCE} gives: this one with the options given changed and the rest kept
     * (NO MINVALUE and NO MAXVALUE take the defaults of the new direction); a bad one fails with 22023.
     */
    public SequenceDef altered(SequenceOptions o) {
        SequenceOptions merged = new SequenceOptions();
        merged.start = o.start != null ? o.start : BigDecimal.valueOf(start);
        merged.increment = o.increment != null ? o.increment : BigDecimal.valueOf(increment);
        merged.minValue = o.noMinValue ? null : o.minValue != null ? o.minValue : BigDecimal.valueOf(minValue);
        merged.maxValue = o.noMaxValue ? null : o.maxValue != null ? o.maxValue : BigDecimal.valueOf(maxValue);
        merged.cycle = o.cycle != null ? o.cycle : cycle;
        merged.cache = o.cache != null ? o.cache : BigDecimal.valueOf(cache);
        return of(name, type.name(), merged);
    }

    /**
     * The next value of this definition, altered from {@code old} whose next value was {@code next} (null when it
     * was used up): RESTART's value, or START WITH's for a plain RESTART; else the same next value, which must lie in
     * the new bounds (22023 otherwise). A used-up sequence goes on past the bound it reached, if the new bounds
     * leave room or it now cycles; else it stays used up (null).
     */
    public Long nextAfterAlter(SequenceDef old, Long next, SequenceOptions o) {
        if (o.restart) {
            long restart = o.restartWith == null ? start
                    : number(name, "RESTART WITH", o.restartWith, typeMin(type), typeMax(type));
            if (!contains(restart)) {
                throw new SqlError("22023", "sequence " + name + ": RESTART WITH " + restart + " is outside "
                        + bounds());
            }
            return restart;
        }
        if (next != null) {
            if (!contains(next)) {
                throw new SqlError("22023", "sequence " + name + ": its next value " + next + " would be outside "
                        + bounds() + "; give RESTART WITH a value inside them");
            }
            return next;
        }
        long reached = old.increment > 0 ? old.maxValue : old.minValue;
        long beyond = reached + increment;
        boolean overflow = ((reached ^ beyond) & (increment ^ beyond)) < 0;
        if (!overflow && contains(beyond)) {
            return beyond;
        }
        return cycle ? (Long) (increment > 0 ? minValue : maxValue) : null;
    }

    private boolean contains(long v) {
        return v >= minValue && v <= maxValue;
    }

    private String bounds() {
        return "MINVALUE " + minValue + " to MAXVALUE " + maxValue;
    }

    private static ColumnType.Kind type(String name, String typeName) {
        String t = typeName == null ? "BIGINT" : typeName.toUpperCase(Locale.ROOT);
        switch (t) {
            case "BIGINT":
                return ColumnType.Kind.BIGINT;
            case "INTEGER":
            case "INT":
                return ColumnType.Kind.INTEGER;
            case "SMALLINT":
                return ColumnType.Kind.SMALLINT;
            default:
                throw new SqlError("42000", "sequence " + name + " cannot be of type " + t
                        + ": a sequence is BIGINT, INTEGER or SMALLINT");
        }
    }

    private static long number(String name, String option, BigDecimal v, long min, long max) {
        BigDecimal whole = v.stripTrailingZeros();
        if (whole.scale() > 0) {
            throw new SqlError("22023", "sequence " + name + ": " + option + " must be a whole number, got "
                    + v.toPlainString());
        }
        if (whole.compareTo(BigDecimal.valueOf(min)) < 0 || whole.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new SqlError("22023", "sequence " + name + ": " + option + " " + v.toPlainString()
                    + " is outside " + min + " to " + max);
        }
        return whole.longValueExact();
    }

    static long typeMin(ColumnType.Kind type) {
        return type == ColumnType.Kind.SMALLINT ? Short.MIN_VALUE
                : type == ColumnType.Kind.INTEGER ? Integer.MIN_VALUE : Long.MIN_VALUE;
    }

    static long typeMax(ColumnType.Kind type) {
        return type == ColumnType.Kind.SMALLINT ? Short.MAX_VALUE
                : type == ColumnType.Kind.INTEGER ? Integer.MAX_VALUE : Long.MAX_VALUE;
    }
}
