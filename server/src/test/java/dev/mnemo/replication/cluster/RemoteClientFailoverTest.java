package dev.mnemo.replication.cluster;

import dev.mnemo.replication.transport.Cookie;
import dev.mnemo.server.node.LocalCluster;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.jdbc.MnemoDriver;
import dev.mnemo.sql.service.ClientService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A remote SQL client whose URL lists every member of a three-member cluster (in this JVM, on loopback) moves to
 * another member when its own cannot serve it: cut off from the majority, or closing. In this package for
 * {@link ClusterNode#cutOff}.
 */
class RemoteClientFailoverTest {
    private static final String COOKIE = "failover-cookie";
    private final List<ClusterNode> members = new ArrayList<>();
    private List<Integer> ports;

    @BeforeEach
    void startCluster() throws Exception {
        MnemoDriver.awaitWarmup();
        ports = LocalCluster.freePorts(3);
        for (int i = 0; i < 3; i++) {
            ClusterConfig.Builder config = ClusterConfig.builder((char) ('a' + i) + "@127.0.0.1:" + ports.get(i),
                    Cookie.of(COOKIE)).tick(Duration.ofMillis(20)).writeTimeout(Duration.ofSeconds(2));
            if (i > 0) {
                config.join("a@127.0.0.1:" + ports.get(0));
            }
            members.add(ClusterNode.start(config.build(), member -> List.of(new ClientService(
                    new SqlDatabase(member.db(), SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT),
                    COOKIE.getBytes(StandardCharsets.UTF_8), member.name(), timeout -> {
                        try {
                            member.awaitLinearizable(timeout);
                        } catch (NoQuorumException e) {
                            throw new SQLTransientConnectionException(e.getMessage(), e.sqlState(), e);
                        }
                    }))));
            members.get(i).awaitReady(Duration.ofSeconds(30));
        }
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (members.get(0).nodes().stream().filter(ClusterNode.MemberInfo::voter).count() < 3) {
            assertThat(System.nanoTime()).as("three voters").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @AfterEach
    void stopCluster() {
        for (int i = members.size() - 1; i >= 0; i--) {
            members.get(i).close();
        }
    }

    /** A URL listing every member, member {@code first} first. */
    private String url(int first, String extra) {
        StringBuilder hosts = new StringBuilder();
        for (int k = 0; k < 3; k++) {
            hosts.append(k == 0 ? "" : ",").append("127.0.0.1:").append(ports.get((first + k) % 3));
        }
        return "jdbc:mnemo://" + hosts + "/?cookie=" + COOKIE + extra;
    }

    /** A follower: the member a client starts on, so that the leader stays on the majority side. */
    private int follower() {
        for (int i = 0; i < 3; i++) {
            if (!members.get(i).isLeader()) {
                return i;
            }
        }
        throw new AssertionError("no follower");
    }

    private Set<Long> ids(int member) throws SQLException {
        Set<Long> out = new HashSet<>();
        try (Connection c = DriverManager.getConnection(url(member, "&consistency=linearizable"));
             ResultSet rs = c.createStatement().executeQuery("SELECT id FROM log")) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static void insert(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO log VALUES (?)")) {
            ps.setLong(1, id);
            ps.executeUpdate();
        }
    }

    /** Cuts member {@code victim} off from the other two, both ways. */
    private void cutOff(int victim) {
        ClusterNode v = members.get(victim);
        Set<String> others = new HashSet<>();
        for (ClusterNode m : members) {
            if (m != v) {
                others.add(m.name());
                m.cutOff(Set.of(v.name()));
            }
        }
        v.cutOff(others);
    }

    @Test
    void aClientOfACutOffMemberMovesToTheMajorityAfterItsRefusal() throws Exception {
        int victim = follower();
        try (Connection c = DriverManager.getConnection(url(victim, ""))) {
            c.createStatement().execute("CREATE TABLE log (id BIGINT PRIMARY KEY)");
            insert(c, 0);
            cutOff(victim);
            // The cut-off member refuses within its write timeout: nothing was committed.
            assertThatThrownBy(() -> insert(c, 1)).extracting(e -> ((SQLException) e).getSQLState())
                    .isEqualTo("08006");
            // No transaction was open: the next statement goes to a member of the majority.
            insert(c, 2);
            int majority = (victim + 1) % 3;
            assertThat(ids(majority)).containsExactlyInAnyOrder(0L, 2L);
        }
    }

    @Test
    void aConnectionToACutOffMemberIsNotValidAndMovesToTheMajority() throws Exception {
        int victim = follower();
        Connection c = DriverManager.getConnection(url(victim, ""));
        try (c) {
            c.createStatement().execute("CREATE TABLE log (id BIGINT PRIMARY KEY)");
            assertThat(c.isValid(2)).isTrue();
            assertThat(c.isValid(0)).isTrue();
            assertThatThrownBy(() -> c.isValid(-1)).isInstanceOf(SQLException.class);
            cutOff(victim);
            // The member still answers, but has no leader to serve writes: a pool must not hand the connection out.
            long start = System.nanoTime();
            assertThat(c.isValid(2)).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            // No transaction was open: the next statement goes to a member of the majority, without a refusal first.
            insert(c, 1);
            assertThat(c.isValid(2)).isTrue();
            assertThat(ids((victim + 1) % 3)).containsExactly(1L);
        }
        assertThat(c.isValid(2)).isFalse();
    }

    @Test
    void aClosingMemberHandsItsClientsToAnotherWithoutLosingAnAcknowledgedWrite() throws Exception {
        int victim = follower();
        Set<Long> acknowledged = new HashSet<>();
        List<String> failures = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url(victim, ""))) {
            c.createStatement().execute("CREATE TABLE log (id BIGINT PRIMARY KEY)");
            long id = 0;
            for (; id < 50; id++) {
                insert(c, id);
                acknowledged.add(id);
            }
            members.get(victim).close();
            long afterClose = 0;
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (afterClose < 50 && System.nanoTime() < deadline) {
                id++;
                try {
                    insert(c, id);
                    acknowledged.add(id);
                    afterClose++;
                } catch (SQLException e) {
                    failures.add(e.getSQLState() + " " + e.getMessage());
                }
            }
            assertThat(afterClose).as("writes after the close, failures %s", failures).isEqualTo(50);
        }
        // The stream ends with the member: at most the statement running then fails (unknown outcome, or
        // refused), not every statement until the stream runs down.
        assertThat(failures).hasSizeLessThanOrEqualTo(2);
        assertThat(ids((victim + 1) % 3)).containsAll(acknowledged);
    }
}
