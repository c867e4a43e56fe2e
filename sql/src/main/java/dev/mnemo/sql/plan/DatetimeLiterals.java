package dev.mnemo.sql.plan;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.schema.SqlTypes;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlTimeLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.Set;

/**
 * TIME and TIMESTAMP literals with more fractional digits than Mnemo keeps ({@code TIMESTAMP '... 05.123456'}) are a
 * TIME(3) or TIMESTAMP(3) whose value is rounded half up to milliseconds, as such a column rounds it; Calcite's
 * reading cut the digits. A TIMESTAMP may carry into the next second or day; a TIME past 23:59:59.999 is that last
 * millisecond. A literal written straight to a column of fewer digits, or cast to a date-time type of fewer digits,
 * is rounded once, to those ({@link #resolvedFor}); so is a TIMESTAMP WITH TIME ZONE literal. One cast to a DATE keeps
 * the date of its exact value, not of its value rounded: {@code TIMESTAMP '2020-01-01 23:59:59.9996'} is 2020-01-01.
 */
public final class DatetimeLiterals {
    private static final int DIGITS = SqlTypes.TIME_PRECISION;
    private static final int MILLI_NANOS = 1_000_000;
    private static final Set<SqlTypeName> DATETIMES = EnumSet.of(SqlTypeName.TIME, SqlTypeName.TIMESTAMP,
            SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    private DatetimeLiterals() {
    }

    /** {@code literal}, rounded to milliseconds if it is a TIME or TIMESTAMP with finer digits. */
    public static SqlLiteral rounded(SqlLiteral literal) {
        return rounded(literal, DIGITS);
    }

    /**
     * {@code literal}, a TIME, TIMESTAMP or TIMESTAMP WITH TIME ZONE literal not yet resolved, as a value of a column
     * of {@code type} and of the literal's own type: resolved and rounded half up once to the column's digits; null if
     * it has no digits finer than milliseconds, is of another type or is no valid literal (the validator reports it).
     * Resolved alone, it would be rounded to milliseconds, then a second time as it is cast to the column:
     * {@code .4996} to {@code .500}, then to 1 second.
     */
    public static SqlLiteral resolvedFor(SqlUnknownLiteral literal, ColumnType type) {
        SqlTypeName kind = SqlTypes.sqlTypeName(type);
        return kind == kindOf(literal) ? resolvedFor(literal, kind, type.scale()) : null;
    }

    /**
     * {@code literal}, a TIME or TIMESTAMP literal (WITH TIME ZONE or not) not yet resolved, as
     * {@code CAST(literal AS target)} gives it: resolved, converted and rounded half up once to the digits
     * {@code target} names. A conversion that reads the statement's time zone or a date (an instant to TIME, a TIME
     * to a TIMESTAMP) is left to the cast, as is one to a DATE, which cuts the time: the literal is then only cut to
     * milliseconds, not rounded, which changes neither a date nor a rounding to fewer digits (their bounds are whole
     * milliseconds). Null as for {@link #resolvedFor(SqlUnknownLiteral, ColumnType)} and for a target that names no
     * digits (milliseconds), save a DATE.
     */
    public static SqlLiteral resolvedFor(SqlUnknownLiteral literal, SqlDataTypeSpec target) {
        if (!(target.getTypeNameSpec() instanceof SqlBasicTypeNameSpec)) {
            return null;
        }
        SqlBasicTypeNameSpec spec = (SqlBasicTypeNameSpec) target.getTypeNameSpec();
        SqlTypeName kind = SqlTypeName.get(spec.getTypeName().getSimple());
        if (kind == SqlTypeName.TIMESTAMP_TZ) {
            kind = SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        }
        if (kind == SqlTypeName.DATE) {
            return cut(literal);
        }
        if (spec.getPrecision() < 0 || !DATETIMES.contains(kind)) {
            return null;
        }
        SqlLiteral once = resolvedFor(literal, kind, spec.getPrecision());
        return once != null || spec.getPrecision() >= DIGITS ? once : cut(literal);
    }

    /** The type {@code literal} resolves to, TIME, TIMESTAMP or (an instant) TIMESTAMP WITH LOCAL TIME ZONE. */
    private static SqlTypeName kindOf(SqlUnknownLiteral literal) {
        return InstantLiterals.namesInstant(literal) ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                : SqlTypeName.get(literal.tag);
    }

    /** {@code literal} as a value of {@code kind} and {@code digits}, rounded once; null as for the public forms. */
    private static SqlLiteral resolvedFor(SqlUnknownLiteral literal, SqlTypeName kind, int digits) {
        SqlTypeName from = kindOf(literal);
        boolean instants = from == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                || kind == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        boolean converts = from == SqlTypeName.TIME ? kind == SqlTypeName.TIME
                : from == SqlTypeName.TIMESTAMP || from == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        if (!converts || !DATETIMES.contains(kind) || instants && kind == SqlTypeName.TIME || digits >= DIGITS) {
            return null;
        }
        LocalDateTime exact;
        try {
            exact = from == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE
                    ? LocalDateTime.ofInstant(InstantLiterals.exact(literal), ZoneOffset.UTC) : exact(literal, from);
        } catch (CalciteContextException | SqlError e) {
            return null;
        }
        if (exact.getNano() % MILLI_NANOS == 0) {
            return null;
        }
        SqlParserPos pos = literal.getParserPosition();
        if (kind == SqlTypeName.TIME) {
            int millis = DatetimeCasts.millisOfDay(exact.toLocalTime(), digits);
            return SqlLiteral.createTime(TimeString.fromMillisOfDay(millis), digits, pos);
        }
        TimestampString ts = TimestampString.fromMillisSinceEpoch(DatetimeCasts.millis(exact, digits));
        return SqlLiteral.createTimestamp(kind, ts, digits, pos);
    }

    /**
     * {@code literal}, a TIME or TIMESTAMP literal (WITH TIME ZONE or not) not yet resolved, of its own type and cut
     * to milliseconds; null if it has no finer digits or is no valid literal (the validator reports it).
     */
    private static SqlLiteral cut(SqlUnknownLiteral literal) {
        SqlTypeName from = kindOf(literal);
        if (!DATETIMES.contains(from)) {
            return null;
        }
        try {
            SqlParserPos pos = literal.getParserPosition();
            if (from == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
                Instant exact = InstantLiterals.exact(literal);
                return exact.getNano() % MILLI_NANOS == 0 ? null
                        : InstantLiterals.literal(Instant.ofEpochMilli(exact.toEpochMilli()), pos);
            }
            LocalDateTime exact = exact(literal, from);
            if (exact.getNano() % MILLI_NANOS == 0) {
                return null;
            }
            long millis = exact.toInstant(ZoneOffset.UTC).toEpochMilli();
            return from == SqlTypeName.TIME
                    ? SqlLiteral.createTime(TimeString.fromMillisOfDay((int) millis), DIGITS, pos)
                    : SqlLiteral.createTimestamp(from, TimestampString.fromMillisSinceEpoch(millis), DIGITS, pos);
        } catch (CalciteContextException | SqlError e) {
            return null;
        }
    }

    /** The value of a TIME (on 1970-01-01) or TIMESTAMP literal, with all the digits its text has. */
    private static LocalDateTime exact(SqlUnknownLiteral literal, SqlTypeName kind) {
        SqlLiteral resolved = literal.resolve(kind);
        if (kind == SqlTypeName.TIME) {
            return LocalDate.EPOCH.atTime(LocalTime.parse(resolved.getValueAs(TimeString.class).toString()));
        }
        return LocalDateTime.parse(resolved.getValueAs(TimestampString.class).toString().replace(' ', 'T'));
    }

    /** {@code literal}, rounded half up to {@code digits} if it is a TIME or TIMESTAMP with finer digits. */
    private static SqlLiteral rounded(SqlLiteral literal, int digits) {
        if (literal instanceof SqlTimestampLiteral) {
            String text = literal.getValueAs(TimestampString.class).toString();
            if (finer(text, digits)) {
                long millis = DatetimeCasts.millis(LocalDateTime.parse(text.replace(' ', 'T')), digits);
                return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP, TimestampString.fromMillisSinceEpoch(millis),
                        digits, literal.getParserPosition());
            }
        }
        if (literal instanceof SqlTimeLiteral) {
            String text = literal.getValueAs(TimeString.class).toString();
            if (finer(text, digits)) {
                int millis = DatetimeCasts.millisOfDay(LocalTime.parse(text), digits);
                return SqlLiteral.createTime(TimeString.fromMillisOfDay(millis), digits, literal.getParserPosition());
            }
        }
        return literal;
    }

    /** Whether a literal's text has more fractional digits than {@code digits}. */
    private static boolean finer(String text, int digits) {
        int dot = text.lastIndexOf('.');
        return dot >= 0 && text.length() - dot - 1 > digits;
    }
}
