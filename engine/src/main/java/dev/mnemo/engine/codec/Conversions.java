package dev.mnemo.engine.codec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ColumnType.Kind;
import dev.mnemo.engine.TypeMismatchException;
import dev.mnemo.engine.ValueTooLargeException;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * Converts a column's values to another type when the column's type changes: numbers to any numeric type (rounded
 * half up to an integer or to a DECIMAL's scale), anything but binary to text (as its SQL literal writes it), text
 * to numbers and UUIDs (parsed), DATE to and from TIMESTAMP, TIMESTAMP to and from TIMESTAMP WITH TIME ZONE (a date
 * and time at UTC), and any type to itself resized. A value the new type cannot hold fails as a write of it would: too
 * long 22001, out of range 22003, text that is no number or UUID 22018.
 */
public final class Conversions {
    private static final Set<Kind> INTEGERS = EnumSet.of(Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT);
    private static final Set<Kind> NUMBERS = EnumSet.of(Kind.SMALLINT, Kind.INTEGER, Kind.BIGINT, Kind.REAL,
            Kind.DOUBLE, Kind.DECIMAL);
    private static final Set<Kind> TEXT = EnumSet.of(Kind.VARCHAR, Kind.CHAR);
    private static final Set<Kind> TIMESTAMPS = EnumSet.of(Kind.TIMESTAMP, Kind.TIMESTAMP_TZ);

    private Conversions() {
    }

    /** Whether a column of type {@code from} can be changed to {@code to}. */
    public static boolean supported(ColumnType from, ColumnType to) {
        Kind f = from.kind();
        Kind t = to.kind();
        if (f == t) {
            return true;
        }
        if (TEXT.contains(t)) {
            return f != Kind.VARBINARY;
        }
        if (NUMBERS.contains(t)) {
            return NUMBERS.contains(f) || TEXT.contains(f);
        }
        if (t == Kind.UUID) {
            return TEXT.contains(f);
        }
        return f == Kind.DATE && t == Kind.TIMESTAMP || f == Kind.TIMESTAMP && t == Kind.DATE
                || TIMESTAMPS.contains(f) && TIMESTAMPS.contains(t);
    }

    /**
     * Whether every value that converts keeps its key encoding: text and binary resized (a CHAR becoming a VARCHAR
     * keeps its padding), a DECIMAL of the same scale, a time or timestamp given more digits (a timestamp gaining or
     * losing its time zone too). Rows keep their place in a primary key only then.
     */
    public static boolean keepsKeyEncoding(ColumnType from, ColumnType to) {
        Kind f = from.kind();
        Kind t = to.kind();
        if (from.equals(to)) {
            return true;
        }
        switch (t) {
            case VARCHAR: return TEXT.contains(f);
            case VARBINARY: return f == Kind.VARBINARY;
            case DECIMAL: return f == Kind.DECIMAL && from.scale() == to.scale();
            case TIME: return f == t && to.scale() >= from.scale();
            // A TIMESTAMP WITH TIME ZONE is keyed by its date and time at UTC, which a TIMESTAMP becomes.
            case TIMESTAMP: case TIMESTAMP_TZ: return TIMESTAMPS.contains(f) && to.scale() >= from.scale();
            default: return false;
        }
    }

    /** {@code v}, a value of a column of type {@code from}, as a value of type {@code to}; null stays null. */
    public static Object convert(ColumnType from, ColumnType to, Object v, String column) {
        if (v == null || from.equals(to)) {
            return v;
        }
        Kind t = to.kind();
        Object in = v;
        if (TEXT.contains(t)) {
            in = text(from, v);
        } else if (NUMBERS.contains(t) && TEXT.contains(from.kind())) {
            in = number((String) v, to, column);
        } else if (t == Kind.UUID && TEXT.contains(from.kind())) {
            in = uuid((String) v, to, column);
        } else if (t == Kind.TIMESTAMP && v instanceof LocalDate) {
            in = ((LocalDate) v).atStartOfDay();
        } else if (t == Kind.DATE && v instanceof LocalDateTime) {
            in = ((LocalDateTime) v).toLocalDate();
        } else if (t == Kind.TIMESTAMP && v instanceof OffsetDateTime) {
            in = ((OffsetDateTime) v).toLocalDateTime(); // its date and time at UTC, as a TIMESTAMP keeps them
        }
        if (INTEGERS.contains(t)) {
            in = integral(in, column);
        }
        return Values.coerce(to, in, column);
    }

    private static String text(ColumnType from, Object v) {
        switch (from.kind()) {
            case DECIMAL: return ((BigDecimal) v).toPlainString();
            case BOOLEAN: return v.toString().toUpperCase(Locale.ROOT);
            case TIME: return DateTimeFormatter.ISO_LOCAL_TIME.format((LocalTime) v);
            case TIMESTAMP: return timestampText((LocalDateTime) v);
            case TIMESTAMP_TZ: return timestampText(((OffsetDateTime) v).toLocalDateTime()) + "+00:00";
            default: return v.toString();
        }
    }

    private static String timestampText(LocalDateTime ts) {
        return ts.toLocalDate() + " " + DateTimeFormatter.ISO_LOCAL_TIME.format(ts.toLocalTime());
    }

    private static BigDecimal number(String s, ColumnType to, String column) {
        try {
            return new BigDecimal(s.strip());
        } catch (NumberFormatException e) {
            throw new TypeMismatchException("column " + column + " becomes " + to + ", and '" + s
                    + "' is no number");
        }
    }

    private static java.util.UUID uuid(String s, ColumnType to, String column) {
        try {
            return UuidText.parse(s);
        } catch (TypeMismatchException e) {
            throw new TypeMismatchException("column " + column + " becomes " + to + ", and " + e.getMessage());
        }
    }

    /** A fractional number rounded half up to a whole one, as a cast to an integer type rounds it. */
    private static Object integral(Object v, String column) {
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw ValueTooLargeException.outOfRange("value " + d + " out of range for column " + column);
            }
            return BigDecimal.valueOf(d).setScale(0, RoundingMode.HALF_UP);
        }
        return v instanceof BigDecimal ? ((BigDecimal) v).setScale(0, RoundingMode.HALF_UP) : v;
    }
}
