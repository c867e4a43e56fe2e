package dev.mnemo.server.cluster;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A sequence of a three-member cluster with disc data (in this JVM, on loopback), drawn from through remote JDBC
 * connections to every member at once, never hands out a value twice: not across members, and not by a member
 * after it stops and starts again from its data directory (the unused rest of its block is a gap); after ALTER
 * SEQUENCE, no member hands out a value of the block it held before.
 */
class ClusterSequenceTest {
    private static final int THREADS_PER_MEMBER = 2;
    private static final int DRAWS_PER_THREAD = 40;
    private static final int CACHE = 5;

    @TempDir
    Path dir;
    @AutoClose
    private SqlCluster cluster;

    private Connection connect(int i) throws SQLException {
        return cluster.connect(i);
    }

    private static long select(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT NEXT VALUE FOR s FROM (VALUES (0))");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    /** Inserts a row keyed by the sequence's next value: a value drawn twice would fail with 23505. */
    private static void insert(Connection c, int member) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO item VALUES (NEXT VALUE FOR s, ?)")) {
            ps.setInt(1, member);
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
    }

    /** The values handed out by SELECTs on every member at once; the INSERTs' values are the keys of item. */
    private List<Long> drawOnEveryMember() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3 * THREADS_PER_MEMBER);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (int m = 0; m < 3; m++) {
                int member = m;
                for (int t = 0; t < THREADS_PER_MEMBER; t++) {
                    futures.add(pool.submit(() -> {
                        List<Long> got = new ArrayList<>();
                        try (Connection c = connect(member)) {
                            for (int i = 0; i < DRAWS_PER_THREAD; i++) {
                                if (i % 2 == 0) {
                                    got.add(select(c));
                                } else {
                                    insert(c, member);
                                }
                            }
                        }
                        return got;
                    }));
                }
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    private List<Long> itemKeys(int member) throws SQLException {
        List<Long> keys = new ArrayList<>();
        try (Connection c = connect(member); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id FROM item")) {
            while (rs.next()) {
                keys.add(rs.getLong(1));
            }
        }
        return keys;
    }

    @Test
    void afterAlterSequenceEveryMemberDrawsFromTheNewStateNotFromItsBlock() throws Exception {
        cluster = SqlCluster.start(dir);
        List<Connection> cs = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                cs.add(connect(i));
            }
            cs.get(0).createStatement().execute("CREATE SEQUENCE s CACHE 100");
            List<Long> before = new ArrayList<>();
            for (Connection c : cs) {
                before.add(select(c)); // each member now holds most of a block of 100
            }
            assertThat(before).doesNotHaveDuplicates().allMatch(v -> v < 1000);
            cs.get(1).createStatement().execute("ALTER SEQUENCE s RESTART WITH 1000 INCREMENT BY 7");
            List<Long> after = new ArrayList<>();
            for (Connection c : cs) {
                after.add(select(c));
                after.add(select(c));
            }
            assertThat(after).doesNotHaveDuplicates().allMatch(v -> v >= 1000 && (v - 1000) % 7 == 0);
        } finally {
            for (Connection c : cs) {
                c.close();
            }
        }
    }

    @Test
    void membersDrawingAtOnceAndAMemberRestartedFromDiscNeverHandOutAValueTwice() throws Exception {
        cluster = SqlCluster.start(dir);
        try (Connection c = connect(0); Statement s = c.createStatement()) {
            s.execute("CREATE SEQUENCE s CACHE " + CACHE);
            s.execute("CREATE TABLE item (id BIGINT PRIMARY KEY, origin INTEGER)");
        }
        List<Long> before = drawOnEveryMember();
        List<Long> keysBefore = itemKeys(0);
        before.addAll(keysBefore);
        assertThat(before).hasSize(3 * THREADS_PER_MEMBER * DRAWS_PER_THREAD).doesNotHaveDuplicates()
                .allMatch(v -> v >= 1);
        long highest = Collections.max(before);

        int victim = cluster.follower();
        cluster.restart(victim); // from its data directory, without seeds
        List<Long> after = new ArrayList<>();
        try (Connection c = connect(victim)) {
            for (int i = 0; i < 2 * CACHE; i++) { // several blocks: values of each are handed out by both statements
                after.add(select(c));
                insert(c, victim);
            }
        }
        List<Long> keysAfter = itemKeys(victim);
        keysAfter.removeAll(keysBefore);
        after.addAll(keysAfter);
        assertThat(after).hasSize(4 * CACHE).doesNotHaveDuplicates().doesNotContainAnyElementsOf(before);
        // Every value handed out came from a block reserved before the restart; the restarted member's first block
        // lies past all of them.
        assertThat(after).allMatch(v -> v > highest);
    }
}
