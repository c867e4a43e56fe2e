package dev.mnemo.engine;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one text form of a duration in Mnemo: what every duration option of {@code bin/mnemo} reads ({@link #parse})
 * and how every message, log line and configuration error prints one ({@link #format}), so that a value a user reads
 * can be given back as it is. A plain number of seconds ({@code 5}, {@code 0.5}) or numbers with units
 * ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1m30s}). It lives in the engine, the one module every
 * other depends on.
 */
public final class Durations {
    /** The syntax in words, for help texts and error messages. */
    public static final String SYNTAX = "seconds (5, 0.5) or with units (500ms, 5s, 2m, 1h, 1m30s)";

    private static final Pattern SECONDS = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger NANOS_PER_MINUTE = BigInteger.valueOf(60_000_000_000L);
    private static final BigInteger NANOS_PER_HOUR = BigInteger.valueOf(3_600_000_000_000L);

    private Durations() {
    }

    /** The duration {@code text} names; an {@link IllegalArgumentException} naming the syntax if it names none. */
    public static Duration parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        if (SECONDS.matcher(t).matches()) {
            return ofNanos(text, new BigDecimal(t).multiply(new BigDecimal(NANOS_PER_SECOND)));
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

    /**
     * {@code d} as {@link #parse} reads it back, exactly: whole hours, minutes and seconds with the seconds' fraction
     * ({@code 1m30s}, {@code 2m}, {@code 1.5s}, {@code 1h0.25s}), under a second in milliseconds ({@code 500ms},
     * {@code 0.25ms}), and {@code 0s}. A negative duration, which no option takes but a message may report, gets a
     * minus sign.
     */
    public static String format(Duration d) {
        BigInteger nanos = BigInteger.valueOf(d.getSeconds()).multiply(NANOS_PER_SECOND)
                .add(BigInteger.valueOf(d.getNano()));
        return nanos.signum() < 0 ? "-" + formatNanos(nanos.negate()) : formatNanos(nanos);
    }

    private static String formatNanos(BigInteger nanos) {
        if (nanos.signum() == 0) {
            return "0s";
        }
        if (nanos.compareTo(NANOS_PER_SECOND) < 0) {
            return plain(new BigDecimal(nanos, 6)) + "ms";
        }
        BigInteger[] hours = nanos.divideAndRemainder(NANOS_PER_HOUR);
        BigInteger[] minutes = hours[1].divideAndRemainder(NANOS_PER_MINUTE);
        StringBuilder text = new StringBuilder();
        if (hours[0].signum() > 0) {
            text.append(hours[0]).append('h');
        }
        if (minutes[0].signum() > 0) {
            text.append(minutes[0]).append('m');
        }
        if (minutes[1].signum() > 0) {
            text.append(plain(new BigDecimal(minutes[1], 9))).append('s');
        }
        return text.toString();
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
