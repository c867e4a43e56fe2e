package dev.mnemo.sql.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** A contract run once per driver with one connection of the subclass's fixture, opened for each test. */
public abstract class ConnectedContract {
    private final JdbcFixture fixture;
    protected Connection conn;

    protected ConnectedContract(JdbcFixture fixture) {
        this.fixture = fixture;
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
}
