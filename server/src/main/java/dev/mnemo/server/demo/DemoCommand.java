package dev.mnemo.server.demo;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.server.MnemoVersion;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/** {@code mnemo demo}: a guided tour of one embedded in-memory member, printed step by step. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class, description = {
    "Tours an embedded in-memory database, printing each step.",
    "%nA table with an index, transactions (one aborted), an index lookup, ordered range scans, concurrent "
        + "transfers that conflict and re-run, change events, a dirty read and the statistics."})
public final class DemoCommand implements Callable<Integer> {
    /** More threads than this only measure the machine's scheduler, not the database. */
    static final int THREADS_MAX = 64;
    /** So that a slip of the finger cannot turn the tour into a long benchmark. */
    static final int TRANSFERS_MAX = 100_000;

    @Spec
    private CommandSpec spec;

    @Option(names = "--transfers", defaultValue = "1000", paramLabel = "<count>",
            description = "Transfers in the concurrent step, 0.." + TRANSFERS_MAX + " (default: ${DEFAULT-VALUE}).")
    private int transfers;

    @Option(names = "--threads", defaultValue = "4", paramLabel = "<count>",
            description = "Threads in the concurrent step, 1.." + THREADS_MAX + " (default: ${DEFAULT-VALUE}).")
    private int threads;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "<seed>",
            description = "Seed of the concurrent step's random transfers; thread timing still varies the counts "
                    + "(default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call() throws Exception {
        if (threads < 1 || threads > THREADS_MAX) {
            throw new ParameterException(spec.commandLine(),
                    "--threads must be 1.." + THREADS_MAX + ", got " + threads);
        }
        if (transfers < 0 || transfers > TRANSFERS_MAX) {
            throw new ParameterException(spec.commandLine(),
                    "--transfers must be 0.." + TRANSFERS_MAX + ", got " + transfers);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Mnemo db = Mnemo.inMemory()) {
            new Tour(db, out, new Tour.Contention(transfers, threads, seed)).run();
        } finally {
            out.flush();
        }
        return 0;
    }
}
