package dev.mnemo.sql.jdbc;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.mnemo.sql.jdbc.LoopbackMembers.execute;
import static dev.mnemo.sql.jdbc.LoopbackMembers.objects;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A sequence never hands out a value twice: not to threads of one member, not after a disc database reopens, and
 * not to members of a cluster drawing at once (each reserving its own blocks through the shared, ordered log); after
 * an ALTER SEQUENCE, no member hands out a value of a block it reserved before. A table and a sequence never share
 * a name, even when members race to make them.
 */
class SequenceMembersTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    private static long next(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT NEXT VALUE FOR s FROM (VALUES (0))");
             ResultSet rs = ps.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    /** Draws {@code each} values on each of {@code threads} connections per URL, at once; returns them all. */
    private static List<Long> drawConcurrently(List<String> urls, int threads, int each) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(urls.size() * threads);
        try {
            List<Future<List<Long>>> futures = new ArrayList<>();
            for (String url : urls) {
                for (int t = 0; t < threads; t++) {
                    futures.add(pool.submit(() -> {
                        List<Long> got = new ArrayList<>();
                        try (Connection c = DriverManager.getConnection(url)) {
                            for (int i = 0; i < each; i++) {
                                got.add(next(c));
                            }
                        }
                        return got;
                    }));
                }
            }
            List<Long> all = new ArrayList<>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get(120, TimeUnit.SECONDS));
            }
            return all;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadsOfOneMemberNeverGetTheSameValue() throws Exception {
        String name = "seqthreads" + DATABASES.incrementAndGet();
        String url = "jdbc:mnemo:mem:" + name;
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE SEQUENCE s CACHE 7");
            List<Long> all = drawConcurrently(List.of(url), 6, 200);
            assertThat(all).hasSize(1200).doesNotHaveDuplicates().allMatch(v -> v >= 1);
        } finally {
            Databases.close(name);
        }
    }

    @Test
    void aReopenedDiscDatabaseContinuesAboveEveryValueHandedOut(@TempDir Path dir) throws SQLException {
        String name = "seqdisc" + DATABASES.incrementAndGet();
        String url = "jdbc:mnemo:mem:" + name + ";dataDir=" + dir;
        long highest = 0;
        try (Connection c = DriverManager.getConnection(url)) {
            c.createStatement().execute("CREATE SEQUENCE s START WITH 10 CACHE 5");
            for (int i = 0; i < 7; i++) {
                highest = Math.max(highest, next(c)); // 10..16: a second block, 15..19, is partly used
            }
        } finally {
            Databases.close(name);
        }
        assertThat(highest).isEqualTo(16);
        try (Connection c = DriverManager.getConnection(url)) {
            long after = next(c);
            assertThat(after).isGreaterThan(highest).isEqualTo(20); // the rest of the reserved block is a gap
            c.createStatement().execute("DROP SEQUENCE s");
        } finally {
            Databases.close(name);
        }
        try (Connection c = DriverManager.getConnection(url)) {
            assertThat(c.getMetaData().getTables(null, null, "S", null).next()).isFalse();
        } finally {
            Databases.close(name);
        }
    }

    @Test
    void membersOfAClusterDrawingAtOnceNeverCollide() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3)) {
            List<String> urls = cluster.urls;
            try (Connection c = DriverManager.getConnection(urls.get(0))) {
                c.createStatement().execute("CREATE SEQUENCE s CACHE 4");
            }
            List<Long> all = drawConcurrently(urls, 2, 100);
            assertThat(all).hasSize(600).doesNotHaveDuplicates();
            Set<Long> expected = new HashSet<>();
            for (long v = 1; v <= 600; v++) {
                expected.add(v);
            }
            // Blocks go to members whole and a member uses its own before reserving more: the values are 1..600,
            // save for the unused ends of the blocks the members hold now (at most a block each).
            assertThat(expected).containsAll(all.stream().filter(v -> v <= 600).toList());
            assertThat(all).allMatch(v -> v <= 600 + 3 * 4);
            try (Connection c = DriverManager.getConnection(urls.get(2))) {
                assertThat(next(c)).isNotIn(all);
            }
        }
    }

    @Test
    void afterAnAlterEveryMemberDrawsFromTheNewStateNotFromTheBlockItHeld() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(3)) {
            List<Connection> cs = new ArrayList<>();
            for (String url : cluster.urls) {
                cs.add(DriverManager.getConnection(url));
            }
            cs.get(0).createStatement().execute("CREATE SEQUENCE s CACHE 100");
            List<Long> before = new ArrayList<>();
            for (Connection c : cs) {
                before.add(next(c));
            }
            assertThat(before).containsExactly(1L, 101L, 201L); // each member holds most of a block

            cs.get(0).createStatement().execute("ALTER SEQUENCE s RESTART WITH 1000");
            List<Long> restarted = new ArrayList<>();
            for (Connection c : cs) {
                restarted.add(next(c));
            }
            assertThat(restarted).containsExactly(1000L, 1100L, 1200L);

            cs.get(1).createStatement().execute("ALTER SEQUENCE s INCREMENT BY 1000");
            List<Long> stepped = new ArrayList<>();
            for (Connection c : cs) {
                stepped.add(next(c));
                stepped.add(next(c));
            }
            // From 1300, the first value no block had reserved, 1000 apart: none from a block held before.
            assertThat(stepped).doesNotHaveDuplicates().allMatch(v -> v >= 1300 && v % 1000 == 300);
            for (Connection c : cs) {
                c.close();
            }
            List<Long> all = drawConcurrently(cluster.urls, 2, 50);
            assertThat(all).hasSize(300).doesNotHaveDuplicates().doesNotContainAnyElementsOf(stepped)
                    .allMatch(v -> v > 1300 && v % 1000 == 300);
        }
    }

    @Test
    void aTableAndASequenceRacingForOneNameNeverBothExist() throws Exception {
        try (LoopbackMembers cluster = new LoopbackMembers(2);
             Connection a = DriverManager.getConnection(cluster.urls.get(0));
             Connection b = DriverManager.getConnection(cluster.urls.get(1))) {
            a.createStatement().execute("CREATE SEQUENCE first");
            // b checks that no sequence is named x; a's sequence x is ordered between that check and b's table.
            cluster.log.beforeNextRecordOf(1, () -> execute(a, "CREATE SEQUENCE x"));
            assertThatThrownBy(() -> b.createStatement().execute("CREATE TABLE x (id INTEGER PRIMARY KEY)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S01"));
            // a checks that no table is named y; b's table y is ordered between that check and a's sequence.
            cluster.log.beforeNextRecordOf(0, () -> execute(b, "CREATE TABLE y (id INTEGER PRIMARY KEY)"));
            assertThatThrownBy(() -> a.createStatement().execute("CREATE SEQUENCE y"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("42S01"));
            for (Connection c : List.of(a, b)) {
                assertThat(objects(c)).containsExactly("FIRST:SEQUENCE", "X:SEQUENCE", "Y:TABLE");
            }
        }
    }
}
