package dev.mnemo.sql.plan;

import dev.mnemo.sql.schema.SqlTypes;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlTimeLiteral;
import org.apache.calcite.sql.SqlTimestampLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * TIME and TIMESTAMP literals with more fractional digits than Mnemo keeps ({@code TIMESTAMP '... 05.123456'}) are a
 * TIME(3) or TIMESTAMP(3) whose value is rounded half up to milliseconds, as such a column rounds it; Calcite's
 * reading cut the digits. A TIMESTAMP may carry into the next second or day; a TIME past 23:59:59.999 is that last
 * millisecond.
 */
public final class DatetimeLiterals {
    private static final int DIGITS = SqlTypes.TIME_PRECISION;

    private DatetimeLiterals() {
    }

    /** {@code literal}, rounded to milliseconds if it is a TIME or TIMESTAMP with finer digits. */
    public static SqlLiteral rounded(SqlLiteral literal) {
        if (literal instanceof SqlTimestampLiteral) {
            String text = literal.getValueAs(TimestampString.class).toString();
            if (finer(text)) {
                long millis = DatetimeCasts.millis(LocalDateTime.parse(text.replace(' ', 'T')), DIGITS);
                return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP, TimestampString.fromMillisSinceEpoch(millis),
                        DIGITS, literal.getParserPosition());
            }
        }
        if (literal instanceof SqlTimeLiteral) {
            String text = literal.getValueAs(TimeString.class).toString();
            if (finer(text)) {
                int millis = DatetimeCasts.millisOfDay(LocalTime.parse(text), DIGITS);
                return SqlLiteral.createTime(TimeString.fromMillisOfDay(millis), DIGITS, literal.getParserPosition());
            }
        }
        return literal;
    }

    /** Whether a literal's text has more fractional digits than milliseconds. */
    private static boolean finer(String text) {
        int dot = text.lastIndexOf('.');
        return dot >= 0 && text.length() - dot - 1 > DIGITS;
    }
}
