package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Members of one cluster on a {@link LoopbackLog}, each reachable by an embedded URL. */
final class LoopbackMembers implements AutoCloseable {
    private static final AtomicInteger DATABASES = new AtomicInteger();

    final List<String> urls = new ArrayList<>();
    final LoopbackLog log = new LoopbackLog();
    final List<Mnemo> dbs = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    LoopbackMembers(int count) {
        for (int m = 0; m < count; m++) {
            String name = "loopbackmember" + DATABASES.incrementAndGet();
            dbs.add(Mnemo.open(MnemoConfig.builder().build(), log.member()));
            Databases.register(name, dbs.get(m));
            names.add(name);
            urls.add("jdbc:mnemo:mem:" + name);
        }
    }

    /** Runs a statement that must succeed (from a {@link LoopbackLog#beforeNextRecordOf} hook). */
    static void execute(Connection c, String sql) {
        try {
            c.createStatement().execute(sql);
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }

    /** The first column of a query's rows, as text. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    /** Asserts that a statement fails with 23514, naming the check {@code check}. */
    static void refusedByCheck(Connection c, String sql, String check) {
        assertThatThrownBy(() -> c.createStatement().execute(sql)).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("23514");
            assertThat(e.getMessage()).contains(check);
        });
    }

    /** What {@code getTables} lists on the connection's member, as {@code NAME:TYPE}. */
    static List<String> objects(Connection c) throws SQLException {
        List<String> objects = new ArrayList<>();
        try (ResultSet rs = c.getMetaData().getTables(null, null, "%", null)) {
            while (rs.next()) {
                objects.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
        }
        return objects;
    }

    @Override
    public void close() {
        for (String name : names) {
            Databases.close(name);
        }
        dbs.forEach(Mnemo::close);
    }
}
