package dev.mnemo.server.cluster;

import dev.mnemo.replication.cluster.ClusterNode;
import dev.mnemo.server.node.LocalCluster;
import dev.mnemo.server.shell.CliRun;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * An operator's view and changes of a three-member cluster (in this JVM, on loopback, through remote JDBC):
 * {@code INFORMATION_SCHEMA.CLUSTER_MEMBERS} on every member and {@code mnemo status} over it (its table, summary and
 * exit status); {@code mnemo remove-member} and {@code CALL MNEMO.REMOVE_MEMBER}, which remove a stopped member
 * through the leader and refuse what may not be removed with its SQLState and reason.
 */
class ClusterOperationsTest {
    @TempDir
    Path dir;
    @AutoClose
    private SqlCluster cluster;
    private String cookie;

    @BeforeEach
    void start() throws Exception {
        cluster = SqlCluster.start(dir.resolve("data"));
        cookie = SqlCluster.cookieFile(dir).toString();
    }

    private List<String> roles(int member) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = cluster.connect(member); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT member_name, role, is_self, is_reachable, commit_index "
                     + "FROM information_schema.cluster_members ORDER BY member_name")) {
            while (rs.next()) {
                out.add(rs.getString(1) + ":" + rs.getString(2) + ":" + rs.getString(3) + ":" + rs.getString(4)
                        + ":" + (rs.getObject(5) != null));
            }
        }
        return out;
    }

    private int leader() {
        for (int i = 0; i < 3; i++) {
            ClusterNode m = cluster.member(i);
            if (m != null && m.isLeader()) {
                return i;
            }
        }
        throw new AssertionError("no leader");
    }

    private static String nameOf(int member) {
        return String.valueOf((char) ('a' + member));
    }

    private static void waitElectionTimeouts(int n) throws InterruptedException {
        Thread.sleep(n * 200L); // SqlCluster's members tick every 20 ms, 10 ticks to an election timeout
    }

    @Test
    void everyMemberShowsOneLeaderAndTwoFollowersAndStatusExitsZero() throws Exception {
        int leader = leader();
        for (int i = 0; i < 3; i++) {
            List<String> rows = roles(i);
            assertThat(rows).as("seen from " + nameOf(i)).hasSize(3);
            assertThat(rows).filteredOn(r -> r.contains(":leader:")).singleElement().asString()
                    .startsWith(nameOf(leader) + ":");
            assertThat(rows).filteredOn(r -> r.contains(":follower:")).hasSize(2);
            assertThat(rows).filteredOn(r -> r.contains(":YES:") && r.endsWith(":true")).singleElement()
                    .asString().as("only its own row gives its commit index").startsWith(nameOf(i) + ":");
        }

        CliRun run = CliRun.of("status", cluster.address((leader + 1) % 3), "--cookie-file", cookie);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).startsWith("MEMBER").contains("leader a@", "3 of 3 voters reachable")
                .doesNotContain("unreachable");
        assertThat(run.out().lines().filter(l -> l.endsWith("up"))).hasSize(3);
        assertThat(run.out().lines().filter(l -> l.matches("^" + nameOf(leader) + " .* leader .*"))).hasSize(1);
    }

    @Test
    void aStoppedMemberShowsUnreachableWhileALeaderAndAMajorityRemain() throws Exception {
        int stopped = cluster.follower();
        String address = cluster.address(stopped);
        cluster.stop(stopped);
        waitElectionTimeouts(3);
        int leader = leader();
        assertThat(roles(leader)).contains(nameOf(stopped) + ":follower:NO:NO:false");

        CliRun run = CliRun.of("status", address + "," + cluster.address(leader), "--cookie-file", cookie);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("2 of 3 voters reachable");
        assertThat(run.out().lines().filter(l -> l.startsWith(nameOf(stopped) + " ")))
                .singleElement().asString().endsWith("unreachable");
    }

    @Test
    void withoutAMajorityStatusExitsOne() throws Exception {
        int leader = leader();
        for (int i = 0; i < 3; i++) {
            if (i != leader) {
                cluster.stop(i);
            }
        }
        waitElectionTimeouts(3);
        CliRun run = CliRun.of("status", cluster.address(leader), "--cookie-file", cookie);
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("1 of 3 voters reachable", "mnemo status: ");
    }

    @Test
    void noMemberAnsweringExitsOne() {
        CliRun run = CliRun.of("status", "127.0.0.1:" + LocalCluster.freePorts(1).get(0), "--cookie-file", cookie,
                "--timeout", "1s");
        assertThat(run.exit()).as(run.out()).isEqualTo(1);
        assertThat(run.out()).contains("cannot ask 127.0.0.1:", "no member answered");
    }

    @Test
    void aStoppedMemberRemovedThroughAFollowerLeavesTwoVotersThatStillCommit() throws Exception {
        int leader = leader();
        int stopped = (leader + 1) % 3;
        int other = (leader + 2) % 3;
        cluster.stop(stopped);

        CliRun run = CliRun.of("remove-member", nameOf(stopped), "--url", cluster.address(other), "--cookie-file",
                cookie);
        assertThat(run.exit()).as(run.out()).isZero();
        assertThat(run.out()).contains("removed " + nameOf(stopped), "leader " + nameOf(leader) + "@");

        try (Connection c = cluster.connect(other); Statement s = c.createStatement()) {
            assertThat(column(c, "SELECT member_name FROM information_schema.cluster_members "
                    + "WHERE is_voter = 'YES' ORDER BY member_name"))
                    .containsExactly(nameOf(Math.min(leader, other)), nameOf(Math.max(leader, other)));
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
            assertThat(s.executeUpdate("INSERT INTO t VALUES (1), (2)")).isEqualTo(2);
        }
        CliRun status = CliRun.of("status", cluster.address(leader), "--cookie-file", cookie);
        assertThat(status.exit()).as(status.out()).isZero();
        assertThat(status.out()).contains("2 of 2 voters reachable").doesNotContain("unreachable");
    }

    @Test
    void aRemovedMemberRestartedFromItsDataShowsItselfRemovedAndRefusesWrites08006() throws Exception {
        int leader = leader();
        int removed = (leader + 1) % 3;
        try (Connection c = cluster.connect(leader); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INT PRIMARY KEY)");
        }
        // It must have the table before it goes: once removed it learns nothing more, and an INSERT into a table it
        // does not know fails planning (42S02) before it reaches the removed member's log.
        cluster.member(removed).awaitLinearizable(java.time.Duration.ofSeconds(5));
        cluster.stop(removed);
        CliRun run = CliRun.of("remove-member", nameOf(removed), "--url", cluster.address(leader), "--cookie-file",
                cookie);
        assertThat(run.exit()).as(run.out()).isZero();

        cluster.startAgain(removed);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cluster.member(removed).isRemoved()) {
            assertThat(System.nanoTime()).as("it learns of its removal").isLessThan(deadline);
            waitElectionTimeouts(1);
        }
        try (Connection c = cluster.connectLocal(removed); Statement s = c.createStatement()) {
            assertThat(column(c, "SELECT role FROM information_schema.cluster_members WHERE is_self = 'YES'"))
                    .containsExactly("removed");
            assertThatThrownBy(() -> s.executeUpdate("INSERT INTO t VALUES (1)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("08006");
                        assertThat(e.getMessage()).contains("was removed from the cluster", "empty its data directory");
                    });
        }
        CliRun status = CliRun.of("status", cluster.address(leader), "--cookie-file", cookie);
        assertThat(status.exit()).as(status.out()).isZero();
        assertThat(status.out()).contains("2 of 2 voters reachable");
    }

    @Test
    void anUnknownNameTheLeaderAndACallOnAFollowerAreRefusedWithTheirReasons() throws Exception {
        int leader = leader();
        CliRun unknown = CliRun.of("remove-member", "nobody", "--url", cluster.address(0), "--cookie-file", cookie);
        assertThat(unknown.exit()).isEqualTo(1);
        assertThat(unknown.out()).contains("no member named nobody", "42704");

        CliRun itself = CliRun.of("remove-member", nameOf(leader), "--url", cluster.address(0), "--cookie-file",
                cookie);
        assertThat(itself.exit()).isEqualTo(1);
        assertThat(itself.out()).contains("it is the leader", "leave", "55000");

        int follower = cluster.follower();
        try (Connection c = cluster.connect(follower); Statement s = c.createStatement()) {
            assertThatThrownBy(() -> s.execute("CALL MNEMO.REMOVE_MEMBER('" + nameOf((follower + 1) % 3) + "')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("55000");
                        assertThat(e.getMessage()).contains("only the leader", "ask " + nameOf(leader) + "@");
                    });
            assertThat(column(c, "SELECT COUNT(*) FROM information_schema.cluster_members"))
                    .containsExactly("3");
        }
    }

    /** The first column of a query's rows. */
    private static List<String> column(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }
}
