package dev.mnemo.sql.schema;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.MnemoException;
import dev.mnemo.engine.ValueTooLargeException;
import dev.mnemo.engine.codec.Values;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.client.BooleanText;
import dev.mnemo.sql.client.ClockTimestamp;
import dev.mnemo.sql.client.InstantText;
import dev.mnemo.sql.client.TimesOfDay;
import dev.mnemo.sql.plan.TimeText;
import dev.mnemo.sql.plan.UuidCasts;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Clob;
import java.sql.Date;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts values between the three forms they take: the engine's (LocalDate, byte[], …), Calcite's internal
 * one in generated code (DATE as int days, TIMESTAMP as long milliseconds, VARBINARY as ByteString) and JDBC's
 * (java.sql.Date, byte[], …). Date-times are wall-clock values with no time zone, as SQL's are.
 */
public final class SqlValues {
    private static final long MILLIS_PER_DAY = 86_400_000L;
    private static final long NANOS_PER_MILLI = 1_000_000L;
    /** The fraction of the seconds that a TIME's or TIMESTAMP's text ends in. */
    private static final Pattern FRACTION = Pattern.compile("(?<=:\\d{2})\\.(\\d*)(?=\\s*$)");

    private SqlValues() {
    }

    /** An engine value as Calcite's generated code represents it. */
    public static Object engineToInternal(Object v) {
        if (v instanceof LocalDate) {
            return (int) ((LocalDate) v).toEpochDay();
        }
        if (v instanceof LocalTime) {
            return (int) (((LocalTime) v).toNanoOfDay() / 1_000_000L);
        }
        if (v instanceof LocalDateTime) {
            LocalDateTime t = (LocalDateTime) v;
            return t.toEpochSecond(ZoneOffset.UTC) * 1000L + t.getNano() / 1_000_000;
        }
        if (v instanceof OffsetDateTime) {
            return ((OffsetDateTime) v).toInstant().toEpochMilli();
        }
        if (v instanceof byte[]) {
            return new ByteString((byte[]) v);
        }
        return v;
    }

    /** A value of a column of type {@code t} as generated code represents it: a TINYINT's Short is a Byte. */
    public static Object engineToInternal(Object v, ColumnType t) {
        return v instanceof Short && t.isTinyint() ? (Object) ((Short) v).byteValue() : engineToInternal(v);
    }

    /** A value from generated code, as the engine stores it in a column of type {@code t}. */
    public static Object internalToEngine(Object v, ColumnType t) {
        if (v == null) {
            return null;
        }
        switch (t.kind()) {
            case DATE: return v instanceof Number ? LocalDate.ofEpochDay(((Number) v).longValue()) : v;
            case TIME: return v instanceof Number ? LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000_000L) : v;
            case TIMESTAMP: return v instanceof Number ? timestampOf(((Number) v).longValue()) : v;
            case TIMESTAMP_TZ: return v instanceof Number ? instantOf(((Number) v).longValue()) : v;
            case VARBINARY: return v instanceof ByteString ? ((ByteString) v).getBytes() : v;
            case VARCHAR: case CHAR: return v instanceof Character ? v.toString() : v;
            default: return v;
        }
    }

    private static LocalDateTime timestampOf(long millis) {
        return LocalDateTime.ofEpochSecond(Math.floorDiv(millis, 1000L),
                (int) Math.floorMod(millis, 1000L) * 1_000_000, ZoneOffset.UTC);
    }

    private static OffsetDateTime instantOf(long millis) {
        return Instant.ofEpochMilli(millis).atOffset(ZoneOffset.UTC);
    }

    /** A value from generated code, as ResultSet.getObject returns it for a column of type {@code t}. */
    public static Object internalToJdbc(Object v, SqlTypeName t) {
        if (v == null) {
            return null;
        }
        switch (t) {
            case DATE: return v instanceof Number ? Date.valueOf(LocalDate.ofEpochDay(((Number) v).longValue())) : v;
            case TIME: return v instanceof Number ? TimesOfDay.time(LocalTime.ofNanoOfDay(
                    Math.floorMod(((Number) v).longValue(), MILLIS_PER_DAY) * 1_000_000L)) : v;
            case TIMESTAMP:
                return v instanceof Number ? ClockTimestamp.exact(timestampOf(((Number) v).longValue())) : v;
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return v instanceof Number ? instantOf(((Number) v).longValue()) : v;
            case VARBINARY: case BINARY: return v instanceof ByteString ? ((ByteString) v).getBytes() : v;
            case CHAR: case VARCHAR: return v instanceof Character ? v.toString() : v;
            case TINYINT: return ((Number) v).intValue(); // JDBC's table B-3 maps TINYINT to Integer
            default: return v;
        }
    }

    /**
     * A JDBC parameter value stored as given in {@code column} (null for none), as {@link #jdbcToInternal(Object,
     * SqlTypeName, int)} makes it; a whole number past the range of the column's integer type fails with 22003 naming
     * the column and its range, as the engine does for a value written to it.
     */
    public static Object jdbcToInternal(Object v, SqlTypeName t, int digits, String column) {
        try {
            return jdbcToInternal(v, t, digits);
        } catch (SqlError e) {
            ColumnType integer = column == null || !"22003".equals(e.sqlState()) ? null : narrowInteger(t);
            throw integer == null ? e : inColumnsWords(e, v, integer, column);
        }
    }

    /** {@code e} in the engine's words for {@code v} past the range of an integer column, when it has a number. */
    private static SqlError inColumnsWords(SqlError e, Object v, ColumnType type, String column) {
        try {
            Values.coerce(type, integral(v), column);
        } catch (ValueTooLargeException range) {
            return new SqlError("22003", range.getMessage(), e);
        } catch (ArithmeticException | NumberFormatException | MnemoException notANumber) {
            return e; // NaN or an infinity: no whole number to name
        }
        return e;
    }

    private static ColumnType narrowInteger(SqlTypeName t) {
        switch (t) {
            case TINYINT: return ColumnType.TINYINT;
            case SMALLINT: return ColumnType.SMALLINT;
            case INTEGER: return ColumnType.INTEGER;
            default: return null;
        }
    }

    /**
     * A JDBC parameter value as generated code expects a parameter of type {@code t}, rounded half up to
     * {@code digits} fractional digits if {@code t} is TIME or TIMESTAMP (those of the column a parameter stands
     * for, so that {@code WHERE ts = ?} compares the value the column would store); as {@link #jdbcToInternal}.
     */
    public static Object jdbcToInternal(Object v, SqlTypeName t, int digits) {
        if (v == null || (t != SqlTypeName.TIME && t != SqlTypeName.TIMESTAMP
                && t != SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE)) {
            return jdbcToInternal(v, t);
        }
        try {
            if (t == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                return engineToInternal(Values.coerce(ColumnType.timestampTz(Math.min(digits,
                        SqlTypes.TIME_PRECISION)), instant(v), "?"));
            }
            ColumnType type = t == SqlTypeName.TIME ? ColumnType.time(Math.min(digits, SqlTypes.TIME_PRECISION))
                    : ColumnType.timestamp(Math.min(digits, SqlTypes.TIME_PRECISION));
            return engineToInternal(Values.coerce(type, t == SqlTypeName.TIME ? time(v) : timestamp(v), "?"));
        } catch (DateTimeException e) {
            throw new SqlError("22018", "cannot use " + v.getClass().getSimpleName() + " value " + v + " as "
                    + t + ": " + e.getMessage());
        }
    }

    /**
     * A JDBC parameter value as generated code expects a parameter of type {@code t}, converting between
     * compatible Java types; throws a 22018 error for a value that cannot be one of {@code t}.
     */
    public static Object jdbcToInternal(Object v, SqlTypeName t) {
        if (v == null) {
            return null;
        }
        try {
            switch (t) {
                case BIGINT: return integral(v).longValueExact();
                case INTEGER: return integral(v).intValueExact();
                case SMALLINT: return integral(v).shortValueExact();
                case TINYINT: return integral(v).byteValueExact();
                case DOUBLE: case FLOAT: return approximate(number(v));
                case REAL: return real(number(v));
                case DECIMAL: return decimal(v);
                case BOOLEAN: return bool(v);
                case CHAR: case VARCHAR: return v instanceof byte[] ? Arrays.toString((byte[]) v) : text(v);
                case VARBINARY: case BINARY: return bytes(v, t);
                case DATE: return engineToInternal(date(v));
                case TIME: case TIMESTAMP: return jdbcToInternal(v, t, SqlTypes.TIME_PRECISION);
                case UUID: return uuid(v);
                case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return engineToInternal(Values.coerce(ColumnType.timestampTz(
                        ColumnType.FRACTION_DIGITS_MAX), instant(v), "?"));
                default: return v;
            }
        } catch (ArithmeticException e) {
            String state = "not an integer".equals(e.getMessage()) ? "22018" : "22003";
            throw new SqlError(state, "cannot use " + v.getClass().getSimpleName() + " value " + v + " as " + t
                    + (state.equals("22003") ? ": out of range" : ": " + e.getMessage()));
        } catch (NumberFormatException | DateTimeException e) {
            throw new SqlError("22018", "cannot use " + v.getClass().getSimpleName() + " value " + v + " as "
                    + t + ": " + e.getMessage());
        }
    }

    /** Bytes as they are; a text as its UTF-8 bytes, as a CAST of a text to VARBINARY gives them. */
    private static ByteString bytes(Object v, SqlTypeName t) {
        if (v instanceof byte[]) {
            return new ByteString((byte[]) v);
        }
        if (v instanceof ByteString) {
            return (ByteString) v;
        }
        if (v instanceof String || v instanceof Character || v instanceof Clob) {
            return new ByteString(text(v).getBytes(StandardCharsets.UTF_8));
        }
        throw new SqlError("22018", "cannot use " + v.getClass().getSimpleName() + " value " + v + " as " + t);
    }

    private static String text(Object v) {
        return v instanceof Clob ? SqlError.unchecked(() -> {
            Clob c = (Clob) v;
            return c.getSubString(1, (int) c.length());
        }) : v.toString();
    }

    private static BigDecimal decimal(Object v) {
        if (v instanceof BigDecimal) {
            return (BigDecimal) v;
        }
        if (v instanceof BigInteger) {
            return new BigDecimal((BigInteger) v);
        }
        if (v instanceof Double || v instanceof Float) {
            return BigDecimal.valueOf(((Number) v).doubleValue());
        }
        if (v instanceof Number) {
            return BigDecimal.valueOf(((Number) v).longValue());
        }
        if (v instanceof String) {
            return new BigDecimal(((String) v).trim());
        }
        if (v instanceof Boolean) {
            return (Boolean) v ? BigDecimal.ONE : BigDecimal.ZERO;
        }
        throw mismatch(v, "DECIMAL");
    }

    /**
     * A parameter for an integer type. A number with a fraction rounds half up, as a DOUBLE or DECIMAL cast to an
     * integer type does; NaN and the infinities are out of range. A text must be a whole number, as in a cast.
     */
    private static BigDecimal integral(Object v) {
        if ((v instanceof Double || v instanceof Float) && !Double.isFinite(((Number) v).doubleValue())) {
            throw new ArithmeticException("out of range");
        }
        BigDecimal d = decimal(v);
        if (d.scale() > 0 && d.stripTrailingZeros().scale() > 0) {
            if (v instanceof String) {
                throw new ArithmeticException("not an integer");
            }
            return d.setScale(0, RoundingMode.HALF_UP);
        }
        return d;
    }

    /** A number as a DOUBLE; one past DOUBLE's range is out of range, not an infinity (an infinity given stays one). */
    private static double approximate(Number n) {
        double d = n.doubleValue();
        if (Double.isInfinite(d) && !(n instanceof Double || n instanceof Float)) {
            throw new ArithmeticException("out of range");
        }
        return d;
    }

    /** A number as a REAL; one past REAL's range is out of range, not an infinity (an infinity given stays one). */
    private static float real(Number n) {
        double d = n.doubleValue();
        boolean approximate = n instanceof Double || n instanceof Float;
        if (Double.isInfinite(d) ? !approximate : Math.abs(d) > Float.MAX_VALUE) {
            throw new ArithmeticException("out of range");
        }
        return (float) d;
    }

    private static Number number(Object v) {
        return v instanceof Number ? (Number) v : decimal(v);
    }

    private static Boolean bool(Object v) {
        if (v instanceof Boolean) {
            return (Boolean) v;
        }
        if (v instanceof Number) {
            return ((Number) v).intValue() != 0;
        }
        Boolean text = v instanceof String ? BooleanText.parse((String) v) : null;
        if (text != null) {
            return text;
        }
        throw mismatch(v, "BOOLEAN");
    }

    private static LocalDate date(Object v) {
        if (v instanceof LocalDate) {
            return (LocalDate) v;
        }
        if (v instanceof Date) {
            return ((Date) v).toLocalDate();
        }
        if (v instanceof Timestamp) {
            return ((Timestamp) v).toLocalDateTime().toLocalDate();
        }
        if (v instanceof LocalDateTime) {
            return ((LocalDateTime) v).toLocalDate();
        }
        if (v instanceof java.util.Date) {
            return new Timestamp(((java.util.Date) v).getTime()).toLocalDateTime().toLocalDate();
        }
        if (v instanceof String) {
            String text = (String) v;
            return LocalDate.ofEpochDay(datetimeText(text, () -> DateTimeUtils.dateStringToUnixDate(text)));
        }
        throw mismatch(v, "DATE");
    }

    private static LocalTime time(Object v) {
        if (v instanceof LocalTime) {
            return (LocalTime) v;
        }
        if (v instanceof Time) {
            return TimesOfDay.localTime((Time) v);
        }
        if (v instanceof Timestamp) {
            return ((Timestamp) v).toLocalDateTime().toLocalTime();
        }
        if (v instanceof java.util.Date) {
            return new Timestamp(((java.util.Date) v).getTime()).toLocalDateTime().toLocalTime();
        }
        if (v instanceof String) {
            return timeOfText((String) v);
        }
        throw mismatch(v, "TIME");
    }

    private static LocalDateTime timestamp(Object v) {
        if (v instanceof LocalDateTime) {
            return (LocalDateTime) v;
        }
        if (v instanceof Timestamp) {
            return ((Timestamp) v).toLocalDateTime();
        }
        if (v instanceof Date) {
            return ((Date) v).toLocalDate().atStartOfDay();
        }
        if (v instanceof LocalDate) {
            return ((LocalDate) v).atStartOfDay();
        }
        if (v instanceof java.util.Date) {
            return new Timestamp(((java.util.Date) v).getTime()).toLocalDateTime();
        }
        if (v instanceof String) {
            return timestampOfText((String) v);
        }
        throw mismatch(v, "TIMESTAMP");
    }

    /**
     * A TIME's text ({@code H:MM[:SS[.fraction]]}) read to the nanosecond, for the caller to round once to the
     * precision it needs; 22007 for a text that is no TIME.
     */
    public static LocalTime timeOfText(String text) {
        String whole = withoutFraction(TimeText.check(text));
        return LocalTime.ofNanoOfDay(datetimeText(text, () -> DateTimeUtils.timeStringToUnixDate(whole))
                * NANOS_PER_MILLI + fractionNanos(text));
    }

    /** A TIMESTAMP's text read to the nanosecond, as {@link #timeOfText}; 22007 for a text that is no TIMESTAMP. */
    public static LocalDateTime timestampOfText(String text) {
        String whole = withoutFraction(text);
        return timestampOf(datetimeText(text, () -> DateTimeUtils.timestampStringToUnixDate(whole)))
                .plusNanos(fractionNanos(text));
    }

    /** The text without the fraction of its seconds, which Calcite's reading would round to milliseconds. */
    private static String withoutFraction(String text) {
        Matcher m = FRACTION.matcher(text);
        return m.find() ? text.substring(0, m.start()) + text.substring(m.end()) : text;
    }

    /** The fraction of the seconds a text ends in, in nanoseconds; digits past the ninth do not change a rounding. */
    private static long fractionNanos(String text) {
        Matcher m = FRACTION.matcher(text);
        if (!m.find() || m.group(1).isEmpty()) {
            return 0;
        }
        String digits = (m.group(1) + "00000000").substring(0, 9);
        return Long.parseLong(digits);
    }

    /**
     * A parameter for a TIMESTAMP WITH TIME ZONE: an instant ({@link OffsetDateTime}, {@link Instant},
     * {@link ZonedDateTime}, {@link Timestamp}), or a date and time without one, at UTC (a {@link LocalDateTime}, or
     * a text without an offset); a text may end in an offset ({@code 2026-12-03 10:00:00+02:00}).
     */
    private static Object instant(Object v) {
        if (v instanceof OffsetDateTime || v instanceof Instant || v instanceof ZonedDateTime || v instanceof Timestamp
                || v instanceof LocalDateTime) {
            return v;
        }
        if (v instanceof java.util.Date) {
            return ((java.util.Date) v).toInstant();
        }
        if (v instanceof String) {
            String text = (String) v;
            return datetimeText(text, () -> InstantText.parse(text));
        }
        throw mismatch(v, "TIMESTAMP WITH TIME ZONE");
    }

    /**
     * A text read as a date, time or timestamp by the same rules as a text cast in SQL ({@code CAST('12:00' AS
     * TIME)}, or a text literal written to such a column): one that is none, or has a field out of range, fails
     * with 22007 as such a cast does, not 22018.
     */
    private static <T> T datetimeText(String text, Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException | DateTimeException e) {
            String why = String.valueOf(e.getMessage());
            why = why.contains(text) ? why : "'" + text + "': " + why;
            throw new SqlError("22007", "invalid datetime: " + why, e);
        }
    }

    /** A UUID as it is; a text in the canonical form as the UUID it spells, as a cast of it reads it. */
    private static UUID uuid(Object v) {
        if (v instanceof UUID) {
            return (UUID) v;
        }
        if (v instanceof String) {
            return UuidCasts.parse((String) v);
        }
        throw mismatch(v, "UUID");
    }

    private static SqlError mismatch(Object v, String type) {
        return new SqlError("22018", "cannot use " + v.getClass().getSimpleName() + " value " + v + " as " + type);
    }
}
