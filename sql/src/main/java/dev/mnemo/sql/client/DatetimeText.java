package dev.mnemo.sql.client;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.Time;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.Properties;

/**
 * TIME and TIMESTAMP values that print as {@code getString} gives them, for a connection opened with
 * {@code datetimeText=true} (the SQL shell's): tools such as sqlline print {@code getObject(i).toString()}, and
 * {@code Timestamp.toString()} adds {@code .0} to a whole second while {@code Time.toString()} drops the fraction.
 * They are still a {@link Timestamp} and a {@link Time}, equal to the plain ones of the same value.
 */
public final class DatetimeText {
    /** The connection property, {@code true} or {@code false} (the default), of both drivers. */
    public static final String PROPERTY = "datetimeText";

    private DatetimeText() {
    }

    /** Whether connection properties {@code p} ask for such values; 08001 for a value other than true or false. */
    public static boolean requested(Properties p) throws SQLException {
        String v = p.getProperty(PROPERTY, "false").trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw new SQLNonTransientConnectionException(PROPERTY + " must be true or false, got '" + v + "'",
                    "08001");
        }
        return v.equalsIgnoreCase("true");
    }

    /** {@code v}, or a TIME or TIMESTAMP of the same value that prints as getString does. */
    static Object of(Object v) {
        if (v instanceof Timestamp t && !(v instanceof TimestampText)) {
            TimestampText text = new TimestampText(t.getTime(), t.toLocalDateTime());
            text.setNanos(t.getNanos());
            return text;
        }
        if (v instanceof Time t && !(v instanceof TimeText)) {
            return new TimeText(t.getTime());
        }
        return v;
    }

    /** Keeps the clock of the timestamp it copies, which a clock that the JVM's zone skips would not give back. */
    private static final class TimestampText extends Timestamp {
        private static final long serialVersionUID = 1L;
        private final LocalDateTime clock;

        TimestampText(long millis, LocalDateTime clock) {
            super(millis);
            this.clock = clock;
        }

        @Override
        public LocalDateTime toLocalDateTime() {
            return clock;
        }

        @Override
        public String toString() {
            return TimesOfDay.text(this);
        }
    }

    private static final class TimeText extends Time {
        private static final long serialVersionUID = 1L;

        TimeText(long millis) {
            super(millis);
        }

        @Override
        public String toString() {
            return TimesOfDay.text(this);
        }
    }
}
