package dev.mnemo.benchmarks.harness;

import dev.mnemo.server.Durations;
import dev.mnemo.server.MnemoCli;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code mnemo bench}: a YCSB-style load generator for Mnemo and, side by side in the same run, a baseline.
 * Results go to stdout as a table and optionally to JSON, a self-contained HTML page and a PNG.
 */
@Command(name = "mnemo-bench", mixinStandardHelpOptions = true, sortOptions = false, usageHelpWidth = 110,
        version = "mnemo bench 0.1.0",
        description = {
            "Load generator for Mnemo: YCSB workloads A, B, C, E, F, a bank of transfers (invariant checked) and "
                    + "bulk insert, against the embedded engine, a local cluster of member processes it starts "
                    + "itself (--cluster N), Hazelcast (three embedded members) or any JDBC URL, optionally side by "
                    + "side with a baseline (--compare) in alternating rounds on the same data.",
            "Latency: HdrHistogram per operation type; with --rate, measured from each operation's intended start "
                    + "(corrected for coordinated omission). Warm-up is never measured. Progress goes to stderr, "
                    + "results to stdout."},
        footer = {"",
            "Examples:",
            "  mnemo-bench -w a --duration 10s",
            "  mnemo-bench -w b -t embedded --compare jdbc:h2:mem:bench --threads 2 --html out.html",
            "  mnemo-bench -w bank -t jdbc:mnemo:mem:bank --threads 4 --json bank.json",
            "  mnemo-bench -w c --rate 50000 --duration 30s --png c.png",
            "  mnemo-bench -w a --cluster 3 --compare hazelcast --threads 64",
            "  mnemo-bench -w bank --cluster 3 --threads 2 --in-flight 32",
            "",
            "Exit status: 0 the run is valid; 1 it failed (errors, bank invariant violated, setup failed);",
            "2 bad usage; 3 asked for something not available (linearizable reads without a cluster target,",
            "asynchronous clients of a target without an asynchronous API)."})
public final class BenchCommand implements Callable<Integer> {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_NOT_AVAILABLE = 3;

    @Spec
    CommandSpec spec;

    @Option(names = {"-t", "--target"}, paramLabel = "TARGET", defaultValue = "embedded",
            description = "embedded (engine API in this JVM), cluster (see --cluster), hazelcast (three embedded "
                    + "members, IMap with two synchronous backups; workloads a, b, c, f) or a JDBC URL, e.g. "
                    + "jdbc:mnemo:mem:bench, jdbc:h2:mem:bench. Default: ${DEFAULT-VALUE}.")
    String target;

    @Option(names = "--compare", paramLabel = "TARGET2",
            description = "A baseline run in the same JVM on the same data, alternating rounds with the target; "
                    + "the table adds ratios.")
    String compare;

    @Option(names = "--cluster", paramLabel = "N",
            description = "A local cluster of N member processes on loopback (1.." + TargetChoice.CLUSTER_SIZE_MAX
                    + "), started for the run and stopped at its end, measured over the remote JDBC driver: the "
                    + "target unless -t or --compare names 'cluster' (whose size defaults to "
                    + TargetChoice.CLUSTER_SIZE_DEFAULT + ").")
    Integer cluster;

    @Option(names = "--cluster-disc", description = "The cluster's members keep their Raft log on disk (fsync per "
            + "batch) instead of in memory.")
    boolean clusterDisc;

    @Option(names = {"-w", "--workload"}, paramLabel = "W", defaultValue = "a",
            converter = WorkloadConverter.class,
            description = "a (50/50 read/update), b (95/5), c (read only), e (short scans + 5%% insert), "
                    + "f (read-modify-write), bank (transfers), insert (bulk load). Default: ${DEFAULT-VALUE}.")
    Workload workload;

    @Option(names = {"-r", "--records"}, paramLabel = "N", defaultValue = "100000",
            description = "Rows loaded before measuring (insert: rows to insert if no --duration/--ops). "
                    + "Default: ${DEFAULT-VALUE}.")
    long records;

    @Option(names = "--fields", paramLabel = "N", defaultValue = "10",
            description = "VARCHAR fields per row besides the key. Default: ${DEFAULT-VALUE}.")
    int fields;

    @Option(names = "--field-length", paramLabel = "CHARS", defaultValue = "100",
            description = "Characters per field. Default: ${DEFAULT-VALUE}.")
    int fieldLength;

    @Option(names = {"-d", "--distribution"}, paramLabel = "D", defaultValue = "zipfian",
            converter = DistributionConverter.class,
            description = "Key popularity: uniform, zipfian (YCSB's scrambled zipfian, theta 0.99), latest. "
                    + "Default: ${DEFAULT-VALUE}.")
    Distribution distribution;

    @Option(names = {"-c", "--threads"}, paramLabel = "N", defaultValue = "1",
            description = "Worker threads, each with its own session/connection. Default: ${DEFAULT-VALUE}.")
    int threads;

    @Option(names = "--in-flight", paramLabel = "N",
            description = "Asynchronous clients: each thread keeps N transactions in flight (Mnemo.transactionAsync) "
                    + "instead of waiting for each; latency from submit to answer. Targets embedded and cluster "
                    + "(whose members then run in this JVM). Default: one blocking operation per thread.")
    Integer inFlight;

    @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.Converter.class,
            description = "Measured time per round and target: " + Durations.SYNTAX + ". Default: 10s unless --ops "
                    + "is given.")
    Duration duration;

    @Option(names = {"-n", "--ops"}, paramLabel = "N",
            description = "Measured operations per round and target (instead of, or as well as, --duration).")
    Long ops;

    @Option(names = "--warmup", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.Converter.class,
            description = "Warm-up before every measured round, excluded from results: " + Durations.SYNTAX
                    + ". Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--rate", paramLabel = "OPS_PER_S",
            description = "Fixed total rate over all threads; latency counted from each operation's intended "
                    + "start. Without it: closed loop, as fast as the target answers.")
    Double rate;

    @Option(names = "--consistency", paramLabel = "LEVEL", defaultValue = BenchConfig.LOCAL,
            description = "Read consistency: local, or linearizable (a cluster target only: each read waits until "
                    + "its member has applied what the leader had committed). Default: ${DEFAULT-VALUE}.")
    String consistency;

    @Option(names = "--rounds", paramLabel = "N",
            description = "Measured rounds per target. Default: 3 with --compare, else 1.")
    Integer rounds;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seeds every random choice (data, keys, operations). Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--scan-length", paramLabel = "ROWS", defaultValue = "10",
            description = "Workload e: each scan reads 1..ROWS rows from a random key. Default: ${DEFAULT-VALUE}.")
    int scanLength;

    @Option(names = "--accounts", paramLabel = "N", defaultValue = "1000",
            description = "Workload bank: accounts, each opened with " + Tables.OPENING_BALANCE
                    + ". Default: ${DEFAULT-VALUE}.")
    long accounts;

    @Option(names = "--table-kind", paramLabel = "KIND", defaultValue = "auto", converter = KindConverter.class,
            description = "Mnemo table kind: auto (ordered_set for workload e, set otherwise), set, ordered_set; "
                    + "workload e always gets ordered_set. H2 and others get a PRIMARY KEY. Default: ${DEFAULT-VALUE}.")
    Tables.KindChoice tableKind;

    @Option(names = "--json", paramLabel = "FILE", description = "Write every number (and the machine) as JSON.")
    Path json;

    @Option(names = "--html", paramLabel = "FILE",
            description = "Write one self-contained HTML page: table, throughput bars, latency percentile curves.")
    Path html;

    @Option(names = "--png", paramLabel = "FILE", description = "Write the charts as one PNG image.")
    Path png;

    @Option(names = {"-q", "--quiet"}, description = "No progress line on stderr.")
    boolean quiet;

    private List<String> args = List.of();

    /**
     * The command line for {@code args}: a later option overrides an earlier one (so that scripts can append to a
     * base command), a value it cannot read is one line and exit status 2, and a crash is reported with exit
     * status 1.
     */
    public static CommandLine commandLine(String... args) {
        CommandLine cli = MnemoCli.oneLineForBadValues(new CommandLine(new BenchCommand().withArgs(args)),
                "mnemo bench");
        cli.setOverwrittenOptionsAllowed(true);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("mnemo bench: " + Failures.describe(e));
            e.printStackTrace(commandLine.getErr());
            return EXIT_FAILED;
        });
        return cli;
    }

    /** The arguments as given, recorded in the results. */
    BenchCommand withArgs(String... commandLine) {
        this.args = List.of(commandLine);
        return this;
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        BenchConfig config;
        TargetChoice targets;
        try {
            targets = targets();
            checkAvailable(targets);
            config = config(targets);
        } catch (NotAvailableException e) {
            err.println("mnemo bench: " + e.getMessage());
            return EXIT_NOT_AVAILABLE;
        }
        List<String> problems = new ArrayList<>(config.problems());
        problems.addAll(targets.problems(workload));
        if (inFlight != null && inFlight < 1) {
            problems.add(BenchConfig.inFlightRange(inFlight));
        }
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(spec.commandLine(), String.join("; ", problems));
        }
        RunResult result;
        try {
            result = new BenchRun(config, NanoClock.SYSTEM, new Progress(err, System.console() != null, quiet)).run();
        } catch (NotAvailableException e) {
            err.println("mnemo bench: " + e.getMessage());
            return EXIT_NOT_AVAILABLE;
        } catch (Exception e) {
            err.println("mnemo bench: the run failed: " + Failures.describe(e));
            e.printStackTrace(err);
            return EXIT_FAILED;
        }
        spec.commandLine().getOut().print(TextReport.render(result));
        spec.commandLine().getOut().flush();
        try {
            write(json, JsonReport.render(result));
            write(html, HtmlReport.render(result));
            if (png != null) {
                PngReport.write(result, png);
            }
        } catch (IOException e) {
            err.println("mnemo bench: could not write a report: " + Failures.describe(e));
            return EXIT_FAILED;
        }
        return result.problems().isEmpty() ? EXIT_OK : EXIT_FAILED;
    }

    /** The targets as the options name them, resolved (see {@link TargetChoice}); a usage error if they clash. */
    TargetChoice targets() {
        boolean targetGiven = spec.commandLine().getParseResult().hasMatchedOption("--target");
        try {
            return TargetChoice.resolve(target, targetGiven, compare, cluster, clusterDisc);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** Refuses, before anything starts, what does not exist, rather than measuring something else. */
    private void checkAvailable(TargetChoice targets) throws NotAvailableException {
        String level = consistency.toLowerCase(Locale.ROOT);
        if (level.equals(BenchConfig.LINEARIZABLE)
                && targets.specs().stream().noneMatch(TargetChoice::isClusterSpec)) {
            throw new NotAvailableException("read consistency 'linearizable' is available with the cluster target "
                    + "only (--cluster N): the embedded engine and the other targets read locally");
        }
        if (!level.equals(BenchConfig.LOCAL) && !level.equals(BenchConfig.LINEARIZABLE)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "unknown read consistency '"
                    + consistency + "': local or linearizable");
        }
        if (inFlight != null) {
            String problem = targets.asyncProblem();
            if (problem != null) {
                throw new NotAvailableException(problem);
            }
            if (level.equals(BenchConfig.LINEARIZABLE)) {
                throw new NotAvailableException("read consistency 'linearizable' is not available with --in-flight: "
                        + "asynchronous clients read their member's replica locally");
            }
        }
    }

    /** The settings with defaults resolved: targets, run length, rounds. */
    BenchConfig config(TargetChoice targets) {
        Duration d = duration;
        long n = ops == null ? 0 : ops;
        if (d == null && n == 0) {
            if (workload.startsEmpty()) {
                n = records;
            } else {
                d = BenchConfig.DEFAULT_DURATION;
            }
        }
        int r = rounds != null ? rounds : compare != null ? 3 : 1;
        return new BenchConfig(targets.target(), targets.compare(), workload, records, fields, fieldLength,
                distribution, threads, d, n, warmup, rate == null ? 0 : rate, inFlight == null ? 0 : inFlight,
                consistency.toLowerCase(Locale.ROOT), r, seed, scanLength, accounts, tableKind, json, html, png, quiet,
                args);
    }

    private static void write(Path file, String content) throws IOException {
        if (file != null) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
        }
    }

    static final class WorkloadConverter implements CommandLine.ITypeConverter<Workload> {
        @Override
        public Workload convert(String value) {
            for (Workload w : Workload.values()) {
                if (w.cliName().equalsIgnoreCase(value.strip())) {
                    return w;
                }
            }
            throw new CommandLine.TypeConversionException("unknown workload '" + value
                    + "': a, b, c, e, f, bank or insert (YCSB's d is not offered: use insert and -d latest)");
        }
    }

    static final class DistributionConverter implements CommandLine.ITypeConverter<Distribution> {
        @Override
        public Distribution convert(String value) {
            for (Distribution d : Distribution.values()) {
                if (d.cliName().equalsIgnoreCase(value.strip())) {
                    return d;
                }
            }
            throw new CommandLine.TypeConversionException("unknown distribution '" + value
                    + "': uniform, zipfian or latest");
        }
    }

    static final class KindConverter implements CommandLine.ITypeConverter<Tables.KindChoice> {
        @Override
        public Tables.KindChoice convert(String value) {
            for (Tables.KindChoice k : Tables.KindChoice.values()) {
                if (k.cliName().equalsIgnoreCase(value.strip())) {
                    return k;
                }
            }
            throw new CommandLine.TypeConversionException("unknown table kind '" + value
                    + "': auto, set or ordered_set");
        }
    }
}
