package dev.mnemo.sql.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A contract run once per driver with one connection of the subclass's fixture, opened for each test. */
public abstract class ConnectedContract {
    private final JdbcFixture fixture;
    protected Connection conn;

    protected ConnectedContract(JdbcFixture fixture) {
        this.fixture = fixture;
    }

    /** The fixture of the database the test's connection reaches. */
    protected JdbcFixture fixture() {
        return fixture;
    }

    @BeforeEach
    void open() throws Exception {
        conn = fixture.open();
    }

    @AfterEach
    void close() throws Exception {
        if (conn != null) {
            conn.close(); // null when the fixture failed to start: its own error is the one to see
        }
        fixture.close();
    }

    protected void exec(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    /** The rows of a query, each its columns' values joined by {@code :} (null as "null"). */
    protected List<String> rows(String sql) throws SQLException {
        return rows(conn, sql);
    }

    /** The rows of a query run on connection {@code c}, as {@link #rows(String)} gives them. */
    protected static List<String> rows(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rows(rs);
        }
    }

    /** The rows of a prepared query with these parameters, as {@link #rows(String)} gives them. */
    protected List<String> rows(String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return rows(rs);
            }
        }
    }

    private static List<String> rows(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            List<String> row = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                row.add(String.valueOf(rs.getObject(i)));
            }
            out.add(String.join(":", row));
        }
        return out;
    }

    /** Asserts that the statement fails with this SQLState and a message naming every word given. */
    protected void failsWith(String sql, String state, String... words) {
        assertThatThrownBy(() -> exec(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo(state);
            assertThat(e.getMessage()).contains(words);
        });
    }
}
