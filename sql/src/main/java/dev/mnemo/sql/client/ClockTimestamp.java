package dev.mnemo.sql.client;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Locale;

/**
 * A {@link Timestamp} that names an instant and shows the date and time a clock showed at it, where that clock is
 * not this JVM's default zone's: a timestamp set with a Calendar, or one a client in another zone sent. A
 * TIMESTAMP WITH TIME ZONE stores its instant ({@link #toInstant()}), a TIMESTAMP its clock
 * ({@link #toLocalDateTime()}); a plain Timestamp would recompute the clock in the default zone.
 */
public final class ClockTimestamp extends Timestamp {
    private static final long serialVersionUID = 1L;
    private static final long MILLIS_PER_SECOND = 1000L;
    private static final int NANOS_PER_MILLI = 1_000_000;

    private final LocalDateTime clock;

    private ClockTimestamp(Instant instant, LocalDateTime clock) {
        super(instant.getEpochSecond() * MILLIS_PER_SECOND + instant.getNano() / NANOS_PER_MILLI);
        setNanos(instant.getNano());
        this.clock = clock;
    }

    /** Instant {@code at} as a clock in {@code zone} shows it. */
    public static ClockTimestamp of(Instant at, ZoneId zone) {
        return new ClockTimestamp(at, LocalDateTime.ofInstant(at, zone));
    }

    /**
     * A TIMESTAMP value read back: {@code Timestamp.valueOf(clock)}, JDBC's own class, whose instant reads the clock
     * in this JVM's default zone. Where that zone skips the clock time (02:30 on the night Europe/Paris moves from
     * 02:00 to 03:00), that Timestamp would give back 03:30: then a ClockTimestamp of the same instant, an hour on as
     * JDBC has it, whose {@link #toLocalDateTime()} and {@link #toString()} still give 02:30.
     */
    public static Timestamp exact(LocalDateTime clock) {
        Timestamp plain = Timestamp.valueOf(clock);
        return plain.toLocalDateTime().equals(clock) ? plain : new ClockTimestamp(plain.toInstant(), clock);
    }

    /**
     * The instant at which a clock {@code offsetSeconds} ahead of UTC shows {@code clock}. Not a ZoneOffset: before
     * 1582 a Timestamp's clock is on the Julian calendar, days away from the instant's proleptic Gregorian date.
     */
    public static ClockTimestamp of(LocalDateTime clock, long offsetSeconds) {
        return new ClockTimestamp(Instant.ofEpochSecond(Math.subtractExact(clock.toEpochSecond(ZoneOffset.UTC),
                offsetSeconds), clock.getNano()), clock);
    }

    /** The seconds that the clock {@code t} shows are ahead of UTC at its instant (negative west of it). */
    public static long offsetSeconds(Timestamp t) {
        return t.toLocalDateTime().toEpochSecond(ZoneOffset.UTC) - t.toInstant().getEpochSecond();
    }

    @Override
    public LocalDateTime toLocalDateTime() {
        return clock;
    }

    /** As {@link Timestamp#toString()} prints a timestamp, of the clock's date and time. */
    @Override
    public String toString() {
        String fraction = String.format(Locale.ROOT, "%09d", clock.getNano()).replaceFirst("(?<=.)0+$", "");
        return clock.toLocalDate() + " " + TimesOfDay.clock(clock.toLocalTime().withNano(0)) + "." + fraction;
    }
}
