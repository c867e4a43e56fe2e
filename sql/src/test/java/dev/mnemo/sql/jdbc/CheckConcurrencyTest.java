package dev.mnemo.sql.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ALTER TABLE ... ADD CHECK} is serializable with the writes to its table: a write that ran under the old
 * checks and commits after the check was added conflicts, and a write committed while the rows were being checked
 * makes the check's transaction run again. So no row the check is FALSE for is ever committed after it.
 */
class CheckConcurrencyTest {
    private static final int WRITERS = 3;
    private static final int ROUNDS = 3;
    private final EmbeddedFixture fixture = new EmbeddedFixture();
    private final List<Connection> connections = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (Connection c : connections) {
            c.close();
        }
        fixture.close();
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(fixture.url());
        connections.add(c);
        return c;
    }

    private static void exec(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static long count(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void aTransactionThatWroteUnderTheOldChecksConflictsWithACheckAddedBeforeItCommits() throws SQLException {
        Connection admin = connect();
        exec(admin, "CREATE TABLE t (id BIGINT PRIMARY KEY, v INTEGER)");
        Connection writer = connect();
        writer.setAutoCommit(false);
        exec(writer, "INSERT INTO t VALUES (1, -1)");
        exec(admin, "ALTER TABLE t ADD CONSTRAINT positive CHECK (v >= 0)");
        assertThatThrownBy(writer::commit).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("40001"));
        assertThat(count(admin, "SELECT COUNT(*) FROM t")).isZero();
        exec(writer, "INSERT INTO t VALUES (1, 1)");
        writer.commit();
        assertThat(count(admin, "SELECT COUNT(*) FROM t")).isOne();
    }

    @Test
    void noRowTheCheckIsFalseForIsCommittedWhileWritersRace() throws Exception {
        Connection admin = connect();
        exec(admin, "CREATE TABLE t (id BIGINT PRIMARY KEY, v INTEGER)");
        List<Connection> writers = new ArrayList<>();
        for (int i = 0; i < WRITERS; i++) {
            writers.add(connect());
        }
        AtomicLong ids = new AtomicLong();
        AtomicLong refused = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            int added = 0;
            for (int round = 0; round < ROUNDS; round++) {
                AtomicBoolean stop = new AtomicBoolean();
                List<Future<?>> running = new ArrayList<>();
                for (Connection w : writers) {
                    running.add(pool.submit(() -> write(w, ids, refused, stop)));
                }
                added += addWhileWritten(admin) ? 1 : 0;
                long before = refused.get();
                while (refused.get() < before + WRITERS) {
                    Thread.onSpinWait(); // let the writers meet the check
                }
                stop.set(true);
                for (Future<?> f : running) {
                    f.get(30, TimeUnit.SECONDS);
                }
                assertThat(count(admin, "SELECT COUNT(*) FROM t WHERE v < 0")).as("round " + round).isZero();
                exec(admin, "ALTER TABLE t DROP CONSTRAINT positive");
            }
            assertThat(added).isEqualTo(ROUNDS);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Clears the rows the check would refuse and adds it, again until no writer got a bad row in between. */
    private static boolean addWhileWritten(Connection admin) throws SQLException {
        for (int attempt = 0; attempt < 10_000; attempt++) {
            exec(admin, "DELETE FROM t WHERE v < 0");
            try {
                exec(admin, "ALTER TABLE t ADD CONSTRAINT positive CHECK (v >= 0)");
                return true;
            } catch (SQLException e) {
                if (!e.getSQLState().equals("23514") && !e.getSQLState().equals("40001")) {
                    throw e;
                }
            }
        }
        return false;
    }

    /** Inserts rows, every third one negative, each in its own transaction, until told to stop. */
    private static Void write(Connection c, AtomicLong ids, AtomicLong refused, AtomicBoolean stop)
            throws SQLException {
        while (!stop.get()) {
            long id = ids.incrementAndGet();
            try {
                exec(c, "INSERT INTO t VALUES (" + id + ", " + (id % 3 == 0 ? -1 : 1) + ")");
            } catch (SQLException e) {
                if (e.getSQLState().equals("23514")) {
                    refused.incrementAndGet();
                } else if (!e.getSQLState().equals("40001")) {
                    throw e;
                }
            }
        }
        return null;
    }
}
