package dev.mnemo.server.node;

import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.server.Durations;
import dev.mnemo.server.MnemoVersion;
import dev.mnemo.server.shell.SqlCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

/**
 * {@code mnemo local}: starts a cluster of member processes on loopback for trying Mnemo out, opens a SQL shell on
 * it, and stops the members when the shell ends (or on Ctrl-C, while they start too).
 */
@Command(name = "local", mixinStandardHelpOptions = true, versionProvider = MnemoVersion.class,
        description = "Start a local cluster of member processes on loopback and open a SQL shell on it.")
public final class LocalCommand implements Callable<Integer> {
    private static final int NODES_DEFAULT = 3;
    private static final int NODES_MAX = 9;

    @Option(names = "--nodes", paramLabel = "N",
            description = "Members, 1.." + NODES_MAX + " (default: as many as --dir holds, else " + NODES_DEFAULT
                    + ").")
    Integer nodes;

    @Option(names = "--base-port", defaultValue = "7001", paramLabel = "PORT",
            description = "The first member's port; the others follow (default ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Keep the members' data, logs and cookie here, so a later run restarts them (as many as it "
                    + "holds, on the ports it was made with). Default: a temporary directory removed at the end.")
    Path dir;

    @Option(names = "--start-timeout", defaultValue = "3m", paramLabel = "DURATION",
            converter = Durations.Converter.class,
            description = "How long the members may take to start and join, all of them (default ${DEFAULT-VALUE}; "
                    + "a member that exits is reported at once): " + Durations.SYNTAX + ".")
    Duration startTimeout;

    @Option(names = "--ram", description = "Members without data directories (memory only). Refused on a --dir that "
            + "holds a cluster's saved data.")
    boolean ram;

    @Option(names = "--no-shell", description = "Do not open a shell: run until Ctrl-C.")
    boolean noShell;

    @Option(names = "-e", paramLabel = "SQL", description = "Run these statements on the cluster, print the results, "
            + "stop the cluster and exit.")
    List<String> statements = new ArrayList<>();

    @Option(names = "--outputformat", paramLabel = "FORMAT", defaultValue = "table",
            description = "The shell's output: table, vertical, csv, tsv, json (default ${DEFAULT-VALUE}).")
    String outputFormat;

    @Override
    public Integer call() throws Exception {
        if (nodes != null && (nodes < 1 || nodes > NODES_MAX)) {
            throw new IllegalArgumentException("--nodes must be in 1.." + NODES_MAX + ", got " + nodes);
        }
        if (startTimeout.isZero()) {
            throw new IllegalArgumentException("--start-timeout must be longer than 0s");
        }
        int held = dir == null ? 0 : LocalCluster.membersIn(dir);
        if (ram && held > 0) {
            // Members without data directories would start an empty cluster beside the saved one, without a word.
            throw new IllegalStateException(dir + " holds the saved data of " + clusterOf(held) + ", which --ram "
                    + "does not use: drop --ram to restart that cluster, or pass another --dir (or none) for a "
                    + "memory-only cluster");
        }
        int count = members(held);
        if (basePort < 1 || basePort + count - 1 > 65535) {
            throw new IllegalArgumentException("--base-port " + basePort + " with " + (count == 1 ? "1 member needs "
                    + "port " : count + " members needs ports ") + ports(basePort, count) + ", outside 1..65535");
        }
        if (held > 0) {
            checkBasePort(count);
        }
        Run run = new Run();
        // Registered before anything is made: Ctrl-C while the members start stops them and removes the directory.
        Thread stopper = new Thread(run::end, "mnemo-local-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            return run(run, held, count);
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopper);
            } catch (IllegalStateException shuttingDown) {
                // The hook has started, or will: it ends the run, and end() waits for it.
            }
            run.end();
        }
    }

    private int run(Run run, int held, int count) throws Exception {
        boolean temporary = dir == null;
        Path where = temporary ? run.makeTemporaryDir() : dir;
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ports.add(basePort + i);
        }
        String what = (count == 1 ? "1 member" : count + " members") + (held > 0 ? " of " + where : "");
        System.err.printf("mnemo: %s %s on 127.0.0.1:%s (logs in %s)%n", held > 0 ? "restarting the" : "starting",
                what, ports(basePort, count), where);
        LocalCluster cluster = run.track(LocalCluster.prepare(where, ports, !ram, List.of()));
        try {
            cluster.start(startTimeout);
        } catch (RuntimeException e) {
            // The members it started are stopped: nothing writes to the directory any more.
            try {
                run.end();
            } catch (UncheckedIOException notRemoved) {
                e.addSuppressed(notRemoved);
            }
            throw startFailure(e, temporary);
        }
        run.announceReady(cluster);
        cluster.reportExits(line -> System.err.println("mnemo: " + line));
        String cookie = new String(Cookie.fromFile(cluster.cookieFile()).bytes(), StandardCharsets.UTF_8);
        if (noShell && statements.isEmpty()) {
            // Another terminal needs the cookie to connect, and it lies in a directory the user did not choose.
            System.err.printf("mnemo: a shell on it: bin/mnemo sql '%s' --cookie-file %s%n", cluster.url(),
                    cluster.cookieFile().toAbsolutePath());
            System.err.println("mnemo: Ctrl-C stops the cluster");
            Thread.currentThread().join();
            return 0;
        }
        return SqlCommand.shell(cluster.url(), cookie, statements, outputFormat);
    }

    /**
     * What a run makes and its end undoes, however it ends (a return, a failure, or Ctrl-C at any moment, the
     * cluster's start included): the members it started and the temporary directory it made. The first
     * {@link #end} does it; a later one, from the shutdown hook or the command, waits for it and does nothing more.
     */
    private static final class Run {
        private Path temporaryDir;
        private LocalCluster cluster;
        private boolean ended;

        synchronized Path makeTemporaryDir() throws IOException {
            checkRunning();
            temporaryDir = Files.createTempDirectory("mnemo-local-");
            return temporaryDir;
        }

        synchronized LocalCluster track(LocalCluster prepared) {
            checkRunning();
            cluster = prepared;
            return prepared;
        }

        /**
         * Says the cluster is ready unless Ctrl-C came first: a member may finish starting while the shutdown hook
         * stops it, and the user who pressed Ctrl-C must not read "ready" after it.
         */
        synchronized void announceReady(LocalCluster started) {
            checkRunning();
            System.err.printf("mnemo: cluster ready: %s%n", started.url());
        }

        private void checkRunning() {
            if (ended) {
                throw new LocalCluster.StoppedException();
            }
        }

        /** Stops the members, then removes the temporary directory (nothing writes to it any more). */
        synchronized void end() {
            if (ended) {
                return;
            }
            ended = true;
            if (cluster != null) {
                cluster.close();
            }
            if (temporaryDir != null) {
                removeTree(temporaryDir);
            }
        }
    }

    /**
     * The line a failed start ends with: a member that exited (with the cause its log gives) or was not ready in
     * time, and its log, unless that went with the temporary directory.
     */
    private static RuntimeException startFailure(RuntimeException e, boolean temporary) {
        if (!(e instanceof LocalCluster.MemberNotStartedException failed)) {
            return e;
        }
        String what = failed.what() + (failed instanceof LocalCluster.NotReadyException ? " (--start-timeout)" : "");
        String log = temporary ? "; its log was in the temporary directory, now removed: pass --dir DIR to keep it"
                : "; see " + failed.log();
        return new IllegalStateException(failed.member() + " " + what + log, e);
    }

    private static String clusterOf(int members) {
        return "a cluster of " + members + (members == 1 ? " member (n1)" : " members (n1..n" + members + ")");
    }

    /**
     * The members to start: those the directory holds ({@code held}, when it holds any), else --nodes or the default.
     * A --nodes that differs from what the directory holds is refused before anything starts: fewer members may not
     * form a majority of that cluster (the run would wait, then fail), and more would join it for good.
     */
    private int members(int held) {
        if (held == 0) {
            return nodes == null ? NODES_DEFAULT : nodes;
        }
        if (nodes != null && nodes != held) {
            throw new IllegalStateException(dir + " holds " + clusterOf(held) + ", not " + nodes + ": pass --nodes "
                    + held + " (or no --nodes) to restart it, or another --dir for a new cluster");
        }
        return held;
    }

    /**
     * Refuses a --base-port other than the one the directory's cluster was made with, before anything starts: each
     * member's data directory records its name with its port, and a member refuses one recorded under another name.
     */
    private void checkBasePort(int count) {
        OptionalInt made = LocalCluster.basePortIn(dir);
        if (made.isPresent() && made.getAsInt() != basePort) {
            int first = made.getAsInt();
            throw new IllegalStateException(dir + " holds a cluster on ports " + ports(first, count) + ", not "
                    + ports(basePort, count) + ": pass --base-port " + first + " to restart it, or another --dir for "
                    + "a new cluster");
        }
    }

    private static String ports(int first, int count) {
        return count == 1 ? Integer.toString(first) : first + ".." + (first + count - 1);
    }

    private static void removeTree(Path removeDir) {
        if (Files.exists(removeDir)) {
            try {
                Files.walkFileTree(removeDir, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                        Files.delete(file);
                        return FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                        Files.delete(d);
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot remove " + removeDir, e);
            }
        }
    }
}
