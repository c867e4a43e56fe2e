package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.linq4j.function.Strict;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a text before it is read as a TIME ({@link DatetimeCasts}, a parameter). Calcite's reading takes the hour,
 * minute and second without looking at their ranges, so '25:00' became 01:00 and '12:61' 13:01; casts to DATE and
 * TIMESTAMP check theirs. A text that is not {@code H:MM[:SS[.fraction]]} with each field in range fails with
 * SQLState 22007.
 */
public final class TimeText {
    private static final Pattern TIME = Pattern.compile("\\s*(\\d{1,2}):(\\d{2})(?::(\\d{2})(?:\\.\\d*)?)?\\s*");

    private TimeText() {
    }

    /** The text unchanged if it is a valid TIME; a 22007 error if not. */
    @Strict
    public static String check(String text) {
        Matcher m = TIME.matcher(text);
        if (!m.matches()) {
            throw new SqlError("22007", "invalid datetime: '" + text + "' is not a TIME (HH:MM[:SS[.fraction]])");
        }
        inRange(text, "HOUR", m.group(1), 23);
        inRange(text, "MINUTE", m.group(2), 59);
        inRange(text, "SECOND", m.group(3), 59);
        return text;
    }

    private static void inRange(String text, String field, String digits, int max) {
        if (digits != null && Integer.parseInt(digits) > max) {
            throw new SqlError("22007", "invalid datetime: " + field + " " + digits + " is past " + max + " in TIME '"
                    + text + "'");
        }
    }
}
