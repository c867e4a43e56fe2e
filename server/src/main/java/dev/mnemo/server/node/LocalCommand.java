package dev.mnemo.server.node;

import dev.mnemo.replication.transport.Cookie;
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
import java.util.concurrent.Callable;

/**
 * {@code mnemo local}: starts a cluster of member processes on loopback for trying Mnemo out, opens a SQL shell on
 * it, and stops the members when the shell ends (or on Ctrl-C).
 */
@Command(name = "local", mixinStandardHelpOptions = true, versionProvider = dev.mnemo.server.MnemoVersion.class,
        description = "Start a local cluster of member processes on loopback and open a SQL shell on it.")
public final class LocalCommand implements Callable<Integer> {
    @Option(names = "--nodes", defaultValue = "3", paramLabel = "N", description = "Members (default ${DEFAULT-VALUE}).")
    int nodes;

    @Option(names = "--base-port", defaultValue = "7001", paramLabel = "PORT",
            description = "The first member's port; the others follow (default ${DEFAULT-VALUE}).")
    int basePort;

    @Option(names = "--dir", paramLabel = "DIR",
            description = "Keep the members' data, logs and cookie here, so a later run restarts them. Default: a "
                    + "temporary directory removed at the end.")
    Path dir;

    @Option(names = "--ram", description = "Members without data directories (memory only).")
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
        if (nodes < 1 || nodes > 9) {
            throw new IllegalArgumentException("--nodes must be in 1..9, got " + nodes);
        }
        if (basePort < 1 || basePort + nodes - 1 > 65535) {
            throw new IllegalArgumentException("--base-port " + basePort + " with " + nodes + " members needs ports "
                    + basePort + ".." + (basePort + nodes - 1) + ", outside 1..65535");
        }
        boolean temporary = dir == null;
        Path where = temporary ? Files.createTempDirectory("mnemo-local-") : dir;
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            ports.add(basePort + i);
        }
        System.err.printf("mnemo: starting %d members on 127.0.0.1:%d..%d (logs in %s)%n", nodes, basePort,
                basePort + nodes - 1, where);
        LocalCluster cluster = LocalCluster.start(where, ports, !ram, Duration.ofSeconds(90));
        Thread stopper = new Thread(() -> stop(cluster, temporary ? where : null), "mnemo-local-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            System.err.printf("mnemo: cluster ready: %s%n", cluster.url());
            String cookie = new String(Cookie.fromFile(cluster.cookieFile()).bytes(), StandardCharsets.UTF_8);
            if (noShell && statements.isEmpty()) {
                System.err.println("mnemo: Ctrl-C stops the cluster");
                Thread.currentThread().join();
                return 0;
            }
            return SqlCommand.shell(cluster.url(), cookie, statements, outputFormat);
        } finally {
            Runtime.getRuntime().removeShutdownHook(stopper);
            stop(cluster, temporary ? where : null);
        }
    }

    private static synchronized void stop(LocalCluster cluster, Path removeDir) {
        cluster.close();
        if (removeDir != null && Files.exists(removeDir)) {
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
