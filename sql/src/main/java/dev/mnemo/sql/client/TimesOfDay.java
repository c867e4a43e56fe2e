package dev.mnemo.sql.client;

import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;

/**
 * {@link Time} with its milliseconds. The JDK's own conversions drop them: {@code Time.valueOf(LocalTime)},
 * {@code Time.toLocalTime()} and {@code Time.toString()} know only hours, minutes and seconds, so a TIME(3) value
 * lost its fraction on its way to and from JDBC.
 */
public final class TimesOfDay {
    private TimesOfDay() {
    }

    /** The time as a {@code java.sql.Time}, to the millisecond (finer digits are dropped). */
    public static Time time(LocalTime t) {
        Time out = Time.valueOf(t);
        out.setTime(out.getTime() + t.getNano() / 1_000_000);
        return out;
    }

    /** A {@code java.sql.Time} as a time of day, with its milliseconds. */
    public static LocalTime localTime(Time t) {
        return t.toLocalTime().withNano((int) Math.floorMod(t.getTime(), 1000L) * 1_000_000);
    }

    /** {@code HH:MM:SS}, then the fraction of a second if there is one, without trailing zeros. */
    public static String text(Time t) {
        return clock(localTime(t));
    }

    /**
     * {@code YYYY-MM-DD HH:MM:SS} and the fraction of a second if there is one, as a TIME's text and a TIMESTAMP
     * literal have it ({@code Timestamp.toString()} would add {@code .0} to a whole second).
     */
    public static String text(Timestamp t) {
        return text(t.toLocalDateTime());
    }

    /** A date and time as {@link #text(Timestamp)} writes a TIMESTAMP. */
    public static String text(LocalDateTime t) {
        return t.toLocalDate() + " " + clock(t.toLocalTime());
    }

    /** {@code HH:MM:SS}, then the fraction of a second if there is one, without trailing zeros. */
    public static String clock(LocalTime t) {
        String whole = String.format(Locale.ROOT, "%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond());
        if (t.getNano() == 0) {
            return whole;
        }
        return whole + "." + String.format(Locale.ROOT, "%09d", t.getNano()).replaceFirst("0+$", "");
    }
}
