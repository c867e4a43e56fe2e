package dev.mnemo.sql.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TIME and TIMESTAMP values as text and back, through either driver: a cast to text keeps the fraction, a fraction
 * finer than the type's rounds half up on every path, a text may name its zone, and a clock time that the JVM's
 * zone skips reads back as it was written.
 */
public abstract class DatetimeContract extends ConnectedContract {
    private final TimeZone defaultZone = TimeZone.getDefault();

    protected DatetimeContract(JdbcFixture fixture) {
        super(fixture);
    }

    @AfterEach
    void restoreDefaultZone() {
        TimeZone.setDefault(defaultZone);
    }

    /** The rows of a query, each its columns' {@code getString} joined by {@code |}. */
    private List<String> strings(String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(String.join("|", row));
                }
            }
        }
        return out;
    }

    @Test
    public void aCastToTextKeepsTheDigitsOfTheFractionThatTheTypeHolds() throws Exception {
        assertThat(strings("SELECT CAST(TIMESTAMP '2026-01-02 03:04:05.678' AS VARCHAR), "
                + "CAST(TIME '03:04:05.678' AS VARCHAR(20)), CAST(TIMESTAMP '2026-01-02 03:04:05' AS VARCHAR), "
                + "CAST(TIMESTAMP '2026-01-02 03:04:05.5' AS CHAR(21)), 'at ' || CAST(TIME '03:04:05.25' AS VARCHAR)"))
                .containsExactly("2026-01-02 03:04:05.678|03:04:05.678|2026-01-02 03:04:05|2026-01-02 03:04:05.5"
                        + "|at 03:04:05.25");
        exec("CREATE TABLE dt (id INT PRIMARY KEY, ts TIMESTAMP(3), t TIME(3), ts1 TIMESTAMP(1), t0 TIME(0))");
        exec("INSERT INTO dt VALUES (1, TIMESTAMP '2026-01-02 03:04:05.678', TIME '03:04:05.678', "
                + "TIMESTAMP '2026-01-02 03:04:05.678', TIME '03:04:05.678')");
        List<String> read = strings("SELECT ts, t, ts1, t0 FROM dt");
        assertThat(read).containsExactly("2026-01-02 03:04:05.678|03:04:05.678|2026-01-02 03:04:05.7|03:04:06");
        assertThat(strings("SELECT CAST(ts AS VARCHAR), CAST(t AS VARCHAR), CAST(ts1 AS VARCHAR(30)), "
                + "CAST(t0 AS VARCHAR) FROM dt")).as("as getString gives them").isEqualTo(read);
    }

    @Test
    public void aFractionFinerThanTheTypeHoldsRoundsHalfUpOnEveryPath() throws Exception {
        assertThat(strings("SELECT TIMESTAMP '2026-01-02 03:04:05.123456', TIMESTAMP '2026-12-31 23:59:59.9996', "
                + "TIME '10:00:00.9996', TIME '23:59:59.9996', "
                + "TIMESTAMP WITH TIME ZONE '2026-12-31 23:59:59.9996+00:00'"))
                .as("literals").containsExactly("2026-01-02 03:04:05.123|2027-01-01 00:00:00|10:00:01|23:59:59.999"
                        + "|2027-01-01 00:00:00+00:00");
        String expected = "2026-01-02 12:00:00|12:00:00|2026-01-02 12:00:00+00:00|2027-01-01 00:00:00|23:59:59.999"
                + "|2027-01-01 00:00:00+00:00";
        assertThat(strings("SELECT CAST('2026-01-02 12:00:00.4996' AS TIMESTAMP(0)), CAST('12:00:00.4996' AS TIME(0)), "
                + "CAST('2026-01-02 12:00:00.4996' AS TIMESTAMP(0) WITH TIME ZONE), "
                + "CAST('2026-12-31 23:59:59.9996' AS TIMESTAMP), CAST('23:59:59.9996' AS TIME), "
                + "CAST('2026-12-31 23:59:59.9996' AS TIMESTAMP WITH TIME ZONE)"))
                .as("text casts round once, to the precision cast to").containsExactly(expected);
        assertThat(strings("SELECT JSON_VALUE('{\"t\": \"2026-12-31 23:59:59.9996\"}', '$.t' RETURNING TIMESTAMP), "
                + "JSON_VALUE('{\"t\": \"12:00:00.4996\"}', '$.t' RETURNING TIME(0))"))
                .as("JSON_VALUE").containsExactly("2027-01-01 00:00:00|12:00:00");
        exec("CREATE TABLE r (id INT PRIMARY KEY, ts0 TIMESTAMP(0), t0 TIME(0), tz0 TIMESTAMP(0) WITH TIME ZONE, "
                + "ts TIMESTAMP, t TIME, tz TIMESTAMP WITH TIME ZONE)");
        exec("INSERT INTO r VALUES (1, '2026-01-02 12:00:00.4996', '12:00:00.4996', '2026-01-02 12:00:00.4996', "
                + "'2026-12-31 23:59:59.9996', '23:59:59.9996', '2026-12-31 23:59:59.9996')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO r VALUES (2, ?, ?, ?, ?, ?, ?)")) {
            String[] texts = {"2026-01-02 12:00:00.4996", "12:00:00.4996", "2026-01-02 12:00:00.4996",
                "2026-12-31 23:59:59.9996", "23:59:59.9996", "2026-12-31 23:59:59.9996"};
            for (int i = 0; i < texts.length; i++) {
                ps.setString(i + 1, texts[i]);
            }
            ps.executeUpdate();
        }
        exec("INSERT INTO r VALUES (3, NULL, NULL, NULL, TIMESTAMP '2026-12-31 23:59:59.9996', "
                + "TIME '23:59:59.9996', TIMESTAMP WITH TIME ZONE '2026-12-31 23:59:59.9996Z')");
        assertThat(strings("SELECT ts0, t0, tz0, ts, t, tz FROM r WHERE id < 3 ORDER BY id"))
                .as("inserted text, then parameters given as text").containsExactly(expected, expected);
        assertThat(strings("SELECT ts, t, tz FROM r WHERE id = 3")).as("inserted literals")
                .containsExactly("2027-01-01 00:00:00|23:59:59.999|2027-01-01 00:00:00+00:00");
        exec("INSERT INTO r (id, ts0) VALUES (4, TIMESTAMP '2026-01-02 12:00:00.4996')");
        assertThat(strings("SELECT ts0 FROM r WHERE id = 4")).as("a literal written rounds once, to its column")
                .containsExactly("2026-01-02 12:00:00");
        assertThat(strings("SELECT id FROM r WHERE ts = ? AND t = ? ORDER BY id", "2026-12-31 23:59:59.9996",
                "23:59:59.9996")).as("parameters compared").containsExactly("1", "2", "3");
    }

    @Test
    public void aFinerValueWrittenToAColumnOfFewerDigitsRoundsOnceToThem() throws Exception {
        exec("CREATE TABLE w (id INT PRIMARY KEY, ts0 TIMESTAMP(0), t0 TIME(0), ts1 TIMESTAMP(1), "
                + "ts2 TIMESTAMP(2), t2 TIME(2))");
        // Each is below half a unit of its column, but rounded to milliseconds first it would be half a unit.
        String[] texts = {"2026-01-01 00:00:00.4996", "10:00:00.4996", "2026-01-01 00:00:00.04996",
            "2026-01-01 00:00:00.004996", "10:00:00.004996"};
        String once = "2026-01-01 00:00:00|10:00:00|2026-01-01 00:00:00|2026-01-01 00:00:00|10:00:00";
        exec("INSERT INTO w VALUES (1, TIMESTAMP '" + texts[0] + "', TIME '" + texts[1] + "', TIMESTAMP '"
                + texts[2] + "', TIMESTAMP '" + texts[3] + "', TIME '" + texts[4] + "')");
        exec("INSERT INTO w VALUES (2, '" + texts[0] + "', '" + texts[1] + "', '" + texts[2] + "', '"
                + texts[3] + "', '" + texts[4] + "')");
        exec("INSERT INTO w VALUES (3, NULL, NULL, NULL, NULL, NULL), (4, NULL, NULL, NULL, NULL, NULL), "
                + "(5, TIMESTAMP '" + texts[0] + "', TIME '" + texts[1]
                + "', TIMESTAMP '" + texts[2] + "', TIMESTAMP '" + texts[3] + "', TIME '" + texts[4] + "')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO w VALUES (6, ?, ?, ?, ?, ?)")) {
            for (int i = 0; i < texts.length; i++) {
                ps.setString(i + 1, texts[i]);
            }
            ps.executeUpdate();
        }
        exec("UPDATE w SET ts0 = TIMESTAMP '" + texts[0] + "', t0 = TIME '" + texts[1] + "', ts1 = TIMESTAMP '"
                + texts[2] + "', ts2 = TIMESTAMP '" + texts[3] + "', t2 = TIME '" + texts[4] + "' WHERE id = 3");
        try (PreparedStatement ps = conn.prepareStatement(
                "UPDATE w SET ts0 = ?, t0 = ?, ts1 = ?, ts2 = ?, t2 = ? WHERE id = 4")) {
            for (int i = 0; i < texts.length; i++) {
                ps.setString(i + 1, texts[i]);
            }
            ps.executeUpdate();
        }
        exec("MERGE INTO w USING (VALUES (7), (1)) AS s (id) ON w.id = s.id "
                + "WHEN MATCHED THEN UPDATE SET ts0 = TIMESTAMP '2026-01-01 00:00:00.4996' "
                + "WHEN NOT MATCHED THEN INSERT (id, ts0, t0, ts1, ts2, t2) VALUES (s.id, TIMESTAMP '" + texts[0]
                + "', TIME '" + texts[1] + "', TIMESTAMP '" + texts[2] + "', TIMESTAMP '" + texts[3] + "', TIME '"
                + texts[4] + "')");
        assertThat(strings("SELECT ts0, t0, ts1, ts2, t2 FROM w ORDER BY id"))
                .as("inserted as literals, as text, updated as literals, as parameters, inserted in a row of "
                        + "several, as parameters, merged")
                .containsExactly(once, once, once, once, once, once, once);
        exec("CREATE TABLE d (id INT PRIMARY KEY, ts0 TIMESTAMP(0) DEFAULT TIMESTAMP '" + texts[0] + "', "
                + "t0 TIME(0) DEFAULT TIME '" + texts[1] + "')");
        exec("INSERT INTO d (id) VALUES (1)");
        assertThat(strings("SELECT ts0, t0 FROM d")).as("defaults").containsExactly("2026-01-01 00:00:00|10:00:00");
    }

    /** A query's one value as {@code getString} gives it, or {@code error STATE} if it fails. */
    private String valueOrState(String sql, String... params) {
        try {
            List<String> rows = strings(sql, params);
            assertThat(rows).as(sql).hasSize(1);
            return rows.get(0);
        } catch (SQLException e) {
            return "error " + e.getSQLState();
        }
    }

    @Test
    public void aLiteralCastToFewerDigitsRoundsOnceToThem() throws Exception {
        // Each is below half a unit of the type cast to, but rounded to milliseconds first it would be half a unit.
        String casts = "CAST(TIMESTAMP '2026-01-01 00:00:00.4996' AS TIMESTAMP(0)), "
                + "CAST(TIME '10:00:00.4996' AS TIME(0)), "
                + "CAST(TIMESTAMP '2026-01-01 00:00:00.04996' AS TIMESTAMP(1)), "
                + "CAST(TIMESTAMP '2026-01-01 00:00:00.004996' AS TIMESTAMP(2)), "
                + "CAST(TIME '10:00:00.004996' AS TIME(2))";
        String once = "2026-01-01 00:00:00|10:00:00|2026-01-01 00:00:00|2026-01-01 00:00:00|10:00:00";
        assertThat(strings("SELECT " + casts)).as("selected").containsExactly(once);
        assertThat(strings("SELECT CAST(TIMESTAMP '2026-12-31 23:59:59.5' AS TIMESTAMP(0)), "
                + "CAST(TIME '10:00:00.5004' AS TIME(0)), CAST(TIMESTAMP '2026-01-01 00:00:00.05' AS TIMESTAMP(1))"))
                .as("half a unit or more still rounds up")
                .containsExactly("2027-01-01 00:00:00|10:00:01|2026-01-01 00:00:00.1");
        assertThat(strings("SELECT 1 FROM (VALUES (0)) WHERE CAST(TIMESTAMP '2026-01-01 00:00:00.4996' AS TIMESTAMP(0))"
                + " = TIMESTAMP '2026-01-01 00:00:00'")).as("compared").containsExactly("1");
        exec("CREATE VIEW vc AS SELECT " + casts);
        assertThat(strings("SELECT * FROM vc")).as("in a view").containsExactly(once);
        exec("CREATE TABLE c (id INT PRIMARY KEY, ts0 TIMESTAMP(0), t0 TIME(0), ts1 TIMESTAMP(1), "
                + "ts2 TIMESTAMP(2), t2 TIME(2))");
        exec("INSERT INTO c VALUES (1, " + casts + ")");
        exec("INSERT INTO c SELECT 2, TIMESTAMP '2026-01-01 00:00:00.4996', TIME '10:00:00.4996' AS t, "
                + "TIMESTAMP '2026-01-01 00:00:00.04996', TIMESTAMP '2026-01-01 00:00:00.004996', "
                + "TIME '10:00:00.004996' FROM (VALUES (0))");
        exec("INSERT INTO c (id, ts0) SELECT 3, TIMESTAMP '2026-01-01 00:00:00.4996'");
        assertThat(strings("SELECT ts0, t0, ts1, ts2, t2 FROM c WHERE id < 3 ORDER BY id"))
                .as("inserted as casts, then from a select").containsExactly(once, once);
        assertThat(strings("SELECT ts0 FROM c WHERE id = 3")).as("from a select naming its columns")
                .containsExactly("2026-01-01 00:00:00");
    }

    @Test
    public void aLiteralCastToAnotherDatetimeTypeOrOfAnInstantRoundsOnce() throws Exception {
        // Each is below half a second, but rounded to milliseconds first it would be half a second, rounded up.
        assertThat(strings("SELECT CAST(TIMESTAMP '2020-01-01 10:00:00.4996' AS TIME(0)), "
                + "CAST(TIMESTAMP '2020-01-01 10:00:00.4996' AS TIMESTAMP(0) WITH TIME ZONE), "
                + "CAST(TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.4996+02:00' AS TIMESTAMP(0) WITH TIME ZONE), "
                + "CAST(TIMESTAMP '2020-01-01 10:00:00.4996Z' AS TIMESTAMP(0) WITH TIME ZONE), "
                + "CAST(TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.4996Z' AS TIMESTAMP(0))"))
                .as("below half a second").containsExactly("10:00:00|2020-01-01 10:00:00+00:00"
                        + "|2020-01-01 08:00:00+00:00|2020-01-01 10:00:00+00:00|2020-01-01 10:00:00");
        assertThat(strings("SELECT CAST(TIMESTAMP '2020-01-01 10:00:00.5' AS TIME(0)), "
                + "CAST(TIMESTAMP '2020-01-01 23:59:59.9996' AS TIME(0)), "
                + "CAST(TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.5004Z' AS TIMESTAMP(0) WITH TIME ZONE)"))
                .as("half a second or more rounds up, a TIME no further than its last second")
                .containsExactly("10:00:01|23:59:59|2020-01-01 10:00:01+00:00");
        exec("CREATE TABLE i (id INT PRIMARY KEY, ts0 TIMESTAMP(0), tz0 TIMESTAMP(0) WITH TIME ZONE)");
        exec("INSERT INTO i VALUES (1, TIMESTAMP '2020-01-01 10:00:00.4996', "
                + "TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.4996Z')");
        exec("INSERT INTO i SELECT 2, TIMESTAMP '2020-01-01 10:00:00.4996', TIMESTAMP '2020-01-01 10:00:00.4996Z' "
                + "UNION ALL SELECT 3, TIMESTAMP '2020-01-01 10:00:00.4996', "
                + "TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.4996Z'");
        exec("INSERT INTO i SELECT * FROM (VALUES (4, TIMESTAMP '2020-01-01 10:00:00.4996', "
                + "TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.4996Z'))");
        exec("INSERT INTO i VALUES (5, TIMESTAMP '2020-01-01 10:00:00.4996', "
                + "TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.4996Z') "
                + "UNION ALL VALUES (6, TIMESTAMP '2020-01-01 10:00:00.4996', "
                + "TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.4996Z')");
        String once = "2020-01-01 10:00:00|2020-01-01 10:00:00+00:00";
        assertThat(strings("SELECT ts0, tz0 FROM i ORDER BY id")).as("inserted from VALUES, a UNION ALL, "
                + "a SELECT * of VALUES, a UNION ALL of VALUES").containsExactly(once, once, once, once, once, once);
        exec("CREATE TABLE id0 (id INT PRIMARY KEY, tz0 TIMESTAMP(0) WITH TIME ZONE "
                + "DEFAULT TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.4996Z')");
        exec("INSERT INTO id0 (id) VALUES (1)");
        assertThat(strings("SELECT tz0 FROM id0")).as("a default").containsExactly("2020-01-01 10:00:00+00:00");
    }

    @Test
    public void aCastToDateKeepsTheDateOfTheExactValueAndRoundsNothing() throws Exception {
        assertThat(strings("SELECT CAST(TIMESTAMP '2020-01-01 23:59:59.9996' AS DATE), "
                + "TRY_CAST(TIMESTAMP '2020-01-01 23:59:59.9996' AS DATE), "
                + "CAST(TIMESTAMP WITH TIME ZONE '2020-01-01 23:59:59.9996Z' AS DATE), "
                + "CAST(TIMESTAMP '2020-01-01 23:59:59.9996+00:00' AS DATE), "
                + "CAST(TIMESTAMP '2020-01-01 23:59:59.999' AS DATE)"))
                .as("literals").containsExactly("2020-01-01|2020-01-01|2020-01-01|2020-01-01|2020-01-01");
        assertThat(strings("SELECT 1 FROM (VALUES (0)) "
                + "WHERE CAST(TIMESTAMP '2020-01-01 23:59:59.9996' AS DATE) = DATE '2020-01-01'"))
                .as("compared").containsExactly("1");
        exec("CREATE VIEW vd AS SELECT CAST(TIMESTAMP '2020-01-01 23:59:59.9996' AS DATE) AS d");
        assertThat(strings("SELECT d FROM vd")).as("in a view").containsExactly("2020-01-01");
        exec("CREATE TABLE td (ts TIMESTAMP PRIMARY KEY, tz TIMESTAMP WITH TIME ZONE, d DATE)");
        exec("CREATE INDEX td_tz ON td (tz)");
        exec("INSERT INTO td VALUES (TIMESTAMP '2020-01-01 23:59:59.999', "
                + "TIMESTAMP WITH TIME ZONE '2020-01-01 23:59:59.999Z', "
                + "CAST(TIMESTAMP '2020-01-01 23:59:59.9996' AS DATE))");
        assertThat(strings("SELECT CAST(ts AS DATE), CAST(tz AS DATE), d FROM td"))
                .as("columns").containsExactly("2020-01-01|2020-01-01|2020-01-01");
        assertThat(strings("SELECT d FROM td WHERE CAST(ts AS DATE) = DATE '2020-01-01' "
                + "AND CAST(tz AS DATE) = DATE '2020-01-01'")).as("a key and an index compared as dates")
                .containsExactly("2020-01-01");
        assertThat(strings("SELECT d FROM td WHERE CAST(ts AS DATE) = ?", "2020-01-01"))
                .as("with a parameter").containsExactly("2020-01-01");
    }

    @Test
    public void aTimeLiteralCastToATimestampRoundsOnce() throws Exception {
        // Each is below half a unit of the type cast to, but rounded to milliseconds first it would be half a unit.
        assertThat(strings("SELECT CAST(CAST(TIME '10:00:00.4996' AS TIMESTAMP(0)) AS TIME), "
                + "CAST(CAST(TIME '10:00:00.04996' AS TIMESTAMP(1)) AS TIME), "
                + "CAST(TIMESTAMP WITH TIME ZONE '2020-01-01 10:00:00.4996Z' AS TIME(0)), "
                + "CAST(CAST(TIME '10:00:00.4996' AS TIMESTAMP(0) WITH TIME ZONE) AS TIME)"))
                .containsExactly("10:00:00|10:00:00|10:00:00|10:00:00");
        assertThat(strings("SELECT CAST(CAST(TIME '10:00:00.5004' AS TIMESTAMP(0)) AS TIME), "
                + "CAST(CAST(TIME '10:00:00.1236' AS TIMESTAMP) AS TIME)"))
                .as("half a unit or more still rounds up").containsExactly("10:00:01|10:00:00.124");
    }

    @Test
    public void aTryCastReadsTextAsACastDoesAndIsNullWhereTheCastFails() throws Exception {
        String[] types = {"DATE", "TIME", "TIME(0)", "TIMESTAMP", "TIMESTAMP(0)", "TIMESTAMP(1)",
            "TIMESTAMP WITH TIME ZONE", "TIMESTAMP(0) WITH TIME ZONE"};
        String[] texts = {"2026-01-02", " 2026-01-02 ", "2026-01-02 03:04:05", "2026-01-02T03:04:05",
            "2026-01-02 12:00:00.4996", "2026-12-31 23:59:59.9996", "12:00:00.4996", "23:59:59.9996", "10:00",
            "2026-03-01 10:00:00 Europe/Paris", "2026-03-01 10:00:00+01:00", "2026-03-01 10:00:00 Mars/Olympus",
            "2026-02-30", "2026-02-30 10:00:00", "2026-13-01", "25:00:00", "10:61:00", "24:00:00", "2026-1-2",
            "garbage", "", "2026-01-02 03:04:05.", "12:00:00.123456789123"};
        exec("CREATE TABLE texts (id INT PRIMARY KEY, txt VARCHAR(60))");
        for (int i = 0; i < texts.length; i++) {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO texts VALUES (?, ?)")) {
                ps.setInt(1, i);
                ps.setString(2, texts[i]);
                ps.executeUpdate();
            }
        }
        int accepted = 0;
        int refused = 0;
        for (String type : types) {
            for (int i = 0; i < texts.length; i++) {
                String literal = "'" + texts[i] + "' AS " + type + ")";
                String cast = valueOrState("SELECT CAST(" + literal);
                String label = type + " of '" + texts[i] + "'";
                if (cast.startsWith("error ")) {
                    assertThat(cast).as(label).isIn("error 22007", "error 22008");
                    refused++;
                } else {
                    accepted++;
                }
                String expected = cast.startsWith("error ") ? "null" : cast;
                assertThat(valueOrState("SELECT TRY_CAST(" + literal)).as("literal, " + label).isEqualTo(expected);
                assertThat(valueOrState("SELECT TRY_CAST(txt AS " + type + ") FROM texts WHERE id = " + i))
                        .as("column, " + label).isEqualTo(expected);
                assertThat(valueOrState("SELECT CAST(txt AS " + type + ") FROM texts WHERE id = " + i))
                        .as("CAST of a column, " + label).isEqualTo(cast);
            }
        }
        assertThat(accepted).as("texts some cast accepts").isGreaterThan(20);
        assertThat(refused).as("texts some cast refuses").isGreaterThan(20);
    }

    @Test
    public void aTryCastOfAParameterReadsItAsTextAndIsNullWhereTheCastFails() throws Exception {
        String[] types = {"DATE", "TIME", "TIME(0)", "TIMESTAMP", "TIMESTAMP(0)", "TIMESTAMP(0) WITH TIME ZONE"};
        String[] texts = {"2026-01-02", "2026-01-02 12:00:00.4996", "12:00:00.4996", "2026-02-30", "25:00:00",
            "garbage", ""};
        int nulls = 0;
        for (String type : types) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT TRY_CAST(? AS " + type + ")")) {
                assertThat(ps.getParameterMetaData().getParameterType(1)).as(type).isEqualTo(java.sql.Types.VARCHAR);
            }
            for (String text : texts) {
                String expected = valueOrState("SELECT TRY_CAST('" + text + "' AS " + type + ")");
                assertThat(valueOrState("SELECT TRY_CAST(? AS " + type + ")", text)).as(type + " of '" + text + "'")
                        .isEqualTo(expected);
                nulls += expected.equals("null") ? 1 : 0;
            }
        }
        assertThat(nulls).as("texts no cast reads").isGreaterThan(10).isLessThan(types.length * texts.length);
    }

    @Test
    public void aTextMayNameItsZoneAsARegionOrAnOffset() throws Exception {
        assertThat(strings("SELECT CAST('2026-03-01 10:00:00 Europe/Paris' AS TIMESTAMP WITH TIME ZONE), "
                + "CAST('2026-07-01 10:00:00.5 Europe/Paris' AS TIMESTAMP WITH TIME ZONE), "
                + "CAST('2026-03-01T10:00:00 America/New_York' AS TIMESTAMP WITH TIME ZONE), "
                + "CAST('2026-03-01 10:00:00 UTC' AS TIMESTAMP WITH TIME ZONE), "
                + "CAST('2026-03-01 10:00:00 Z' AS TIMESTAMP WITH TIME ZONE), "
                + "CAST('2026-03-01 10:00:00 +01:00' AS TIMESTAMP WITH TIME ZONE), "
                + "TIMESTAMP WITH TIME ZONE '2026-03-01 10:00:00 Asia/Kolkata'"))
                .containsExactly("2026-03-01 09:00:00+00:00|2026-07-01 08:00:00.5+00:00|2026-03-01 15:00:00+00:00"
                        + "|2026-03-01 10:00:00+00:00|2026-03-01 10:00:00+00:00|2026-03-01 09:00:00+00:00"
                        + "|2026-03-01 04:30:00+00:00");
        exec("CREATE TABLE z (id INT PRIMARY KEY, seen TIMESTAMP WITH TIME ZONE)");
        exec("INSERT INTO z VALUES (1, '2026-03-01 10:00:00 Europe/Paris')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO z VALUES (2, ?)")) {
            ps.setString(1, "2026-03-01 04:00:00 America/New_York");
            ps.executeUpdate();
        }
        assertThat(strings("SELECT seen FROM z ORDER BY id"))
                .containsExactly("2026-03-01 09:00:00+00:00", "2026-03-01 09:00:00+00:00");
        failsWith("SELECT CAST('2026-03-01 10:00:00 Mars/Olympus' AS TIMESTAMP WITH TIME ZONE)", "22007",
                "Mars/Olympus");
        failsWith("INSERT INTO z VALUES (3, '2026-03-01 10:00:00 Mars/Olympus')", "22007", "Mars/Olympus");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO z VALUES (4, ?)")) {
            ps.setString(1, "2026-03-01 10:00:00 Mars/Olympus");
            org.assertj.core.api.Assertions.assertThatThrownBy(ps::executeUpdate)
                    .isInstanceOfSatisfying(SQLException.class, e -> {
                        assertThat(e.getSQLState()).isEqualTo("22007");
                        assertThat(e.getMessage()).contains("Mars/Olympus");
                    });
        }
    }

    @Test
    public void aClockTimeThatTheJvmsZoneSkipsReadsBackAsItWasWritten() throws Exception {
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
        LocalDateTime skipped = LocalDateTime.of(2026, 3, 29, 2, 30, 0, 250_000_000);
        exec("CREATE TABLE gap (id INT PRIMARY KEY, ts TIMESTAMP)");
        exec("INSERT INTO gap VALUES (1, TIMESTAMP '2026-03-29 02:30:00.25')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO gap VALUES (?, ?)")) {
            ps.setInt(1, 2);
            ps.setObject(2, skipped);
            ps.executeUpdate();
        }
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT ts FROM gap ORDER BY id")) {
            for (int row = 1; row <= 2; row++) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(skipped);
                assertThat(rs.getTimestamp(1).toLocalDateTime()).isEqualTo(skipped);
                assertThat(((Timestamp) rs.getObject(1)).toLocalDateTime()).isEqualTo(skipped);
                assertThat(rs.getObject(1).toString()).isEqualTo("2026-03-29 02:30:00.25");
                assertThat(rs.getString(1)).isEqualTo("2026-03-29 02:30:00.25");
                assertThat(rs.getTimestamp(1)).as("the JDBC rule: the instant a Timestamp.valueOf would name")
                        .isEqualTo(Timestamp.valueOf(skipped));
            }
        }
        Timestamp read;
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT ts FROM gap WHERE id = 1")) {
            assertThat(rs.next()).isTrue();
            read = rs.getTimestamp(1);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM gap WHERE ts = ? ORDER BY id")) {
            ps.setTimestamp(1, read);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("a Timestamp read back finds its row").isTrue();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }
}
