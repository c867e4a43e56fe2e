package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.client.InstantText;
import dev.mnemo.sql.schema.SqlTypes;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.TimestampString;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Pattern;

/**
 * Literals of an instant: {@code TIMESTAMP WITH TIME ZONE '2026-12-03 10:00:00+02:00'}, and a {@code TIMESTAMP}
 * literal whose text ends in an offset, which names an instant as well. Either is the instant's date and time at
 * UTC as a TIMESTAMP WITH LOCAL TIME ZONE literal, the type Mnemo computes instants in; without an offset the text
 * is at UTC.
 */
public final class InstantLiterals {
    private static final Pattern ENDS_IN_OFFSET =
            Pattern.compile(".*\\d:\\d{2}(:\\d{2}(\\.\\d*)?)?\\s*(Z|z|[+-]\\d{2}(:?\\d{2})?)\\s*");

    private InstantLiterals() {
    }

    /** The instant {@code literal} names, or null if it names none. */
    public static SqlLiteral resolve(SqlUnknownLiteral literal) {
        if (!namesInstant(literal)) {
            return null;
        }
        // Rounded half up to milliseconds, the finest an instant's type keeps, as a text cast to one is.
        Instant at = Instant.ofEpochMilli(InstantCasts.millis(exact(literal), SqlTypes.TIME_PRECISION));
        return literal(at, literal.getParserPosition());
    }

    /** The TIMESTAMP WITH LOCAL TIME ZONE literal of {@code at}, a whole millisecond, with the digits it needs. */
    static SqlLiteral literal(Instant at, SqlParserPos pos) {
        LocalDateTime utc = LocalDateTime.ofInstant(at, ZoneOffset.UTC);
        TimestampString ts = new TimestampString(utc.getYear(), utc.getMonthValue(), utc.getDayOfMonth(),
                utc.getHour(), utc.getMinute(), utc.getSecond()).withNanos(utc.getNano());
        int digits = utc.getNano() == 0 ? 0 : Math.min(3, 9 - trailingZeros(utc.getNano()));
        return SqlLiteral.createTimestamp(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, ts, digits, pos);
    }

    /** Whether {@code literal} names an instant: it is of a type WITH TIME ZONE, or a TIMESTAMP ending in an offset. */
    static boolean namesInstant(SqlUnknownLiteral literal) {
        String tag = literal.tag;
        return tag.equals("TIMESTAMP WITH TIME ZONE") || tag.equals("TIMESTAMP WITH LOCAL TIME ZONE")
                || tag.equals("TIMESTAMP") && ENDS_IN_OFFSET.matcher(literal.getValue()).matches();
    }

    /** The instant a literal that {@link #namesInstant names one} names, with all the digits its text has. */
    static Instant exact(SqlUnknownLiteral literal) {
        try {
            return InstantText.parse(literal.getValue()).toInstant();
        } catch (DateTimeException e) {
            throw new SqlError("22007", "invalid " + literal.tag + " literal '" + literal.getValue() + "': "
                    + e.getMessage(), e);
        }
    }

    private static int trailingZeros(int nanos) {
        int n = 0;
        while (nanos % 10 == 0 && n < 9) {
            nanos /= 10;
            n++;
        }
        return n;
    }
}
