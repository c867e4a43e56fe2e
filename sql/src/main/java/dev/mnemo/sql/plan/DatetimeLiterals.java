package dev.mnemo.sql.plan;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.sql.schema.SqlTypes;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlTimeLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * TIME and TIMESTAMP literals with more fractional digits than Mnemo keeps ({@code TIMESTAMP '... 05.123456'}) are a
 * TIME(3) or TIMESTAMP(3) whose value is rounded half up to milliseconds, as such a column rounds it; Calcite's
 * reading cut the digits. A TIMESTAMP may carry into the next second or day; a TIME past 23:59:59.999 is that last
 * millisecond. A literal written straight to a column of fewer digits, or cast to a type of fewer digits, is rounded
 * once, to those ({@link #resolvedFor}).
 */
public final class DatetimeLiterals {
    private static final int DIGITS = SqlTypes.TIME_PRECISION;

    private DatetimeLiterals() {
    }

    /** {@code literal}, rounded to milliseconds if it is a TIME or TIMESTAMP with finer digits. */
    public static SqlLiteral rounded(SqlLiteral literal) {
        return rounded(literal, DIGITS);
    }

    /**
     * {@code literal}, a TIME or TIMESTAMP literal not yet resolved, as a value of a column of {@code type}
     * resolved and rounded half up once to the column's digits; null if it has no more digits than the column, is of
     * another type or is no valid literal (the validator reports it). Resolved alone, it would be rounded to
     * milliseconds, then a second time as it is cast to the column: {@code .4996} to {@code .500}, then to 1 second.
     */
    public static SqlLiteral resolvedFor(SqlUnknownLiteral literal, ColumnType type) {
        return resolvedFor(literal, SqlTypes.sqlTypeName(type), type.scale());
    }

    /**
     * {@code literal}, a TIME or TIMESTAMP literal not yet resolved, as {@code CAST(literal AS target)} gives it:
     * resolved and rounded half up once to the digits {@code target} names; null as for
     * {@link #resolvedFor(SqlUnknownLiteral, ColumnType)}, and for a target that names no digits (milliseconds).
     */
    public static SqlLiteral resolvedFor(SqlUnknownLiteral literal, SqlDataTypeSpec target) {
        if (!(target.getTypeNameSpec() instanceof SqlBasicTypeNameSpec)) {
            return null;
        }
        SqlBasicTypeNameSpec spec = (SqlBasicTypeNameSpec) target.getTypeNameSpec();
        SqlTypeName kind = SqlTypeName.get(spec.getTypeName().getSimple());
        return spec.getPrecision() < 0 ? null : resolvedFor(literal, kind, spec.getPrecision());
    }

    /** {@code literal} as a TIME or TIMESTAMP of {@code digits}, rounded once; null as for the public forms. */
    private static SqlLiteral resolvedFor(SqlUnknownLiteral literal, SqlTypeName kind, int digits) {
        if ((kind != SqlTypeName.TIME && kind != SqlTypeName.TIMESTAMP) || digits >= DIGITS
                || SqlTypeName.get(literal.tag) != kind || InstantLiterals.resolve(literal) != null) {
            return null;
        }
        SqlLiteral resolved;
        try {
            resolved = literal.resolve(kind);
        } catch (CalciteContextException e) {
            return null;
        }
        SqlLiteral once = rounded(resolved, digits);
        return once == resolved ? null : once;
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
