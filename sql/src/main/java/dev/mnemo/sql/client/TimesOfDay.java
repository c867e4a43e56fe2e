package dev.mnemo.sql.client;

import java.sql.Time;
import java.time.LocalTime;

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
        LocalTime lt = localTime(t);
        String s = t.toString();
        int millis = lt.getNano() / 1_000_000;
        return millis == 0 ? s : s + "." + String.format(java.util.Locale.ROOT, "%03d", millis).replaceFirst("0+$", "");
    }
}
