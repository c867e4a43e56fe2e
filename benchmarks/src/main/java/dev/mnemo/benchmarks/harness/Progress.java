package dev.mnemo.benchmarks.harness;

import java.io.PrintWriter;

/**
 * The live progress line on stderr: on a terminal one line rewritten in place every second; otherwise (a log
 * file, CI) a plain line every {@value #PLAIN_EVERY_TICKS} seconds, so that logs stay readable. Quiet prints nothing.
 */
final class Progress {
    static final int PLAIN_EVERY_TICKS = 5;

    private final PrintWriter out;
    private final boolean terminal;
    private final boolean quiet;
    private int ticks;
    private int lastWidth;

    Progress(PrintWriter out, boolean terminal, boolean quiet) {
        this.out = out;
        this.terminal = terminal;
        this.quiet = quiet;
    }

    /** One snapshot of a running phase. */
    record Snapshot(String phase, boolean warmingUp, long opsSoFar, double opsPerSecond, long p99Nanos,
                    long errors, long conflicts, double secondsLeft) {
        String line() {
            StringBuilder sb = new StringBuilder(phase).append("  ")
                    .append(warmingUp ? "warm-up  " : "measuring  ")
                    .append(Format.count(opsSoFar)).append(" ops  ")
                    .append(Format.count(opsPerSecond)).append(" ops/s");
            if (!warmingUp) {
                sb.append("  p99 ").append(p99Nanos > 0 ? Format.latency(p99Nanos) : "-");
                sb.append("  errors ").append(Format.count(errors));
                sb.append("  conflicts ").append(Format.count(conflicts));
            }
            if (secondsLeft >= 0) {
                sb.append("  ").append(Math.round(Math.ceil(secondsLeft))).append(" s left");
            }
            return sb.toString();
        }
    }

    void show(Snapshot s) {
        if (quiet) {
            return;
        }
        String line = s.line();
        if (terminal) {
            out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
            lastWidth = line.length();
            out.flush();
        } else if (ticks++ % PLAIN_EVERY_TICKS == 0) {
            out.println(line);
            out.flush();
        }
    }

    /** A message of its own, after clearing the progress line. */
    void message(String text) {
        if (quiet) {
            return;
        }
        clear();
        out.println(text);
        out.flush();
    }

    void clear() {
        if (!quiet && terminal && lastWidth > 0) {
            out.print("\r" + " ".repeat(lastWidth) + "\r");
            out.flush();
            lastWidth = 0;
        }
        ticks = 0;
    }
}
