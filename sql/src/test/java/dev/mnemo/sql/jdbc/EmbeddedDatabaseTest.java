package dev.mnemo.sql.jdbc;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * A test class whose every test has a fresh in-memory database of its own, reached through {@code jdbc:mnemo:mem:}:
 * {@link #conn} is open when the test, and any {@code @BeforeEach} of the subclass, starts; after the test the
 * connection and the database are closed.
 */
public abstract class EmbeddedDatabaseTest {
    private final EmbeddedFixture fixture = new EmbeddedFixture();
    /** The connection each test starts with. */
    protected Connection conn;

    @BeforeEach
    protected final void openDatabase() throws SQLException {
        conn = fixture.open();
    }

    @AfterEach
    protected final void closeDatabase() throws SQLException {
        try {
            if (conn != null) {
                conn.close(); // null when the database failed to open: its own error is the one to see
            }
        } finally {
            fixture.close();
        }
    }

    /** Runs one statement on {@link #conn}. */
    protected void exec(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    /** The plan of a statement, as EXPLAIN PLAN FOR gives it. */
    protected String plan(String sql) throws SQLException {
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("EXPLAIN PLAN FOR " + sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** The first column of every row a query on {@link #conn} gives, as longs. */
    protected List<Long> longs(String sql) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
            List<Long> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
            return out;
        }
    }
}
