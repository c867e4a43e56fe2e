package dev.mnemo.benchmarks.harness;

import dev.mnemo.server.node.LocalCluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A local Mnemo cluster that the load generator starts itself: N member processes on loopback (each a
 * {@code mnemo node} in its own JVM, started by the server's {@link LocalCluster}), measured over the remote JDBC
 * driver, and stopped at the end. Worker sessions connect to the members in turn, so that a third of the clients
 * of a three-member cluster are on each member (the others forward their commits to the leader).
 */
final class ClusterTarget implements Target {
    /** How long the members may take to start and form the cluster. */
    static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final String label;
    private final Path dir;
    private final LocalCluster cluster;
    private final JdbcTarget jdbc;
    private final List<String> notes = new ArrayList<>();

    private ClusterTarget(String label, Path dir, LocalCluster cluster, JdbcTarget jdbc) {
        this.label = label;
        this.dir = dir;
        this.cluster = cluster;
        this.jdbc = jdbc;
    }

    /** Starts the members a resolved cluster spec names and connects to them. */
    static ClusterTarget start(String spec, BenchConfig config, Progress progress) throws Exception {
        int size = TargetChoice.clusterSize(spec);
        boolean disc = TargetChoice.clusterDisc(spec);
        Path dir = Files.createTempDirectory("mnemo-bench-cluster");
        List<Integer> ports = LocalCluster.freePorts(size);
        progress.message("mnemo bench: starting " + size + " member processes in " + dir + " ...");
        LocalCluster cluster = LocalCluster.start(dir, ports, disc, START_TIMEOUT);
        try {
            String properties = properties(cluster.cookieFile(), config.consistency());
            List<String> sessionUrls = new ArrayList<>();
            for (int first = 0; first < size; first++) {
                sessionUrls.add(memberUrl(ports, first) + properties);
            }
            JdbcTarget jdbc = JdbcTarget.open(spec, cluster.url() + properties, sessionUrls, config.fields(),
                    config.fieldChars(), config.scanRowsMax(), config.tableKind());
            ClusterTarget target = new ClusterTarget(spec, dir, cluster, jdbc);
            target.notes.add(size + " member processes on loopback, Raft log " + (disc ? "on disk (fsync per batch)"
                    : "in memory") + ", started by the load generator; member logs in " + dir
                    + " (removed at the end of the run)");
            target.notes.add("sessions connect to the members in turn; reads are " + config.consistency());
            return target;
        } catch (SQLException | RuntimeException | NotAvailableException e) {
            cluster.close();
            throw e;
        }
    }

    /** The remote URL's properties: the cluster's cookie file and, for linearizable reads, that consistency. */
    static String properties(Path cookieFile, String consistency) {
        return "?cookieFile=" + cookieFile + (consistency.equals(BenchConfig.LINEARIZABLE)
                ? "&consistency=" + BenchConfig.LINEARIZABLE : "");
    }

    /** A remote URL listing every member, starting with member {@code first} (the driver tries them in order). */
    static String memberUrl(List<Integer> ports, int first) {
        StringBuilder sb = new StringBuilder("jdbc:mnemo://");
        for (int i = 0; i < ports.size(); i++) {
            sb.append(i == 0 ? "" : ",").append("127.0.0.1:").append(ports.get((first + i) % ports.size()));
        }
        return sb.toString();
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> notes() {
        List<String> out = new ArrayList<>(notes);
        out.addAll(jdbc.notes());
        return out;
    }

    @Override
    public void createTables(Workload workload) throws Exception {
        jdbc.createTables(workload);
    }

    @Override
    public void recreateUserTable() throws Exception {
        jdbc.recreateUserTable();
    }

    @Override
    public void loadAccounts(long accounts, long balance) throws Exception {
        jdbc.loadAccounts(accounts, balance);
    }

    @Override
    public Session openSession() throws Exception {
        return jdbc.openSession();
    }

    @Override
    public BankCheck.Totals bankTotals() throws Exception {
        return jdbc.bankTotals();
    }

    @Override
    public long internalRetries() {
        return jdbc.internalRetries();
    }

    /** Disconnects, stops every member and deletes their data and logs. */
    @Override
    public void close() throws Exception {
        try {
            jdbc.close();
        } finally {
            cluster.close();
            deleteTree(dir);
        }
    }

    static void deleteTree(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
