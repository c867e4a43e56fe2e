package dev.mnemo.server;

import picocli.CommandLine;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one syntax of every duration option of {@code bin/mnemo} and {@code bin/mnemo bench}: a plain number of
 * seconds ({@code 5}, {@code 0.5}) or numbers with units ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h},
 * {@code 1m30s}). Nothing negative.
 */
public final class Durations {
    /** The syntax in words, for help texts and error messages. */
    public static final String SYNTAX = "seconds (5, 0.5) or with units (500ms, 5s, 2m, 1h, 1m30s)";

    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");

    private Durations() {
    }

    /** The duration {@code text} names; an {@link IllegalArgumentException} naming the syntax if it names none. */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (SECONDS.matcher(t).matches()) {
            return ofNanos(text, new BigDecimal(t).multiply(BigDecimal.valueOf(1_000_000_000L)));
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher m = PART.matcher(t);
        int end = 0;
        while (m.find() && m.start() == end) {
            long unitNanos = switch (m.group(2)) {
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unitNanos)));
            end = m.end();
        }
        if (end == 0 || end != t.length()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write " + SYNTAX);
        }
        return ofNanos(text, nanos);
    }

    private static Duration ofNanos(String text, BigDecimal nanos) {
        try {
            return Duration.ofNanos(nanos.setScale(0, RoundingMode.HALF_UP).longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration (at most 292 years)", e);
        }
    }

    /** {@link #parse} as a picocli converter: a value it refuses is a usage error. */
    public static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
