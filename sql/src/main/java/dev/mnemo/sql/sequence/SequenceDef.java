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
