package dev.mnemo.engine;

import java.util.Objects;

/**
 * A column's SQL type with its declared size: {@code BIGINT}, {@code VARCHAR(20)}, {@code DECIMAL(10,2)},
 * {@code TIMESTAMP(0)}, ….
 */
public final class ColumnType {
    /**
     * The type families Mnemo stores. A TIMESTAMP_TZ is an instant, a row's value an {@link java.time.OffsetDateTime}
     * at UTC.
     */
    public enum Kind {
        BIGINT, INTEGER, SMALLINT, DOUBLE, REAL, DECIMAL, BOOLEAN, VARCHAR, CHAR, VARBINARY, DATE, TIME, TIMESTAMP,
        UUID, TIMESTAMP_TZ
    }

    /** The length that tags a SMALLINT as a TINYINT: its decimal digits. */
    private static final int TINYINT_DIGITS = 3;
    /** The largest DECIMAL precision accepted. */
    public static final int DECIMAL_PRECISION_MAX = 100;
    /** The largest declared length of VARCHAR, CHAR and VARBINARY. */
    public static final int LENGTH_MAX = 16 * 1024 * 1024;
    /** The most fractional-second digits of TIME and TIMESTAMP: rows keep nanoseconds. */
    public static final int FRACTION_DIGITS_MAX = 9;
    /** The fractional-second digits of a TIME or TIMESTAMP declared without them: milliseconds. */
    public static final int FRACTION_DIGITS_DEFAULT = 3;

    public static final ColumnType BIGINT = new ColumnType(Kind.BIGINT, 0, 0);
    public static final ColumnType INTEGER = new ColumnType(Kind.INTEGER, 0, 0);
    public static final ColumnType SMALLINT = new ColumnType(Kind.SMALLINT, 0, 0);
    /**
     * TINYINT, -128 to 127: a SMALLINT whose length, its decimal digits, is 3. Rows hold it as a SMALLINT (a Short),
     * and schemas encode it as one, so the data format is a SMALLINT's; the length tags the declared type.
     */
    public static final ColumnType TINYINT = new ColumnType(Kind.SMALLINT, TINYINT_DIGITS, 0);
    public static final ColumnType DOUBLE = new ColumnType(Kind.DOUBLE, 0, 0);
    public static final ColumnType REAL = new ColumnType(Kind.REAL, 0, 0);
    public static final ColumnType BOOLEAN = new ColumnType(Kind.BOOLEAN, 0, 0);
    public static final ColumnType DATE = new ColumnType(Kind.DATE, 0, 0);
    /** TIME(3): milliseconds. */
    public static final ColumnType TIME = new ColumnType(Kind.TIME, 0, FRACTION_DIGITS_DEFAULT);
    /** TIMESTAMP(3): milliseconds. */
    public static final ColumnType TIMESTAMP = new ColumnType(Kind.TIMESTAMP, 0, FRACTION_DIGITS_DEFAULT);
    /** A universally unique identifier: 128 bits, held as a {@link java.util.UUID}. */
    public static final ColumnType UUID = new ColumnType(Kind.UUID, 0, 0);
    /** TIMESTAMP(3) WITH TIME ZONE: an instant, to the millisecond. */
    public static final ColumnType TIMESTAMP_TZ = new ColumnType(Kind.TIMESTAMP_TZ, 0, FRACTION_DIGITS_DEFAULT);

    private final Kind kind;
    private final int length;
    private final int scale;

    private ColumnType(Kind kind, int length, int scale) {
        this.kind = kind;
        this.length = length;
        this.scale = scale;
    }

    public static ColumnType varchar(int length) {
        return sized(Kind.VARCHAR, length);
    }

    public static ColumnType fixedChar(int length) {
        return sized(Kind.CHAR, length);
    }

    public static ColumnType varbinary(int length) {
        return sized(Kind.VARBINARY, length);
    }

    public static ColumnType decimal(int precision, int scale) {
        if (precision < 1 || precision > DECIMAL_PRECISION_MAX) {
            throw new SchemaException("DECIMAL precision must be 1.." + DECIMAL_PRECISION_MAX + ", got " + precision);
        }
        if (scale < 0 || scale > precision) {
            throw new SchemaException("DECIMAL scale must be 0..precision (" + precision + "), got " + scale);
        }
        return new ColumnType(Kind.DECIMAL, precision, scale);
    }

    /** TIME(p): a time of day whose values are rounded to {@code fractionDigits} digits of a second. */
    public static ColumnType time(int fractionDigits) {
        return datetime(Kind.TIME, fractionDigits);
    }

    /** TIMESTAMP(p): a date and time whose values are rounded to {@code fractionDigits} digits of a second. */
    public static ColumnType timestamp(int fractionDigits) {
        return datetime(Kind.TIMESTAMP, fractionDigits);
    }

    /**
     * TIMESTAMP(p) WITH TIME ZONE: an instant, kept as the date and time it is at UTC (no offset is kept), rounded to
     * {@code fractionDigits} digits of a second.
     */
    public static ColumnType timestampTz(int fractionDigits) {
        return datetime(Kind.TIMESTAMP_TZ, fractionDigits);
    }

    private static ColumnType datetime(Kind kind, int fractionDigits) {
        if (fractionDigits < 0 || fractionDigits > FRACTION_DIGITS_MAX) {
            throw new SchemaException(kind + " precision must be 0.." + FRACTION_DIGITS_MAX + ", got "
                    + fractionDigits);
        }
        if (fractionDigits == FRACTION_DIGITS_DEFAULT) {
            return kind == Kind.TIME ? TIME : kind == Kind.TIMESTAMP ? TIMESTAMP : TIMESTAMP_TZ;
        }
        return new ColumnType(kind, 0, fractionDigits);
    }

    /** Rebuilds a type from its parts ({@link #length()} and {@link #scale()}), as stored in a catalog or snapshot. */
    public static ColumnType of(Kind kind, int length, int scale) {
        switch (kind) {
            case VARCHAR: case CHAR: case VARBINARY: return sized(kind, length);
            case DECIMAL: return decimal(length, scale);
            case TIME: return time(scale);
            case TIMESTAMP: return timestamp(scale);
            case TIMESTAMP_TZ: return timestampTz(scale);
            case SMALLINT: return length == TINYINT_DIGITS ? TINYINT : SMALLINT;
            default: return simple(kind);
        }
    }

    private static ColumnType simple(Kind kind) {
        switch (kind) {
            case BIGINT: return BIGINT;
            case INTEGER: return INTEGER;
            case SMALLINT: return SMALLINT;
            case DOUBLE: return DOUBLE;
            case REAL: return REAL;
            case BOOLEAN: return BOOLEAN;
            case DATE: return DATE;
            case UUID: return UUID;
            default: throw new SchemaException(kind + " needs a size");
        }
    }

    private static ColumnType sized(Kind kind, int length) {
        if (length < 1 || length > LENGTH_MAX) {
            throw new SchemaException(kind + " length must be 1.." + LENGTH_MAX + ", got " + length);
        }
        return new ColumnType(kind, length, 0);
    }

    public Kind kind() {
        return kind;
    }

    /** True for {@link #TINYINT}, a SMALLINT declared TINYINT. */
    public boolean isTinyint() {
        return kind == Kind.SMALLINT && length == TINYINT_DIGITS;
    }

    /** Declared length of VARCHAR/CHAR/VARBINARY, precision of DECIMAL, 3 for TINYINT, 0 otherwise. */
    public int length() {
        return length;
    }

    /** Declared scale of DECIMAL, digits of a second kept by TIME and the TIMESTAMPs (their precision), 0 otherwise. */
    public int scale() {
        return scale;
    }

    /** The Java class values of this type have in rows. */
    public Class<?> javaClass() {
        switch (kind) {
            case BIGINT: return Long.class;
            case INTEGER: return Integer.class;
            case SMALLINT: return Short.class;
            case DOUBLE: return Double.class;
            case REAL: return Float.class;
            case DECIMAL: return java.math.BigDecimal.class;
            case BOOLEAN: return Boolean.class;
            case VARCHAR: case CHAR: return String.class;
            case VARBINARY: return byte[].class;
            case DATE: return java.time.LocalDate.class;
            case TIME: return java.time.LocalTime.class;
            case TIMESTAMP: return java.time.LocalDateTime.class;
            case UUID: return java.util.UUID.class;
            case TIMESTAMP_TZ: return java.time.OffsetDateTime.class;
            default: throw new IllegalStateException("unhandled type kind " + kind);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnType && ((ColumnType) o).kind == kind && ((ColumnType) o).length == length
                && ((ColumnType) o).scale == scale;
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, length, scale);
    }

    @Override
    public String toString() {
        switch (kind) {
            case VARCHAR: case CHAR: case VARBINARY: return kind + "(" + length + ")";
            case DECIMAL: return "DECIMAL(" + length + "," + scale + ")";
            case TIME: case TIMESTAMP: return kind + "(" + scale + ")";
            case TIMESTAMP_TZ: return "TIMESTAMP(" + scale + ") WITH TIME ZONE";
            case SMALLINT: return isTinyint() ? "TINYINT" : kind.name();
            default: return kind.name();
        }
    }
}
