package dev.mnemo.benchmarks.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The settings of one run, as resolved from the command line (defaults applied), with every limit checked by
 * {@link #problems()}. Recorded in the results so that a run can be repeated.
 *
 * @param duration    measured time per round and target; null when the run is bounded by {@code opsMax} only
 * @param opsMax      measured operations per round and target; 0 when bounded by time only
 * @param rate        total operations per second over all threads (fixed-rate driver); 0 for closed loop
 * @param inFlight    operations each thread keeps in flight as asynchronous clients; 0 for blocking threads, one
 *                    operation at a time each
 */
public record BenchConfig(String target, String compare, Workload workload, long records, int fields,
                          int fieldChars, Distribution distribution, int threads, Duration duration, long opsMax,
                          Duration warmup, double rate, int inFlight, String consistency, int rounds, long seed,
                          int scanRowsMax, long accounts, Tables.KindChoice tableKind, Path json, Path html,
                          Path png, boolean quiet, List<String> commandLine) {
    public static final int THREADS_MAX = 1024;
    /** Asynchronous clients per thread: each holds one transaction and its answer in the heap. */
    public static final int IN_FLIGHT_MAX = 4096;
    public static final int FIELDS_MAX = 100;
    public static final int FIELD_CHARS_MAX = 10_000;
    /** fields × field length: well under the engine's default row limit (1 MiB) once encoded. */
    public static final int ROW_CHARS_MAX = 256 * 1024;
    public static final long RECORDS_MAX = 1L << 31;
    public static final int ROUNDS_MAX = 100;
    public static final int SCAN_ROWS_MAX = 1_000;
    public static final long ACCOUNTS_MIN = 2;
    public static final Duration DEFAULT_DURATION = Duration.ofSeconds(10);
    public static final String LOCAL = "local";
    public static final String LINEARIZABLE = "linearizable";

    /** Every setting outside its limits, in words; empty if the configuration can run. */
    public List<String> problems() {
        List<String> out = new ArrayList<>();
        check(out, threads >= 1 && threads <= THREADS_MAX, "--threads must be 1.." + THREADS_MAX + ", got " + threads);
        check(out, inFlight >= 0 && inFlight <= IN_FLIGHT_MAX, inFlightRange(inFlight));
        check(out, fields >= 1 && fields <= FIELDS_MAX, "--fields must be 1.." + FIELDS_MAX + ", got " + fields);
        check(out, fieldChars >= 1 && fieldChars <= FIELD_CHARS_MAX,
                "--field-length must be 1.." + FIELD_CHARS_MAX + ", got " + fieldChars);
        check(out, (long) fields * fieldChars <= ROW_CHARS_MAX, "--fields × --field-length must be at most "
                + ROW_CHARS_MAX + " characters, got " + (long) fields * fieldChars);
        check(out, records >= 1 && records <= RECORDS_MAX,
                "--records must be 1.." + RECORDS_MAX + ", got " + records);
        check(out, rounds >= 1 && rounds <= ROUNDS_MAX, "--rounds must be 1.." + ROUNDS_MAX + ", got " + rounds);
        check(out, scanRowsMax >= 1 && scanRowsMax <= SCAN_ROWS_MAX,
                "--scan-length must be 1.." + SCAN_ROWS_MAX + ", got " + scanRowsMax);
        check(out, accounts >= ACCOUNTS_MIN && accounts <= RECORDS_MAX,
                "--accounts must be " + ACCOUNTS_MIN + ".." + RECORDS_MAX + ", got " + accounts);
        check(out, duration == null || !duration.isNegative() && !duration.isZero(),
                "--duration must be positive, got " + duration);
        check(out, opsMax >= 0, "--ops must be positive, got " + opsMax);
        check(out, duration != null || opsMax > 0, "give --duration or --ops");
        check(out, warmup != null && !warmup.isNegative(), "--warmup must not be negative, got " + warmup);
        check(out, rate >= 0 && !Double.isInfinite(rate) && !Double.isNaN(rate),
                "--rate must be a positive number of operations per second, got " + rate);
        check(out, rate == 0 || rate / threads <= 1e9, "--rate per thread must be at most 1e9 ops/s");
        check(out, compare == null || !compare.equals(target), "--compare needs a target other than --target");
        return out;
    }

    /** The range of {@code --in-flight} (0 in a configuration stands for its absence: blocking threads). */
    static String inFlightRange(int got) {
        return "--in-flight must be 1.." + IN_FLIGHT_MAX + ", got " + got;
    }

    private static void check(List<String> out, boolean ok, String problem) {
        if (!ok) {
            out.add(problem);
        }
    }

    /** How each round's length is bounded, in words. */
    public String runLength() {
        String time = duration == null ? null : Format.duration(duration) + " measured";
        String ops = opsMax == 0 ? null : Format.count(opsMax) + " measured operations";
        String bound = time == null ? ops : ops == null ? time : time + " or " + ops + ", whichever ends first";
        return Format.duration(warmup) + " warm-up + " + bound;
    }

    /** How operations are paced, in words. */
    public String driver() {
        if (inFlight > 0) {
            String clients = String.format("%d asynchronous clients (%d %s × %d in flight)", clients(), threads,
                    threads == 1 ? "thread" : "threads", inFlight);
            return rate > 0 ? String.format("fixed rate %s ops/s over %s (latency from intended start: corrected "
                    + "for coordinated omission)", Format.count(rate), clients)
                    : clients + ", closed loop (each client submits its next operation when its previous one is "
                    + "answered; latency from submit to answer)";
        }
        return rate > 0 ? String.format("fixed rate %s ops/s over %d threads (latency from intended start: "
                + "corrected for coordinated omission)", Format.count(rate), threads)
                : threads + (threads == 1 ? " thread" : " threads")
                + ", closed loop (each thread starts its next operation when the previous one ends)";
    }

    /** Clients with an operation in flight at a time: one per blocking thread, or the asynchronous ones. */
    public int clients() {
        return inFlight > 0 ? threads * inFlight : threads;
    }

    /** The data set in words. */
    public String data() {
        if (workload.isBank()) {
            return String.format("%,d accounts of %,d, transfers of 1..%d", accounts, Tables.OPENING_BALANCE,
                    Tables.TRANSFER_AMOUNT_MAX);
        }
        String rows = workload.startsEmpty() ? "empty table, re-created every round"
                : String.format("%,d records", records);
        return String.format("%s, key + %d fields × %d chars", rows, fields, fieldChars)
                + (workload.scans() ? String.format(", scans of 1..%d rows", scanRowsMax) : "");
    }
}
