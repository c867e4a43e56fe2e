package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

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
