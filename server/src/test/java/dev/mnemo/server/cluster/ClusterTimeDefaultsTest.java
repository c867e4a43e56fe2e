package dev.mnemo.server.cluster;

import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Columns whose default is the time of the write, in a three-member cluster with disc data: the member that runs a
 * statement reads the time, so every member stores the same values, and a member restarted from its data directory
 * still knows what the default is the time of.
 */
class ClusterTimeDefaultsTest {
    @TempDir
    Path dir;
    @AutoClose
    private SqlCluster cluster;

    /** The first column of a query's rows on one member, as text. */
    private List<String> column(int member, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = cluster.connect(member); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private void exec(int member, String sql) throws SQLException {
        try (Connection c = cluster.connect(member); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void everyMemberStoresTheTimeTheRunningMemberReadAndKeepsTheDefaultAcrossARestart() throws Exception {
        cluster = SqlCluster.start(dir);
        int follower = cluster.follower();
        exec(0, "CREATE TABLE ev (id INTEGER PRIMARY KEY, ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP)"
                + " WITH (storage = 'disc')");
        exec(follower, "INSERT INTO ev (id) VALUES (1), (2), (3)");
        exec(follower, "ALTER TABLE ev ADD COLUMN seen TIMESTAMP NOT NULL DEFAULT LOCALTIMESTAMP");
        exec(2 - follower, "INSERT INTO ev (id) VALUES (4)");
        String all = "SELECT CAST(id AS VARCHAR(3)) || ' ' || CAST(ts AS VARCHAR(30)) || ' ' || CAST(seen AS"
                + " VARCHAR(30)) FROM ev ORDER BY id";
        List<String> first = column(0, all);
        assertThat(first).hasSize(4);
        assertThat(column(0, "SELECT COUNT(DISTINCT ts) * 10 + COUNT(DISTINCT seen) FROM ev WHERE id <= 3"))
                .as("one time for the rows of one INSERT, one for the rows an ALTER found").containsExactly("11");
        assertThat(column(1, all)).isEqualTo(first);
        assertThat(column(2, all)).isEqualTo(first);

        cluster.restart(follower);
        assertThat(column(follower, all)).isEqualTo(first);
        exec(follower, "INSERT INTO ev (id) VALUES (5)");
        assertThat(column(follower, "SELECT COUNT(*) FROM ev WHERE id = 5 AND ts = seen AND ts >= (SELECT MAX(ts)"
                + " FROM ev WHERE id < 5)")).containsExactly("1");
        try (Connection c = cluster.connect(follower);
             ResultSet cols = c.getMetaData().getColumns(null, null, "EV", null)) {
            List<String> defaults = new ArrayList<>();
            while (cols.next()) {
                defaults.add(cols.getString("COLUMN_DEF"));
            }
            assertThat(defaults).containsExactly(null, "CURRENT_TIMESTAMP", "LOCALTIMESTAMP");
        }
    }
}
