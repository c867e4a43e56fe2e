package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.engine.log.CommitLog;
import dev.mnemo.engine.log.LocalCommitLog;
import dev.mnemo.engine.log.StateMachine;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.Outcome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * A read-only statement that keeps conflicting is run once more with applies held off; if that run needs a new block
 * of a sequence, it cannot commit the block's reservation (whose apply would wait for this very thread), so it fails
 * at once with 40001 rather than hang, and the database goes on serving.
 */
class SequenceInHeldReRunTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final long WAIT_SECONDS = 20;

    private final ExecutorService statements = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "statement");
        t.setDaemon(true); // a hung statement must not keep the test JVM alive
        return t;
    });
    /** Appends that run a concurrent writer first, making the statement's read of T stale. */
    private final AtomicInteger writesBeforeAppend = new AtomicInteger();
    private String name;
    private String url;
    private Mnemo db;
    private boolean hung;

    @BeforeEach
    void open() throws SQLException {
        name = "seqheld" + DATABASES.incrementAndGet();
        url = "jdbc:mnemo:mem:" + name;
        db = Mnemo.open(MnemoConfig.builder().readOnlyEscalationAttempts(1).build(), new WriterFirstLog());
        Databases.register(name, db);
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT)");
            s.execute("INSERT INTO t VALUES (1, 0)");
            s.execute("CREATE SEQUENCE s CACHE 1"); // every value needs a block of its own
        }
    }

    @AfterEach
    void close() {
        statements.shutdownNow();
        Databases.close(name);
        if (!hung) { // a hung statement holds applies off for good: closing would wait for it
            db.close();
        }
    }

    /** The rows of {@code SELECT NEXT VALUE FOR s, v FROM t}, run on a thread of its own so a hang shows. */
    private List<long[]> draw() throws Exception {
        Callable<List<long[]>> query = () -> {
            List<long[]> rows = new ArrayList<>();
            try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT NEXT VALUE FOR s, v FROM t")) {
                while (rs.next()) {
                    rows.add(new long[] {rs.getLong(1), rs.getLong(2)});
                }
            }
            return rows;
        };
        try {
            return statements.submit(query).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            hung = true;
            return fail("the statement hung: its held re-run waits for a commit that waits for it");
        } catch (java.util.concurrent.ExecutionException e) {
            throw (Exception) e.getCause();
        }
    }

    @Test
    void aHeldReRunThatNeedsANewBlockFailsWith40001AtOnceInsteadOfHanging() throws Exception {
        writesBeforeAppend.set(1); // the first run's block reservation lets a writer change T first
        assertThatThrownBy(this::draw).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("40001");
            assertThat(e.getMessage()).contains("S", "run it again");
        });
        assertThat(db.stats().escalations()).as("the statement's last run held applies off").isEqualTo(1);
        // The database goes on: the statement runs again and sees the writer's change; value 1 went to the first
        // run, whose result was thrown away.
        List<long[]> rows = draw();
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsExactly(2, 1);
    }

    /** The local commit log, but the next few appends first wait for a writer on another thread to change T. */
    private final class WriterFirstLog implements CommitLog {
        private final LocalCommitLog log = new LocalCommitLog(MnemoConfig.builder().build().commitBatchRecordsMax());

        @Override
        public void start(StateMachine machine) {
            log.start(machine);
        }

        @Override
        public Outcome append(CommitRecord record) {
            if (writesBeforeAppend.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                CompletableFuture.runAsync(() -> {
                    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
                        s.executeUpdate("UPDATE t SET v = v + 1 WHERE id = 1");
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }, r -> new Thread(r, "writer").start()).join();
            }
            return log.append(record);
        }

        @Override
        public CompletableFuture<Outcome> appendAsync(CommitRecord record) {
            return log.appendAsync(record);
        }

        @Override
        public void close() {
            log.close();
        }
    }
}
