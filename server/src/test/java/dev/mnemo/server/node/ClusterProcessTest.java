package dev.mnemo.server.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Three member processes on loopback with bank transfers running from several remote JDBC clients, while the test
 * kills ({@code kill -9}) the leader, then a follower, and restarts each. Afterwards every member holds the same
 * rows, the total is unchanged, and every transfer a client saw committed is there.
 */
class ClusterProcessTest {
    private static final int ACCOUNTS = 50;
    private static final long OPENING_BALANCE = 1_000;
    private static final int CLIENTS = 4;

    @TempDir
    Path dir;

    private LocalCluster cluster;

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private Connection connect(String url) throws SQLException {
        Properties p = new Properties();
        p.setProperty("cookie", cookie());
        p.setProperty("connectTimeout", "5000");
        return DriverManager.getConnection(url, p);
    }

    private String cookie() {
        try {
            return Files.readString(cluster.cookieFile(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void killingTheLeaderThenAFollowerLosesNoAcknowledgedTransfer() throws Exception {
        cluster = LocalCluster.start(dir, LocalCluster.freePorts(3), true, Duration.ofSeconds(120));
        try (Connection c = connect(cluster.url()); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE account (id BIGINT PRIMARY KEY, balance BIGINT NOT NULL) WITH (storage = 'disc')");
            s.execute("CREATE TABLE transfer (id BIGINT PRIMARY KEY, src BIGINT NOT NULL, dst BIGINT NOT NULL, "
                    + "amount BIGINT NOT NULL) WITH (storage = 'disc')");
            StringBuilder insert = new StringBuilder("INSERT INTO account VALUES ");
            for (int i = 1; i <= ACCOUNTS; i++) {
                insert.append(i == 1 ? "" : ", ").append('(').append(i).append(", ").append(OPENING_BALANCE).append(')');
            }
            assertThat(s.executeUpdate(insert.toString())).isEqualTo(ACCOUNTS);
        }

        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        Map<String, AtomicLong> failures = new ConcurrentHashMap<>();
        AtomicBoolean running = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int t = 0; t < CLIENTS; t++) {
            int client = t;
            Thread thread = new Thread(() -> transfers(client, running, acknowledged, failures), "client-" + t);
            clients.add(thread);
            thread.start();
        }

        awaitProgress(acknowledged, 20);
        int leader = awaitLeader();
        cluster.kill(leader);
        int before = acknowledged.size();
        awaitProgress(acknowledged, before + 20);
        cluster.startMember(leader);
        cluster.awaitReady(leader, Duration.ofSeconds(120));

        int follower = (awaitLeader() + 1) % 3;
        cluster.kill(follower);
        before = acknowledged.size();
        awaitProgress(acknowledged, before + 20);
        cluster.startMember(follower);
        cluster.awaitReady(follower, Duration.ofSeconds(120));
        before = acknowledged.size();
        awaitProgress(acknowledged, before + 10);

        running.set(false);
        for (Thread thread : clients) {
            thread.join(60_000);
        }

        List<TreeMap<Long, Long>> balances = new ArrayList<>();
        List<Set<Long>> transfers = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            try (Connection c = connect("jdbc:mnemo://127.0.0.1:" + cluster.port(i) + ";consistency=linearizable");
                    Statement s = c.createStatement()) {
                TreeMap<Long, Long> b = new TreeMap<>();
                try (ResultSet rs = s.executeQuery("SELECT id, balance FROM account")) {
                    while (rs.next()) {
                        b.put(rs.getLong(1), rs.getLong(2));
                    }
                }
                Set<Long> ids = new java.util.TreeSet<>();
                try (ResultSet rs = s.executeQuery("SELECT id FROM transfer")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                balances.add(b);
                transfers.add(ids);
            }
        }
        System.out.printf("acknowledged transfers: %d; failures by SQLState: %s%n", acknowledged.size(), failures);
        assertThat(balances.get(0)).hasSize(ACCOUNTS);
        assertThat(balances.get(0).values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(ACCOUNTS * OPENING_BALANCE);
        assertThat(balances.get(1)).isEqualTo(balances.get(0));
        assertThat(balances.get(2)).isEqualTo(balances.get(0));
        assertThat(transfers.get(1)).isEqualTo(transfers.get(0));
        assertThat(transfers.get(2)).isEqualTo(transfers.get(0));
        assertThat(transfers.get(0)).containsAll(acknowledged);
    }

    private int awaitLeader() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            int leader = cluster.leaderFromLogs();
            if (leader >= 0) {
                return leader;
            }
            sleep(100);
        }
        throw new AssertionError("the members did not agree on a leader within 30 s");
    }

    private static void awaitProgress(Set<Long> acknowledged, int atLeast) {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (acknowledged.size() < atLeast) {
            assertThat(System.nanoTime() - deadline).as("transfers stalled at " + acknowledged.size()).isNegative();
            sleep(50);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One client: transfers in explicit transactions, reconnecting after failures, until told to stop. */
    private void transfers(int client, AtomicBoolean running, Set<Long> acknowledged,
            Map<String, AtomicLong> failures) {
        SplittableRandom random = new SplittableRandom(client);
        long next = client * 1_000_000L;
        Connection c = null;
        while (running.get()) {
            try {
                if (c == null) {
                    c = connect(cluster.url());
                    c.setAutoCommit(false);
                }
                long id = ++next;
                long src = 1 + random.nextInt(ACCOUNTS);
                long dst = 1 + (src + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long amount = 1 + random.nextInt(20);
                try (PreparedStatement read = c.prepareStatement("SELECT balance FROM account WHERE id = ?");
                        PreparedStatement write = c.prepareStatement("UPDATE account SET balance = ? WHERE id = ?");
                        PreparedStatement log = c.prepareStatement("INSERT INTO transfer VALUES (?, ?, ?, ?)")) {
                    long a = balance(read, src);
                    long b = balance(read, dst);
                    write.setLong(1, a - amount);
                    write.setLong(2, src);
                    write.executeUpdate();
                    write.setLong(1, b + amount);
                    write.setLong(2, dst);
                    write.executeUpdate();
                    log.setLong(1, id);
                    log.setLong(2, src);
                    log.setLong(3, dst);
                    log.setLong(4, amount);
                    log.executeUpdate();
                }
                c.commit();
                acknowledged.add(id);
            } catch (SQLException e) {
                failures.computeIfAbsent(String.valueOf(e.getSQLState()), k -> new AtomicLong()).incrementAndGet();
                try {
                    if (c != null) {
                        c.rollback();
                    }
                } catch (SQLException broken) {
                    closeQuietly(c);
                    c = null;
                }
                if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                    closeQuietly(c);
                    c = null;
                }
                sleep(20);
            }
        }
        closeQuietly(c);
    }

    private static long balance(PreparedStatement read, long id) throws SQLException {
        read.setLong(1, id);
        try (ResultSet rs = read.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("account " + id + " is missing", "02000");
            }
            return rs.getLong(1);
        }
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // already broken
            }
        }
    }
}
