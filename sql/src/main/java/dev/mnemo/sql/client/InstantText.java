package dev.mnemo.sql.client;

import java.sql.SQLDataException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A TIMESTAMP WITH TIME ZONE as text: written at UTC as {@code 2026-12-03 08:00:00.5+00:00} (its fraction as a
 * TIMESTAMP's, without trailing zeros), read with or without a {@code T}, with an offset ({@code +02:00},
 * {@code +0200}, {@code +02}, {@code Z}), with the name of a zone ({@code Europe/Paris}) or without either, which is
 * UTC: Mnemo has no session time zone.
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

    /** A date and time, then the name of a zone, which starts with a letter where an offset starts with a sign. */
    private static final Pattern ENDS_IN_ZONE_NAME =
            Pattern.compile("(.*\\d:\\d{2}(?::\\d{2}(?:\\.\\d*)?)?)\\s*([A-Za-z][A-Za-z0-9_/+:.\\-]*)");

    private InstantText() {
    }

    /** The text of an instant, at UTC. */
    public static String format(Instant i) {
        LocalDateTime t = LocalDateTime.ofInstant(i, ZoneOffset.UTC);
        return t.toLocalDate() + " " + TimesOfDay.clock(t.toLocalTime()) + "+00:00";
    }

    /**
     * The instant a text names; throws DateTimeException for a text that names none. A text may end in the name of
     * a zone instead of an offset ({@code 2026-03-01 10:00:00 Europe/Paris}, {@code UTC}, {@code Z}): the instant at
     * which a clock there shows its date and time. A clock the zone skips is read with the offset before the gap,
     * as {@link java.time.ZonedDateTime} reads it (an hour on), and one it shows twice is the earlier instant.
     */
    public static OffsetDateTime parse(String text) {
        Matcher named = ENDS_IN_ZONE_NAME.matcher(text.strip());
        if (named.matches()) {
            return clock(READ.parse(named.group(1))).atZone(zone(named.group(2))).toOffsetDateTime();
        }
        var parsed = READ.parse(text.strip());
        ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                ? ZoneOffset.ofTotalSeconds(parsed.get(ChronoField.OFFSET_SECONDS)) : ZoneOffset.UTC;
        return clock(parsed).atOffset(offset);
    }

    private static LocalDateTime clock(TemporalAccessor parsed) {
        return LocalDateTime.of(java.time.LocalDate.from(parsed), java.time.LocalTime.from(parsed));
    }

    /**
     * The zone a name names, as java.time knows its region ids and offsets ({@code Europe/Paris}, {@code UTC},
     * {@code Z}, {@code UTC+01:00}), in any case; a DateTimeException naming an unknown one.
     */
    static ZoneId zone(String name) {
        for (String id : new String[] {name, name.toUpperCase(Locale.ROOT), Regions.BY_LOWER_CASE.get(
                name.toLowerCase(Locale.ROOT))}) {
            try {
                if (id != null) {
                    return ZoneId.of(id);
                }
            } catch (DateTimeException unknown) {
                // not under this spelling: try the next
            }
        }
        throw new DateTimeException("unknown time zone '" + name + "'");
    }

    /** The region ids java.time knows, by their lower case spelling; made when a text first names a zone. */
    private static final class Regions {
        static final Map<String, String> BY_LOWER_CASE = ZoneId.getAvailableZoneIds().stream()
                .collect(Collectors.toUnmodifiableMap(id -> id.toLowerCase(Locale.ROOT), id -> id, (a, b) -> a));
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
