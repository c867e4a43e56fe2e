package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.engine.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code DEFAULT CURRENT_TIMESTAMP} and its kin: every statement that takes a column's default writes the time the
 * statement started on the member that runs it (its {@code CURRENT_TIMESTAMP}), rounded to the column; an added
 * column gives the rows already there the time of the ALTER; members of a cluster store the same values.
 */
class TimeDefaultsTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final LocalDateTime NOON = LocalDateTime.of(2024, 2, 29, 12, 0, 0, 600_000_000);
    private static final LocalDateTime NOON_ROUNDED = LocalDateTime.of(2024, 2, 29, 12, 0, 1);

    private final List<String> names = new ArrayList<>();
    private final List<Mnemo> members = new ArrayList<>();

    /** A clock that stands still where the test puts it ({@link #set}). */
    private static final class SetClock {
        private volatile Instant now;
        private final Clock clock = ((InstantSource) () -> now).withZone(ZoneOffset.UTC);

        SetClock(LocalDateTime at) {
            set(at);
        }

        void set(LocalDateTime at) {
            now = at.toInstant(ZoneOffset.UTC);
        }
    }

    /** A member with its own clock, reached by the returned URL; with a log, a member of that cluster. */
    private String member(SetClock clock, LoopbackLog log) {
        MnemoConfig config = MnemoConfig.builder().clock(clock.clock).build();
        Mnemo db = log == null ? Mnemo.open(config) : Mnemo.open(config, log.member());
        String name = "timedefaults" + DATABASES.incrementAndGet();
        Databases.register(name, db);
        names.add(name);
        members.add(db);
        return "jdbc:mnemo:mem:" + name;
    }

    @AfterEach
    void close() {
        names.forEach(Databases::close);
        members.forEach(Mnemo::close);
    }

    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? " | " : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static String state(Throwable e) {
        return ((SQLException) e).getSQLState();
    }

    @Test
    void everyWayOfTakingTheDefaultWritesTheStatementsTime() throws SQLException {
        SetClock clock = new SetClock(NOON);
        try (Connection c = DriverManager.getConnection(member(clock, null)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE ev (id INTEGER PRIMARY KEY, note VARCHAR(10),"
                    + " ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP, ts0 TIMESTAMP(0) DEFAULT LOCALTIMESTAMP,"
                    + " dt DATE DEFAULT CURRENT_DATE, tod TIME(0) DEFAULT CURRENT_TIME)");
            assertThat(s.executeUpdate("INSERT INTO ev (id) VALUES (1)")).isEqualTo(1);
            assertThat(s.executeUpdate("INSERT INTO ev VALUES (2, 'd', DEFAULT, DEFAULT, DEFAULT, DEFAULT)"))
                    .isEqualTo(1);
            assertThat(s.executeUpdate("INSERT INTO ev (id, note) VALUES (3, 'a'), (4, 'b'), (5, 'c')")).isEqualTo(3);
            assertThat(s.executeUpdate("INSERT INTO ev (id, note) SELECT id + 10, note FROM ev WHERE id >= 3"))
                    .isEqualTo(3);
            assertThat(s.executeUpdate("MERGE INTO ev USING (VALUES (20, 'm')) AS v (id, note) ON ev.id = v.id"
                    + " WHEN MATCHED THEN UPDATE SET note = v.note WHEN NOT MATCHED THEN INSERT (id, note)"
                    + " VALUES (v.id, v.note)")).isEqualTo(1);
            assertThat(rows(c, "SELECT DISTINCT ts, ts0, dt, tod FROM ev")).containsExactly(
                    "2024-02-29 12:00:00.6 | 2024-02-29 12:00:01 | 2024-02-29 | 12:00:01");
            assertThat(rows(c, "SELECT COUNT(*) FROM ev")).containsExactly("9");

            clock.set(NOON.plusDays(1));
            s.executeUpdate("UPDATE ev SET ts = DEFAULT, note = 'u' WHERE id = 1");
            s.executeUpdate("INSERT INTO ev (id, ts) SELECT 30, CURRENT_TIMESTAMP FROM (VALUES (0))");
            assertThat(rows(c, "SELECT id, ts FROM ev WHERE id IN (1, 30) ORDER BY id")).containsExactly(
                    "1 | 2024-03-01 12:00:00.6", "30 | 2024-03-01 12:00:00.6");
            assertThat(rows(c, "SELECT COUNT(*) FROM ev WHERE ts = ts0 OR ts = CURRENT_TIMESTAMP"))
                    .as("the default is the statement's CURRENT_TIMESTAMP").containsExactly("2");
        }
    }

    @Test
    void thousandsOfRowsSayingDefaultAreHeldAsDataAndShareOneTime() throws SQLException {
        SetClock clock = new SetClock(NOON);
        try (Connection c = DriverManager.getConnection(member(clock, null)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                    + " d DATE DEFAULT LOCALTIMESTAMP, n INTEGER)");
            StringBuilder sql = new StringBuilder("INSERT INTO t VALUES ");
            StringBuilder params = new StringBuilder("INSERT INTO t (id, ts, n) VALUES ");
            for (int i = 0; i < 3000; i++) {
                sql.append(i == 0 ? "" : ", ").append("(").append(i).append(", DEFAULT, DEFAULT, ").append(i)
                        .append(")");
                params.append(i == 0 ? "" : ", ").append("(?, DEFAULT, ?)");
            }
            assertThat(s.executeUpdate(sql.toString())).isEqualTo(3000);
            assertThat(rows(c, "EXPLAIN PLAN FOR " + sql)).anyMatch(line -> line.contains("MnemoValues"));
            clock.set(NOON.plusDays(1));
            try (PreparedStatement ps = c.prepareStatement(params.toString())) {
                for (int i = 0; i < 3000; i++) {
                    ps.setInt(2 * i + 1, 10_000 + i);
                    ps.setInt(2 * i + 2, i);
                }
                assertThat(ps.executeUpdate()).isEqualTo(3000);
            }
            assertThat(rows(c, "SELECT ts, d, COUNT(*) FROM t GROUP BY ts, d ORDER BY ts")).containsExactly(
                    "2024-02-29 12:00:00.6 | 2024-02-29 | 3000", "2024-03-01 12:00:00.6 | 2024-03-01 | 3000");
        }
    }

    @Test
    void aColumnAddedToRowsGivesThemTheTimeOfTheAlterAndNewRowsTheirOwn() throws SQLException {
        SetClock clock = new SetClock(NOON);
        try (Connection c = DriverManager.getConnection(member(clock, null)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
            s.executeUpdate("INSERT INTO t VALUES (1), (2)");
            s.execute("ALTER TABLE t ADD COLUMN made TIMESTAMP(0) NOT NULL DEFAULT CURRENT_TIMESTAMP");
            clock.set(NOON.plusHours(2));
            s.executeUpdate("INSERT INTO t (id) VALUES (3)");
            assertThat(rows(c, "SELECT id, made FROM t ORDER BY id")).containsExactly("1 | 2024-02-29 12:00:01",
                    "2 | 2024-02-29 12:00:01", "3 | 2024-02-29 14:00:01");
        }
    }

    @Test
    void aDefaultOfTheWrongKindOfTimeIsRefusedAndMakesNothing() throws SQLException {
        try (Connection c = DriverManager.getConnection(member(new SetClock(NOON), null));
             Statement s = c.createStatement()) {
            for (String column : List.of("ts TIMESTAMP DEFAULT CURRENT_TIME", "tm TIME DEFAULT CURRENT_DATE",
                    "n BIGINT DEFAULT CURRENT_TIMESTAMP", "v VARCHAR(30) DEFAULT LOCALTIMESTAMP")) {
                assertThatThrownBy(() -> s.execute("CREATE TABLE bad (id INTEGER PRIMARY KEY, " + column + ")"))
                        .as(column).extracting(TimeDefaultsTest::state).isEqualTo("42804");
            }
            assertThatThrownBy(() -> s.execute("CREATE TABLE bad (id INTEGER PRIMARY KEY, u VARCHAR(9)"
                    + " DEFAULT CURRENT_USER)")).extracting(TimeDefaultsTest::state).isEqualTo("0A000");
            assertThat(c.getMetaData().getTables(null, null, "BAD", null).next()).isFalse();
            s.execute("CREATE TABLE good (id INTEGER PRIMARY KEY)");
            assertThatThrownBy(() -> s.execute("ALTER TABLE good ADD COLUMN d DATE DEFAULT LOCALTIME"))
                    .extracting(TimeDefaultsTest::state).isEqualTo("42804");
            assertThat(rows(c, "SELECT * FROM good")).isEmpty();
            try (ResultSet cols = c.getMetaData().getColumns(null, null, "GOOD", null)) {
                assertThat(cols.next()).isTrue();
                assertThat(cols.next()).as("no column D").isFalse();
            }
        }
    }

    @Test
    void columnDefNamesTheTimeADefaultIs() throws SQLException {
        try (Connection c = DriverManager.getConnection(member(new SetClock(NOON), null));
             Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a TIMESTAMP DEFAULT CURRENT_TIMESTAMP,"
                    + " b TIMESTAMP DEFAULT LOCALTIMESTAMP, d DATE DEFAULT CURRENT_DATE, e TIME DEFAULT CURRENT_TIME,"
                    + " f TIME DEFAULT LOCALTIME, g TIMESTAMP DEFAULT TIMESTAMP '2024-01-01 00:00:00')");
            s.execute("ALTER TABLE t ADD COLUMN h DATE DEFAULT CURRENT_TIMESTAMP");
            List<String> defaults = new ArrayList<>();
            try (ResultSet cols = c.getMetaData().getColumns(null, null, "T", null)) {
                while (cols.next()) {
                    defaults.add(cols.getString("COLUMN_NAME") + "=" + cols.getString("COLUMN_DEF"));
                }
            }
            assertThat(defaults).containsExactly("ID=null", "A=CURRENT_TIMESTAMP", "B=LOCALTIMESTAMP",
                    "D=CURRENT_DATE", "E=CURRENT_TIME", "F=LOCALTIME", "G=TIMESTAMP '2024-01-01 00:00:00'",
                    "H=CURRENT_TIMESTAMP");
        }
    }

    @Test
    void membersStoreTheTimeOfTheMemberThatRanTheStatementNotTheirOwn() throws SQLException {
        LoopbackLog log = new LoopbackLog();
        String first = member(new SetClock(NOON), log);
        String second = member(new SetClock(NOON.plusYears(6)), log);
        try (Connection a = DriverManager.getConnection(first); Connection b = DriverManager.getConnection(second);
             Statement sa = a.createStatement(); Statement sb = b.createStatement()) {
            sa.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, ts TIMESTAMP(0) DEFAULT CURRENT_TIMESTAMP)");
            sa.executeUpdate("INSERT INTO t (id) VALUES (1)");
            sb.execute("ALTER TABLE t ADD COLUMN seen DATE DEFAULT CURRENT_DATE");
            sb.executeUpdate("INSERT INTO t (id) VALUES (2)");
            members.get(0).transaction(tx -> {
                tx.write("T", tx.newRow("T").with("ID", 3));
                return null;
            });
            List<String> expected = List.of("1 | 2024-02-29 12:00:01 | 2030-02-28",
                    "2 | 2030-02-28 12:00:01 | 2030-02-28", "3 | 2024-02-29 12:00:01 | 2024-02-29");
            assertThat(rows(a, "SELECT * FROM t ORDER BY id")).containsExactlyElementsOf(expected);
            assertThat(rows(b, "SELECT * FROM t ORDER BY id")).containsExactlyElementsOf(expected);
            Row third = members.get(1).dirtyRead("T", 3);
            assertThat(third.get("TS")).isEqualTo(NOON_ROUNDED);
        }
    }
}
