package dev.mnemo.server.cluster;

import dev.mnemo.replication.cluster.ClusterConfig;
import dev.mnemo.replication.cluster.ClusterNode;
import dev.mnemo.replication.cluster.MemberRemovedException;
import dev.mnemo.replication.cluster.NoQuorumException;
import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.server.node.ClusterMembership;
import dev.mnemo.server.node.LocalCluster;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.jdbc.MnemoDriver;
import dev.mnemo.sql.service.ClientService;

import java.nio.charset.StandardCharsets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three members with disc data in this JVM, on loopback, each serving SQL to remote JDBC connections; a member can
 * be stopped and started again from its data directory.
 */
final class SqlCluster implements AutoCloseable {
    private static final String COOKIE = "cluster-cookie";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path dir;
    private final List<ClusterNode> members = new ArrayList<>();
    private final List<Integer> ports;

    private SqlCluster(Path dir) {
        this.dir = dir;
        this.ports = LocalCluster.freePorts(3);
    }

    /** Starts three members under {@code dir} and waits until all three vote. */
    static SqlCluster start(Path dir) throws Exception {
        MnemoDriver.awaitWarmup();
        SqlCluster cluster = new SqlCluster(dir);
        for (int i = 0; i < 3; i++) {
            String[] seeds = i == 0 ? new String[0] : new String[] {name(0) + cluster.ports.get(0)};
            cluster.members.add(cluster.startMember(i, true, seeds));
        }
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (cluster.members.get(0).nodes().stream().filter(ClusterNode.MemberInfo::voter).count() < 3) {
            assertThat(System.nanoTime()).as("three voters").isLessThan(deadline);
            Thread.sleep(20);
        }
        return cluster;
    }

    private static String name(int member) {
        return (char) ('a' + member) + "@127.0.0.1:";
    }

    /**
     * Starts member {@code i} on its port and data directory, serving SQL, and waits until it is {@code ready};
     * {@code seeds} empty on a restart.
     */
    private ClusterNode startMember(int i, boolean ready, String... seeds) {
        ClusterConfig.Builder config = ClusterConfig.builder(name(i) + ports.get(i), Cookie.of(COOKIE))
                .dataDir(dir.resolve(String.valueOf((char) ('a' + i)))).tick(Duration.ofMillis(20))
                .writeTimeout(Duration.ofSeconds(5));
        if (seeds.length > 0) {
            config.join(seeds);
        }
        ClusterNode node = ClusterNode.start(config.build(), member -> List.of(new ClientService(
                new SqlDatabase(member.db(), SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT,
                        SqlDatabase.CASE_WHEN_BRANCHES_DEFAULT, new ClusterMembership(member)),
                COOKIE.getBytes(StandardCharsets.UTF_8), member.name(), timeout -> {
                    try {
                        member.awaitLinearizable(timeout);
                    } catch (NoQuorumException e) {
                        throw new SQLTransientConnectionException(e.getMessage(), e.sqlState(), e);
                    } catch (MemberRemovedException e) {
                        throw new SQLNonTransientConnectionException(e.getMessage(), e.sqlState(), e);
                    }
                })));
        if (ready) {
            node.awaitReady(READY_TIMEOUT);
        }
        return node;
    }

    /** Stops member {@code i} and starts it again from its data directory, without seeds. */
    void restart(int i) {
        members.get(i).close();
        members.set(i, null);
        members.set(i, startMember(i, true));
    }

    /** Starts member {@code i}, stopped, again from its data directory, and returns at once. */
    void startAgain(int i) {
        members.set(i, startMember(i, false));
    }

    /** A connection to member {@code i} alone, reading linearizably (it sees what was written through another). */
    Connection connect(int i) throws SQLException {
        return DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + ports.get(i) + "/?cookie=" + COOKIE
                + "&consistency=linearizable");
    }

    /** A connection to member {@code i} alone, reading what it has applied (no barrier through the leader). */
    Connection connectLocal(int i) throws SQLException {
        return DriverManager.getConnection("jdbc:mnemo://127.0.0.1:" + ports.get(i) + "/?cookie=" + COOKIE);
    }

    /** Writes the cluster's cookie to a private file under {@code dir}, for the command line's --cookie-file. */
    static Path cookieFile(Path dir) throws IOException {
        Path file = dir.resolve("cookie");
        Files.writeString(file, COOKIE);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    /** Where member {@code i} listens, {@code host:port}. */
    String address(int i) {
        return "127.0.0.1:" + ports.get(i);
    }

    /** Member {@code i} itself (null while stopped). */
    ClusterNode member(int i) {
        return members.get(i);
    }

    /** Stops member {@code i}, as a crash would for the others: it does not leave the cluster. */
    void stop(int i) {
        members.get(i).close();
        members.set(i, null);
    }

    /** A member that is not the leader. */
    int follower() {
        for (int i = 0; i < 3; i++) {
            if (!members.get(i).isLeader()) {
                return i;
            }
        }
        throw new AssertionError("no follower");
    }

    @Override
    public void close() {
        for (int i = members.size() - 1; i >= 0; i--) {
            if (members.get(i) != null) {
                members.get(i).close();
            }
        }
    }
}
