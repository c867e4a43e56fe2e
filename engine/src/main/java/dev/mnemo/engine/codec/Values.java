package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TypeMismatchException;
import dev.mnemo.engine.ValueTooLargeException;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * Coerces user-given values to a column's canonical Java value, or says clearly why it cannot.
 * Widening is silent; narrowing is allowed only when no information is lost.
 */
public final class Values {
    private Values() {
    }

    /**
     * Returns {@code value} as the canonical Java value of {@code type}; null stays null. A DECIMAL is rounded half
     * up to the column's scale, a TIME or either TIMESTAMP half up to the column's fractional-second digits.
     */
    public static Object coerce(ColumnType type, Object value, String column) {
        if (value == null) {
            return null;
        }
        // A value already of the canonical class is returned as it is: re-boxing it would allocate on every key.
        switch (type.kind()) {
            case BIGINT: return value instanceof Long ? value
                    : toLong(value, type, column, Long.MIN_VALUE, Long.MAX_VALUE);
            case INTEGER: return value instanceof Integer ? value
                    : (int) toLong(value, type, column, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case SMALLINT: return type.isTinyint() ? (short) toLong(value, type, column, Byte.MIN_VALUE, Byte.MAX_VALUE)
                    : value instanceof Short ? value
                    : (short) toLong(value, type, column, Short.MIN_VALUE, Short.MAX_VALUE);
            case DOUBLE: return toDouble(value, type, column);
            case REAL: return toReal(value, type, column);
            case DECIMAL: return toDecimal(value, type, column);
            case BOOLEAN: return toBoolean(value, type, column);
            case VARCHAR: return toVarchar(value, type, column);
            case CHAR: return toChar(value, type, column);
            case VARBINARY: return toBinary(value, type, column);
            case DATE: return toDate(value, type, column);
            case TIME: return toTime(value, type, column);
            case TIMESTAMP: return toTimestamp(value, type, column);
            case UUID: return toUuid(value, type, column);
            case TIMESTAMP_TZ: return toTimestampTz(value, type, column);
            default: throw new IllegalStateException("unhandled type kind " + type.kind());
        }
    }

    private static TypeMismatchException mismatch(ColumnType type, Object value, String column) {
        return new TypeMismatchException("column " + column + " is " + type + ", cannot take "
                + value.getClass().getSimpleName() + " value " + abbreviate(value));
    }

    private static String abbreviate(Object value) {
        String s = value instanceof byte[] ? ((byte[]) value).length + " bytes" : String.valueOf(value);
        return s.length() > 40 ? s.substring(0, 40) + "…" : s;
    }

    /** {@code v} as a whole number from {@code min} to {@code max}, the range of the integer column's type. */
    private static long toLong(Object v, ColumnType type, String column, long min, long max) {
        long x;
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            x = ((Number) v).longValue();
        } else if (v instanceof BigDecimal || v instanceof BigInteger || v instanceof Double || v instanceof Float) {
            x = exactLong(v, type, column, min, max);
        } else {
            throw new TypeMismatchException("column " + column + " is an integer column, cannot take "
                    + v.getClass().getSimpleName() + " value " + abbreviate(v));
        }
        if (x < min || x > max) {
            throw outOfRange(x, type, column, min, max);
        }
        return x;
    }

    private static ValueTooLargeException outOfRange(Object v, ColumnType type, String column, long min, long max) {
        return ValueTooLargeException.outOfRange("value " + v + " out of range for column " + column + " (" + type
                + ": " + min + " to " + max + ")");
    }

    private static long exactLong(Object v, ColumnType type, String column, long min, long max) {
        BigDecimal d = v instanceof BigDecimal ? (BigDecimal) v
                : v instanceof BigInteger ? new BigDecimal((BigInteger) v) : finiteDecimal(v, column);
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw d.stripTrailingZeros().scale() > 0
                    ? new TypeMismatchException("column " + column + " is an integer column, cannot take " + d)
                    : outOfRange(d, type, column, min, max);
        }
    }

    private static BigDecimal finiteDecimal(Object v, String column) {
        double d = ((Number) v).doubleValue();
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            throw new TypeMismatchException("column " + column + " cannot take " + d);
        }
        return BigDecimal.valueOf(d);
    }

    private static Double toDouble(Object v, ColumnType type, String column) {
        if (v instanceof Number) {
            return ((Number) v).doubleValue();
        }
        throw mismatch(type, v, column);
    }

    private static Float toReal(Object v, ColumnType type, String column) {
        if (v instanceof Float) {
            return (Float) v;
        }
        if (v instanceof Number) {
            double d = ((Number) v).doubleValue();
            if (!Double.isInfinite(d) && Math.abs(d) > Float.MAX_VALUE) {
                throw ValueTooLargeException.outOfRange("value " + d + " out of range for REAL column " + column);
            }
            return (float) d;
        }
        throw mismatch(type, v, column);
    }

    private static BigDecimal toDecimal(Object v, ColumnType type, String column) {
        BigDecimal d;
        if (v instanceof BigDecimal) {
            d = (BigDecimal) v;
        } else if (v instanceof BigInteger) {
            d = new BigDecimal((BigInteger) v);
        } else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            d = BigDecimal.valueOf(((Number) v).longValue());
        } else if (v instanceof Double || v instanceof Float) {
            d = finiteDecimal(v, column);
        } else {
            throw mismatch(type, v, column);
        }
        BigDecimal scaled = d.setScale(type.scale(), RoundingMode.HALF_UP);
        if (scaled.precision() - scaled.scale() > type.length() - type.scale()) {
            throw ValueTooLargeException.outOfRange("value " + d + " does not fit " + type + " column " + column);
        }
        return scaled;
    }

    private static Boolean toBoolean(Object v, ColumnType type, String column) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        throw mismatch(type, v, column);
    }

    private static String toVarchar(Object v, ColumnType type, String column) {
        if (!(v instanceof String)) {
            throw mismatch(type, v, column);
        }
        String s = (String) v;
        checkLength(s, type, column);
        return s;
    }

    private static String toChar(Object v, ColumnType type, String column) {
        if (!(v instanceof String)) {
            throw mismatch(type, v, column);
        }
        String s = stripTrailingSpaces((String) v, type.length());
        checkLength(s, type, column);
        int pad = type.length() - s.codePointCount(0, s.length());
        return pad == 0 ? s : s + " ".repeat(pad);
    }

    private static String stripTrailingSpaces(String s, int length) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == ' ' && s.codePointCount(0, end) > length) {
            end--;
        }
        return s.substring(0, end);
    }

    private static void checkLength(String s, ColumnType type, String column) {
        if (s.length() > type.length() && s.codePointCount(0, s.length()) > type.length()) {
            throw ValueTooLargeException.tooLong("value of " + s.codePointCount(0, s.length())
                    + " characters too long for " + type + " column " + column);
        }
    }

    private static byte[] toBinary(Object v, ColumnType type, String column) {
        if (!(v instanceof byte[])) {
            throw mismatch(type, v, column);
        }
        byte[] b = (byte[]) v;
        if (b.length > type.length()) {
            throw ValueTooLargeException.tooLong("value of " + b.length + " bytes too long for " + type
                    + " column " + column);
        }
        return b;
    }

    private static LocalDate toDate(Object v, ColumnType type, String column) {
        LocalDate d;
        if (v instanceof LocalDate) {
            d = (LocalDate) v;
        } else if (v instanceof Date) {
            d = ((Date) v).toLocalDate();
        } else {
            throw mismatch(type, v, column);
        }
        // Rows store a date as a 4-byte epoch day (±5.8 million years); a date past that must not wrap silently.
        if (d.toEpochDay() != (int) d.toEpochDay()) {
            throw ValueTooLargeException.outOfRange("date " + d + " out of range for column " + column);
        }
        return d;
    }

    private static java.util.UUID toUuid(Object v, ColumnType type, String column) {
        if (v instanceof java.util.UUID) {
            return (java.util.UUID) v;
        }
        throw mismatch(type, v, column);
    }

    private static LocalTime toTime(Object v, ColumnType type, String column) {
        LocalTime t;
        if (v instanceof LocalTime) {
            t = (LocalTime) v;
        } else if (v instanceof Time) {
            t = ((Time) v).toLocalTime();
        } else {
            throw mismatch(type, v, column);
        }
        long unit = NANOS_PER_DIGITS[type.scale()];
        long nanos = t.toNanoOfDay();
        long rest = nanos % unit;
        if (rest == 0) {
            return t;
        }
        long rounded = nanos - rest + (rest >= unit / 2 ? unit : 0);
        // A time rounding up past the last one of the day stays on its day, as the last time the precision holds
        // (23:59:59.6 in a TIME(0) is 23:59:59): wrapping to midnight would make it the earliest time instead.
        return LocalTime.ofNanoOfDay(rounded < NANOS_PER_DAY ? rounded : rounded - unit);
    }

    private static LocalDateTime toTimestamp(Object v, ColumnType type, String column) {
        LocalDateTime t;
        if (v instanceof LocalDateTime) {
            t = (LocalDateTime) v;
        } else if (v instanceof Timestamp) {
            t = ((Timestamp) v).toLocalDateTime();
        } else {
            throw mismatch(type, v, column);
        }
        return rounded(t, type);
    }

    /**
     * An instant as a TIMESTAMP WITH TIME ZONE keeps it: at UTC, rounded as a TIMESTAMP. An {@link OffsetDateTime},
     * {@link ZonedDateTime}, {@link Instant} or {@link Timestamp} is the instant it names; a {@link LocalDateTime},
     * which names none, is taken as a date and time at UTC.
     */
    private static OffsetDateTime toTimestampTz(Object v, ColumnType type, String column) {
        LocalDateTime utc;
        if (v instanceof OffsetDateTime o) {
            if (o.getOffset().equals(ZoneOffset.UTC) && o.getNano() % NANOS_PER_DIGITS[type.scale()] == 0) {
                return o;
            }
            utc = o.withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
        } else if (v instanceof Instant i) {
            utc = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        } else if (v instanceof ZonedDateTime z) {
            utc = LocalDateTime.ofInstant(z.toInstant(), ZoneOffset.UTC);
        } else if (v instanceof Timestamp t) {
            utc = LocalDateTime.ofInstant(t.toInstant(), ZoneOffset.UTC);
        } else if (v instanceof LocalDateTime l) {
            utc = l;
        } else {
            throw mismatch(type, v, column);
        }
        return rounded(utc, type).atOffset(ZoneOffset.UTC);
    }

    private static LocalDateTime rounded(LocalDateTime t, ColumnType type) {
        long unit = NANOS_PER_DIGITS[type.scale()];
        int rest = (int) (t.getNano() % unit);
        if (rest == 0) {
            return t;
        }
        LocalDateTime down = t.minusNanos(rest);
        // Rounding up carries into the next second, minute, day or year; past the last timestamp there is, it is
        // the last one the precision holds, as a TIME at the end of the day.
        boolean last = down.getNano() + unit >= 1_000_000_000L && down.withNano(0).equals(LAST_TIMESTAMP_SECOND);
        return rest < unit / 2 || last ? down : down.plusNanos(unit);
    }

    private static final long NANOS_PER_DAY = 86_400_000_000_000L;
    private static final LocalDateTime LAST_TIMESTAMP_SECOND = LocalDateTime.MAX.withNano(0);
    /** The nanoseconds in one unit of the last fractional digit kept, by the number of digits kept. */
    private static final long[] NANOS_PER_DIGITS = {
        1_000_000_000L, 100_000_000L, 10_000_000L, 1_000_000L, 100_000L, 10_000L, 1_000L, 100L, 10L, 1L};
}
