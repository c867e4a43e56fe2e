package dev.mnemo.benchmarks.harness;

import dev.mnemo.engine.Durations;

import java.time.Duration;
import java.util.Locale;

/** How numbers read in the text table, the progress line and the charts: units chosen for the magnitude. */
public final class Format {
    private Format() {
    }

    /** A count or rate with thousands separators, no decimals: 412,345. */
    public static String count(double value) {
        return String.format(Locale.ROOT, "%,.0f", value);
    }

    /** A latency in nanoseconds, with 3 significant figures in ns, µs, ms or s. */
    public static String latency(double nanos) {
        if (nanos < 1_000) {
            return String.format(Locale.ROOT, "%.0f ns", nanos);
        }
        if (nanos < 1_000_000) {
            return threeFigures(nanos / 1e3) + " µs";
        }
        if (nanos < 1_000_000_000) {
            return threeFigures(nanos / 1e6) + " ms";
        }
        return threeFigures(nanos / 1e9) + " s";
    }

    private static String threeFigures(double v) {
        if (v >= 100) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return v >= 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A latency for an axis tick: as {@link #latency} without trailing zeros (10 µs, 1 ms, 3.16 µs). */
    public static String latencyTick(double nanos) {
        String s = latency(nanos);
        int space = s.indexOf(' ');
        String number = s.substring(0, space);
        if (number.contains(".")) {
            number = number.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return number + s.substring(space);
    }

    /** A ratio: 3.41×. */
    public static String ratio(double r) {
        if (Double.isNaN(r) || Double.isInfinite(r)) {
            return "-";
        }
        return (r >= 100 ? String.format(Locale.ROOT, "%.0f", r) : r >= 10
                ? String.format(Locale.ROOT, "%.1f", r) : String.format(Locale.ROOT, "%.2f", r)) + "×";
    }

    public static String bytes(long bytes) {
        if (bytes < 0) {
            return "unknown";
        }
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
    }

    /** A duration as the command line takes it and every Mnemo message prints one: 10s, 500ms, 2m30s, 1.5s. */
    public static String duration(Duration d) {
        return d == null ? "-" : Durations.format(d);
    }

    /** A fraction as a signed percentage: +3.2%. */
    public static String percent(double fraction) {
        return String.format(Locale.ROOT, "%+.1f%%", fraction * 100);
    }
}
