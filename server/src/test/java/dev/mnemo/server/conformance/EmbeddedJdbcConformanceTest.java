package dev.mnemo.server.conformance;

import dev.mnemo.sql.jdbc.Databases;
import dev.mnemo.sql.jdbc.MnemoDriver;
import org.junit.jupiter.api.AfterAll;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;

/** The conformance suite against an in-process database, {@code jdbc:mnemo:mem:}. */
class EmbeddedJdbcConformanceTest extends JdbcConformance {
    private static final String NAME = "conformance-" + EmbeddedJdbcConformanceTest.class.getSimpleName();
    private static final String URL = MnemoDriver.PREFIX + NAME;

    @AfterAll
    static void closeDatabase() {
        Databases.close(NAME);
    }

    @Override
    protected Connection connect() throws SQLException {
        return DriverManager.getConnection(URL);
    }

    @Override
    protected Connection connectClient(int client) throws SQLException {
        return connect();
    }

    @Override
    protected List<Connection> connectEachReplica() throws SQLException {
        return List.of(connect());
    }
}
