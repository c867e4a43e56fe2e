package dev.mnemo.sql.client;

import java.sql.SQLDataException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;

/**
 * A TIMESTAMP WITH TIME ZONE as text: written at UTC as {@code 2026-12-03 08:00:00.5+00:00} (its fraction as a
 * TIMESTAMP's, without trailing zeros), read with or without a {@code T}, with an offset ({@code +02:00},
 * {@code +0200}, {@code +02}, {@code Z}) or without one, which is UTC: Mnemo has no session time zone.
 */
public final class InstantText {
    private static final DateTimeFormatter READ = new DateTimeFormatterBuilder().parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE).optionalStart().appendLiteral('T').optionalEnd()
            .optionalStart().appendLiteral(' ').optionalEnd()
            .appendPattern("HH:mm[:ss]").optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd().optionalStart().appendLiteral(' ').optionalEnd()
            .optionalStart().appendOffset("+HH:MM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
            .optionalStart().appendOffset("+HH", "Z").optionalEnd()
            .toFormatter();

    private InstantText() {
    }

    /** The text of an instant, at UTC. */
    public static String format(Instant i) {
        LocalDateTime t = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        return t.toLocalDate() + " " + TimesOfDay.clock(t.toLocalTime()) + "+00:00";
    }

    /** The instant a text names; throws DateTimeException for a text that names none. */
    public static OffsetDateTime parse(String text) {
        var parsed = READ.parse(text.strip());
        LocalDateTime local = LocalDateTime.of(java.time.LocalDate.from(parsed), java.time.LocalTime.from(parsed));
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
        return local.atOffset(offset);
    }

    /** As {@link #parse}, failing with a 22007 SQLDataException. */
    public static OffsetDateTime parseChecked(String text) throws SQLDataException {
        try {
            return parse(text);
        } catch (DateTimeException e) {
            throw new SQLDataException("invalid TIMESTAMP WITH TIME ZONE '" + text + "': " + e.getMessage(), "22007");
        }
    }
}
