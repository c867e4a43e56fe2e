package dev.mnemo.sql.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Calendar;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TIMESTAMP WITH TIME ZONE: an instant, stored at UTC, compared and ordered by instant and read back as an
 * OffsetDateTime at UTC, through either driver.
 */
public abstract class TimestampTzContract extends ConnectedContract {
    private static final OffsetDateTime EIGHT_UTC = OffsetDateTime.of(2026, 12, 3, 8, 0, 0, 0, ZoneOffset.UTC);

    protected TimestampTzContract(JdbcFixture fixture) {
        super(fixture);
    }

    private final TimeZone defaultZone = TimeZone.getDefault();

    @AfterEach
    void restoreDefaultZone() {
        TimeZone.setDefault(defaultZone);
    }

    private static Calendar calendarIn(String zone) {
        return Calendar.getInstance(TimeZone.getTimeZone(zone));
    }

    /** Rows 1 and 2 of table {@code seen}: one instant set with and without a Calendar, in both kinds of column. */
    private Timestamp makeSeen() throws SQLException {
        exec("CREATE TABLE seen (id INT PRIMARY KEY, tz TIMESTAMP(3) WITH TIME ZONE, wall TIMESTAMP(3))");
        Timestamp at = Timestamp.from(EIGHT_UTC.plusNanos(250_000_000).toInstant());
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO seen (id, tz, wall) VALUES (?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setTimestamp(2, at);
            ps.setTimestamp(3, at);
            ps.executeUpdate();
            ps.setInt(1, 2);
            ps.setTimestamp(2, at, calendarIn("America/New_York"));
            ps.setTimestamp(3, at, calendarIn("America/New_York"));
            ps.executeUpdate();
        }
        return at;
    }

    @Test
    public void aTimestampIsStoredAsTheInstantItNamesWhateverTheZonesAndATimestampColumnKeepsTheClock()
            throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
        Timestamp at = makeSeen();
        assertThat(rows("SELECT id, CAST(tz AS VARCHAR(40)), wall FROM seen ORDER BY id"))
                .containsExactly("1:2026-12-03 08:00:00.25+00:00:2026-12-03 13:30:00.25",
                        "2:2026-12-03 08:00:00.25+00:00:2026-12-03 03:00:00.25");
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM seen WHERE tz = ? ORDER BY id")) {
            ps.setTimestamp(1, at, calendarIn("Asia/Tokyo"));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
    }

    @Test
    public void anInstantReadsBackTheSameInEveryZoneAndAClockAsTheZoneShowsIt() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("America/Los_Angeles"));
        Timestamp at = makeSeen();
        OffsetDateTime utc = EIGHT_UTC.plusNanos(250_000_000);
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT tz, wall FROM seen ORDER BY id")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp(1)).isEqualTo(at);
            assertThat(rs.getTimestamp(1, calendarIn("Asia/Tokyo"))).isEqualTo(at);
            assertThat(rs.getObject(1, Instant.class)).isEqualTo(utc.toInstant());
            assertThat(rs.getObject(1, OffsetDateTime.class)).isEqualTo(utc);
            assertThat(rs.getObject(1, ZonedDateTime.class).toInstant()).isEqualTo(utc.toInstant());
            assertThat(rs.getObject(1, LocalDateTime.class)).as("the clock at UTC").isEqualTo(utc.toLocalDateTime());
            assertThat(rs.getTimestamp(2)).as("the clock read in the default zone").isEqualTo(at);
            assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 12, 3, 0, 0, 0,
                    250_000_000));
            assertThat(rs.next()).isTrue();
            assertThat(rs.getTimestamp(1)).isEqualTo(at);
            assertThat(rs.getTimestamp(2, calendarIn("America/New_York"))).isEqualTo(at);
            assertThat(rs.getObject(2, LocalDateTime.class)).isEqualTo(LocalDateTime.of(2026, 12, 3, 3, 0, 0,
                    250_000_000));
        }
    }

    private void makeEvents() throws SQLException {
        exec("CREATE TABLE ev (id INT PRIMARY KEY, ts TIMESTAMP WITH TIME ZONE, ts0 TIMESTAMP(0) WITH TIME ZONE)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO ev (id, ts, ts0) VALUES (?, ?, ?)")) {
            Object[][] rows = {
                {1, OffsetDateTime.of(2026, 12, 3, 10, 0, 0, 0, ZoneOffset.ofHours(2)),
                    EIGHT_UTC.plusNanos(600_000_000)},
                {2, EIGHT_UTC.minusHours(1).toInstant(), null},
                {3, EIGHT_UTC.plusHours(1).atZoneSameInstant(ZoneId.of("America/New_York")), null}};
            for (Object[] r : rows) {
                for (int i = 0; i < r.length; i++) {
                    ps.setObject(i + 1, r[i]);
                }
                ps.executeUpdate();
            }
        }
    }

    @Test
    public void instantsGivenWithAnyOffsetReadBackAtUtcAsEveryJavaType() throws Exception {
        makeEvents();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT ts, ts0 FROM ev WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(1)).isEqualTo(EIGHT_UTC);
            assertThat(rs.getObject(1, OffsetDateTime.class)).isEqualTo(EIGHT_UTC);
            assertThat(rs.getObject(1, Instant.class)).isEqualTo(EIGHT_UTC.toInstant());
            assertThat(rs.getObject(1, ZonedDateTime.class).toInstant()).isEqualTo(EIGHT_UTC.toInstant());
            assertThat(rs.getTimestamp(1)).isEqualTo(Timestamp.from(EIGHT_UTC.toInstant()));
            assertThat(rs.getString(1)).isEqualTo("2026-12-03 08:00:00+00:00");
            assertThat(rs.getObject(2)).as("rounded to TIMESTAMP(0)").isEqualTo(EIGHT_UTC.plusSeconds(1));
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnType(1)).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
            assertThat(md.getColumnTypeName(1)).isEqualTo("TIMESTAMP WITH TIME ZONE");
            assertThat(md.getColumnClassName(1)).isEqualTo(OffsetDateTime.class.getName());
        }
    }

    @Test
    public void parametersKeepTheColumnsFractionOfASecond() throws Exception {
        exec("CREATE TABLE ms (id INT PRIMARY KEY, ts TIMESTAMP(3) WITH TIME ZONE)");
        OffsetDateTime withMillis = EIGHT_UTC.plusNanos(125_400_000);
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO ms (ts, id) VALUES (?, ?)")) {
            ps.setObject(1, withMillis, Types.TIMESTAMP_WITH_TIMEZONE);
            ps.setInt(2, 1);
            ps.executeUpdate();
            ps.setObject(1, withMillis.toInstant());
            ps.setInt(2, 2);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM ms WHERE ts = ? ORDER BY id")) {
            ps.setObject(1, EIGHT_UTC.plusNanos(125_000_000));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(2);
            }
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT ts FROM ms")) {
            while (rs.next()) {
                assertThat(rs.getObject(1)).isEqualTo(EIGHT_UTC.plusNanos(125_000_000));
            }
        }
    }

    @Test
    public void comparisonsOrderingAggregatesAndLookupsGoByInstant() throws Exception {
        makeEvents();
        assertThat(rows("SELECT id FROM ev ORDER BY ts DESC")).containsExactly("3", "1", "2");
        assertThat(rows("SELECT MIN(ts), MAX(ts) FROM ev"))
                .containsExactly(EIGHT_UTC.minusHours(1) + ":" + EIGHT_UTC.plusHours(1));
        assertThat(rows("SELECT COUNT(*) FROM ev GROUP BY ts")).containsExactly("1", "1", "1");
        assertThat(rows("SELECT id FROM ev WHERE ts > TIMESTAMP WITH TIME ZONE '2026-12-03 09:30:00+02:00'"))
                .containsExactlyInAnyOrder("1", "3");
        assertThat(rows("SELECT id FROM ev WHERE ts = CAST('2026-12-03T04:00:00-05:00' AS TIMESTAMP WITH TIME ZONE)"))
                .containsExactly("3");
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM ev WHERE ts = ?")) {
            ps.setObject(1, EIGHT_UTC.atZoneSameInstant(ZoneId.of("Asia/Tokyo")));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
        exec("CREATE TABLE byat (ts TIMESTAMP WITH TIME ZONE PRIMARY KEY, what VARCHAR(10))");
        exec("CREATE INDEX byat_what ON byat (what)");
        exec("INSERT INTO byat SELECT ts, CAST(id AS VARCHAR(10)) FROM ev");
        try (PreparedStatement ps = conn.prepareStatement("SELECT what FROM byat WHERE ts = ?")) {
            ps.setTimestamp(1, Timestamp.from(EIGHT_UTC.toInstant()));
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("1");
            }
        }
        assertThat(rows("SELECT e.id FROM ev e JOIN byat b ON b.ts = e.ts WHERE b.what = '3'")).containsExactly("3");
    }

    @Test
    public void castsToAndFromTimestampAndText() throws Exception {
        assertThat(rows("SELECT CAST(TIMESTAMP '2026-12-03 08:00:00' AS TIMESTAMP WITH TIME ZONE)"))
                .containsExactly(EIGHT_UTC.toString());
        assertThat(rows("SELECT CAST(TIMESTAMP WITH TIME ZONE '2026-12-03 10:00:00+02:00' AS TIMESTAMP)"))
                .containsExactly("2026-12-03 08:00:00.0");
        assertThat(rows("SELECT CAST(TIMESTAMP WITH TIME ZONE '2026-12-03 10:00:00+02:00' AS VARCHAR(40))"))
                .containsExactly("2026-12-03 08:00:00+00:00");
    }

    @Test
    public void textsWithAnyOffsetAndFractionsBeyondThePrecisionCastAndRoundHalfUp() throws Exception {
        assertThat(rows("SELECT CAST('2026-12-03 10:00:00+05:30' AS TIMESTAMP WITH TIME ZONE), "
                + "CAST('2026-12-03T10:00:00Z' AS TIMESTAMP WITH TIME ZONE), "
                + "CAST('2026-12-03 10:00:00.1235-01:00' AS TIMESTAMP(3) WITH TIME ZONE), "
                + "CAST('2026-12-03 23:59:59.9996Z' AS TIMESTAMP(3) WITH TIME ZONE), "
                + "CAST('2026-12-03 10:00:00.5 +0100' AS TIMESTAMP(0) WITH TIME ZONE)"))
                .containsExactly("2026-12-03T04:30Z:2026-12-03T10:00Z:2026-12-03T11:00:00.124Z:2026-12-04T00:00Z:"
                        + "2026-12-03T09:00:01Z");
        failsWith("SELECT CAST('2026-12-03 10:00:00+25:00' AS TIMESTAMP WITH TIME ZONE)", "22007", "+25:00");
    }

    @Test
    public void jsonValueReturnsAnInstantFromATextWithAnyOffset() throws Exception {
        assertThat(rows("SELECT JSON_VALUE('{\"t\": \"2026-12-03T10:00:00+05:30\"}', '$.t' "
                + "RETURNING TIMESTAMP WITH TIME ZONE), JSON_VALUE('{\"t\": \"2026-12-03 10:00:00.1236Z\"}', '$.t' "
                + "RETURNING TIMESTAMP(3) WITH TIME ZONE), JSON_VALUE('{\"t\": \"2026-12-03 10:00:00.5Z\"}', '$.t' "
                + "RETURNING TIMESTAMP(0) WITH TIME ZONE), JSON_VALUE('{\"t\": \"soon\"}', '$.t' "
                + "RETURNING TIMESTAMP WITH TIME ZONE)"))
                .containsExactly("2026-12-03T04:30Z:2026-12-03T10:00:00.124Z:2026-12-03T10:00:01Z:null");
        failsWith("SELECT JSON_VALUE('{\"t\": 7}', '$.t' RETURNING TIMESTAMP WITH TIME ZONE ERROR ON ERROR)",
                "22018", "TIMESTAMP");
        failsWith("SELECT JSON_VALUE('{\"t\": \"soon\"}', '$.t' RETURNING TIMESTAMP WITH TIME ZONE ERROR ON ERROR)",
                "22007", "soon");
    }

    @Test
    public void currentTimestampIsADefaultAndTheColumnIsDescribed() throws Exception {
        exec("CREATE TABLE made (id INT PRIMARY KEY, ts TIMESTAMP(3) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP, "
                + "due TIMESTAMP(0) WITH TIME ZONE DEFAULT TIMESTAMP WITH TIME ZONE '2026-12-03 10:00:00.7+02:00')");
        Instant before = Instant.now().minusSeconds(1);
        exec("INSERT INTO made (id) VALUES (1)");
        assertThat(rows("SELECT due FROM made")).containsExactly(EIGHT_UTC.plusSeconds(1).toString());
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT ts FROM made")) {
            assertThat(rs.next()).isTrue();
            Instant at = rs.getObject(1, Instant.class);
            assertThat(at).isBetween(before, Instant.now().plusSeconds(1));
        }
        try (ResultSet rs = conn.getMetaData().getColumns(null, null, "MADE", "TS")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getInt("DATA_TYPE")).isEqualTo(Types.TIMESTAMP_WITH_TIMEZONE);
            assertThat(rs.getString("TYPE_NAME")).isEqualTo("TIMESTAMP WITH TIME ZONE");
        }
        assertThat(rows("SELECT DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = 'MADE' "
                + "AND COLUMN_NAME = 'TS'")).isEqualTo(List.of("TIMESTAMP WITH TIME ZONE"));
        try (ResultSet rs = conn.getMetaData().getColumns(null, null, "MADE", "DUE")) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("COLUMN_DEF")).isEqualTo("TIMESTAMP WITH TIME ZONE '2026-12-03 08:00:01+00:00'");
            assertThat(rs.getInt("COLUMN_SIZE")).isEqualTo(25);
        }
        failsWith("CREATE TABLE zoned (t TIME WITH TIME ZONE)", "0A000", "TIME_TZ");
        failsWith("CREATE TABLE fine (t TIMESTAMP(6) WITH TIME ZONE)", "0A000", "TIMESTAMP(6)");
    }
}
