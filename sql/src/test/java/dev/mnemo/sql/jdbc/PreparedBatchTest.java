package dev.mnemo.sql.jdbc;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Prepared batches: one transaction with auto-commit on, statement by statement in the open one with it off. */
class PreparedBatchTest extends EmbeddedDatabaseTest {
    @BeforeEach
    void createTable() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(5) NOT NULL)");
        exec("INSERT INTO t VALUES (7, 'seven')");
    }

    private long count() throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM t")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static void add(PreparedStatement ps, int id, String v) throws SQLException {
        ps.setInt(1, id);
        ps.setString(2, v);
        ps.addBatch();
    }

    @Test
    void withAutoCommitABatchIsAllOrNothing() throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            for (int i = 0; i < 5; i++) {
                add(ps, i, "v" + i);
            }
            add(ps, 7, "dup");
            add(ps, 8, "v8");
            assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("23505");
                assertThat(e.getUpdateCounts()).isEmpty();
            });
            assertThat(count()).isEqualTo(1);

            for (int i = 0; i < 5; i++) {
                add(ps, i, "v" + i);
            }
            assertThat(ps.executeBatch()).containsExactly(1, 1, 1, 1, 1);
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE t SET v = ? WHERE id >= ?")) {
            ps.setString(1, "x");
            ps.setInt(2, 3);
            ps.addBatch();
            ps.setString(1, "y");
            ps.setInt(2, 100);
            ps.addBatch();
            assertThat(ps.executeLargeBatch()).containsExactly(3L, 0L);
        }
        assertThat(count()).isEqualTo(6);
    }

    @Test
    void withAutoCommitOffABatchStopsAtTheFailingExecutionInsideTheTransaction() throws SQLException {
        conn.setAutoCommit(false);
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t VALUES (?, ?)")) {
            add(ps, 1, "one");
            add(ps, 2, "two");
            add(ps, 3, "too long");
            add(ps, 4, "four");
            assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class, e -> {
                assertThat(e.getSQLState()).isEqualTo("22001");
                assertThat(e.getUpdateCounts()).containsExactly(1, 1);
            });
        }
        assertThat(count()).isEqualTo(3);
        conn.rollback();
        assertThat(count()).isEqualTo(1);
    }
}
