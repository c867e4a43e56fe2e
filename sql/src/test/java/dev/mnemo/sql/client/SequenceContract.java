package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Sequences through SQL: {@code CREATE SEQUENCE}, {@code ALTER SEQUENCE}, {@code DROP SEQUENCE}, {@code NEXT VALUE
 * FOR}; once per driver.
 */
public abstract class SequenceContract extends ConnectedContract {
    protected SequenceContract(JdbcFixture fixture) {
        super(fixture);
    }

    protected List<Long> longs(String sql) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    protected long next(String sequence) throws SQLException {
        return longs("SELECT NEXT VALUE FOR " + sequence + " FROM (VALUES (0))").get(0);
    }

    @Test
    public void aSequenceCountsFromItsStartByItsIncrement() throws SQLException {
        exec("CREATE SEQUENCE s");
        assertThat(List.of(next("s"), next("s"), next("s"))).containsExactly(1L, 2L, 3L);
        exec("CREATE SEQUENCE t AS INTEGER START WITH 100 INCREMENT BY -10 MINVALUE 70 MAXVALUE 100");
        assertThat(List.of(next("t"), next("t"), next("t"), next("mnemo.t"))).containsExactly(100L, 90L, 80L, 70L);
    }

    @Test
    public void eachRowOfAStatementGetsItsOwnValue() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 10 CACHE 3");
        exec("CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(10))");
        exec("INSERT INTO item VALUES (NEXT VALUE FOR s, 'a'), (NEXT VALUE FOR s, 'b')");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO item VALUES (NEXT VALUE FOR s, ?)")) {
            ps.setString(1, "c");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setString(1, "d");
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        exec("INSERT INTO item SELECT NEXT VALUE FOR s, name || '2' FROM item WHERE name IN ('a', 'b')");
        assertThat(longs("SELECT id FROM item ORDER BY id")).containsExactly(10L, 11L, 12L, 13L, 14L, 15L);
        exec("UPDATE item SET id = NEXT VALUE FOR s + 100 WHERE name = 'a'");
        assertThat(longs("SELECT id FROM item WHERE name = 'a'")).containsExactly(116L);
        assertThat(longs("SELECT NEXT VALUE FOR s FROM item")).hasSize(6).doesNotHaveDuplicates()
                .allMatch(v -> v >= 17 && v <= 22);
    }

    @Test
    public void aSequenceWithoutCycleIsExhaustedAtItsBound() throws SQLException {
        exec("CREATE SEQUENCE s AS SMALLINT START WITH 32766 CACHE 5");
        assertThat(List.of(next("s"), next("s"))).containsExactly(32766L, 32767L);
        failsWith("SELECT NEXT VALUE FOR s FROM (VALUES (0))", "2200H", "S", "exhausted");
        exec("CREATE SEQUENCE d INCREMENT BY -1 MINVALUE -2 MAXVALUE -1");
        assertThat(List.of(next("d"), next("d"))).containsExactly(-1L, -2L);
        failsWith("SELECT NEXT VALUE FOR d FROM (VALUES (0))", "2200H", "D");
        exec("CREATE SEQUENCE b START WITH 9223372036854775806");
        assertThat(List.of(next("b"), next("b"))).containsExactly(Long.MAX_VALUE - 1, Long.MAX_VALUE);
        failsWith("SELECT NEXT VALUE FOR b FROM (VALUES (0))", "2200H", "B");
    }

    @Test
    public void aCyclingSequenceStartsAgainFromItsOtherBound() throws SQLException {
        exec("CREATE SEQUENCE c MINVALUE 1 MAXVALUE 3 START WITH 2 CYCLE CACHE 2");
        List<Long> values = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            values.add(next("c"));
        }
        assertThat(values).containsExactly(2L, 3L, 1L, 2L, 3L, 1L);
        exec("CREATE SEQUENCE d INCREMENT BY -2 MINVALUE -5 MAXVALUE 0 CYCLE");
        values.clear();
        for (int i = 0; i < 4; i++) {
            values.add(next("d"));
        }
        assertThat(values).containsExactly(0L, -2L, -4L, 0L);
    }

    @Test
    public void alterSequenceRestartsItAndChangesItsIncrement() throws SQLException {
        exec("CREATE SEQUENCE s CACHE 10");
        assertThat(List.of(next("s"), next("s"))).containsExactly(1L, 2L);
        exec("ALTER SEQUENCE s RESTART WITH 100");
        assertThat(next("s")).isEqualTo(100); // not 3: the rest of the block reserved before is dropped
        exec("ALTER SEQUENCE mnemo.s INCREMENT BY 10");
        // From the first value no block reserved: 100's block ran to 109.
        assertThat(List.of(next("s"), next("s"))).containsExactly(110L, 120L);
        exec("ALTER SEQUENCE s RESTART");
        assertThat(List.of(next("s"), next("s"))).containsExactly(1L, 11L);
        exec("ALTER SEQUENCE s START WITH 5 RESTART INCREMENT BY -1 MINVALUE 3 CACHE 1");
        assertThat(List.of(next("s"), next("s"), next("s"))).containsExactly(5L, 4L, 3L);
        failsWith("SELECT NEXT VALUE FOR s FROM (VALUES (0))", "2200H", "S");
    }

    @Test
    public void alterSequenceChangesItsBoundsAndCycle() throws SQLException {
        exec("CREATE SEQUENCE s MAXVALUE 3 CACHE 2");
        assertThat(List.of(next("s"), next("s"), next("s"))).containsExactly(1L, 2L, 3L);
        failsWith("SELECT NEXT VALUE FOR s FROM (VALUES (0))", "2200H", "S");
        exec("ALTER SEQUENCE s MAXVALUE 5"); // an exhausted sequence goes on past the bound it reached
        assertThat(List.of(next("s"), next("s"))).containsExactly(4L, 5L);
        failsWith("SELECT NEXT VALUE FOR s FROM (VALUES (0))", "2200H", "S");
        exec("ALTER SEQUENCE s CYCLE");
        assertThat(List.of(next("s"), next("s"))).containsExactly(1L, 2L);
        exec("ALTER SEQUENCE s NO CYCLE NO MAXVALUE MINVALUE 1");
        assertThat(next("s")).isEqualTo(3);
        exec("CREATE SEQUENCE i AS SMALLINT");
        exec("ALTER SEQUENCE i RESTART WITH 32767");
        assertThat(next("i")).isEqualTo(32767);
        failsWith("ALTER SEQUENCE i RESTART WITH 32768", "22023", "RESTART");
    }

    @Test
    public void badAltersAreRefusedAndChangeNothing() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 10 MAXVALUE 100 CACHE 1");
        assertThat(next("s")).isEqualTo(10);
        failsWith("ALTER SEQUENCE s INCREMENT BY 0", "22023", "INCREMENT BY");
        failsWith("ALTER SEQUENCE s MINVALUE 50", "22023", "START WITH"); // its START WITH 10 stays
        failsWith("ALTER SEQUENCE s MAXVALUE 10", "22023", "11"); // the next value, 11, would lie past it
        failsWith("ALTER SEQUENCE s RESTART WITH 101", "22023", "RESTART");
        failsWith("ALTER SEQUENCE s RESTART WITH 2.5", "22023", "whole number");
        failsWith("ALTER SEQUENCE s CACHE 0", "22023", "CACHE");
        failsWith("ALTER SEQUENCE s RESTART RESTART WITH 3", "42000", "twice");
        failsWith("ALTER SEQUENCE s CYCLE NO CYCLE", "42000", "twice");
        failsWith("ALTER SEQUENCE s AS INTEGER", "42601", "AS");
        failsWith("ALTER SEQUENCE nope RESTART", "42000", "NOPE");
        failsWith("ALTER SEQUENCE other.s RESTART", "3F000", "schema");
        exec("ALTER SEQUENCE IF EXISTS nope RESTART");
        assertThat(List.of(next("s"), next("s"))).containsExactly(11L, 12L);
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        failsWith("ALTER SEQUENCE t RESTART", "42000", "T");
    }

    @Test
    public void aRowDrawsEachSequenceOnce() throws SQLException {
        exec("CREATE SEQUENCE s");
        exec("CREATE SEQUENCE u START WITH 50");
        exec("CREATE TABLE pair (a BIGINT PRIMARY KEY, b BIGINT, c BIGINT)");
        exec("INSERT INTO pair VALUES (NEXT VALUE FOR s, NEXT VALUE FOR s, NEXT VALUE FOR u)");
        exec("INSERT INTO pair VALUES (NEXT VALUE FOR s, NEXT VALUE FOR s, NEXT VALUE FOR u), "
                + "(NEXT VALUE FOR s, NEXT VALUE FOR s + 100, NEXT VALUE FOR u)");
        assertThat(rows("SELECT a, b, c FROM pair ORDER BY a")).containsExactly("1:1:50", "2:2:51", "3:103:52");
        assertThat(rows("SELECT NEXT VALUE FOR s, NEXT VALUE FOR s * 10, NEXT VALUE FOR u FROM (VALUES 1, 2)"))
                .containsExactly("4:40:53", "5:50:54");
        exec("INSERT INTO pair SELECT NEXT VALUE FOR s, NEXT VALUE FOR s, a FROM pair WHERE a = 1");
        exec("UPDATE pair SET b = NEXT VALUE FOR s, c = NEXT VALUE FOR s WHERE a = 1");
        assertThat(rows("SELECT a, b, c FROM pair WHERE a IN (1, 6)")).containsExactly("1:7:7", "6:6:1");
    }

    @Test
    public void aRowDrawsOnceWhereverItsCallsStand() throws SQLException {
        exec("CREATE SEQUENCE s");
        // In a branch of a CASE: drawn for every row, taken or not.
        assertThat(rows("SELECT CASE WHEN x = 1 THEN NEXT VALUE FOR s ELSE 0 END, NEXT VALUE FOR s "
                + "FROM (VALUES 1, 2, 1) AS v (x)")).containsExactly("1:1", "0:2", "3:3");
        // In a condition, and in the select list of the query it filters: the row kept is the value tested.
        assertThat(rows("SELECT * FROM (SELECT NEXT VALUE FOR s AS p, NEXT VALUE FOR s AS q FROM (VALUES 1, 2, 3)) "
                + "WHERE MOD(p, 2) = 0")).containsExactly("4:4", "6:6");
        exec("CREATE TABLE t (id BIGINT PRIMARY KEY, v BIGINT)");
        exec("INSERT INTO t VALUES (1, 0), (2, 0), (3, 0), (4, 0)");
        exec("INSERT INTO t SELECT NEXT VALUE FOR s + 100, NEXT VALUE FOR s FROM t WHERE MOD(NEXT VALUE FOR s, 3) = 0");
        assertThat(rows("SELECT id, v FROM t WHERE id > 100")).hasSize(1).allMatch(r -> {
            long v = Long.parseLong(r.split(":")[1]);
            return r.equals((v + 100) + ":" + v) && v % 3 == 0;
        });
    }

    @Test
    public void aScalarSubqueryThatDrawsAndSortsGivesTheValueOfItsFirstRow() throws SQLException {
        exec("CREATE SEQUENCE s");
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        exec("INSERT INTO t VALUES (3), (1), (2)");
        List<String> one = rows("SELECT (SELECT NEXT VALUE FOR s FROM t ORDER BY id FETCH FIRST 1 ROW ONLY)");
        assertThat(one).hasSize(1);
        long drawn = Long.parseLong(one.get(0));
        assertThat(drawn).isBetween(1L, 3L);
        // In the select list of a query with rows of its own, and sorting on another column.
        List<String> each = rows("SELECT id, (SELECT NEXT VALUE FOR s FROM t AS u ORDER BY u.id DESC "
                + "FETCH FIRST 1 ROW ONLY) FROM t ORDER BY id");
        assertThat(each).hasSize(3).extracting(r -> Long.parseLong(r.split(":")[1])).allMatch(v -> v > drawn);
        assertThat(next("s")).isGreaterThan(drawn);
    }

    @Test
    public void aMergeFromValuesDrawsOncePerSourceRow() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 10");
        exec("CREATE TABLE item (id BIGINT PRIMARY KEY, name VARCHAR(10), copy BIGINT)");
        exec("INSERT INTO item VALUES (11, 'old', NULL)");
        try (Statement st = conn.createStatement()) {
            assertThat(st.executeUpdate("MERGE INTO item USING (VALUES (NEXT VALUE FOR s, 'a'), (NEXT VALUE FOR s, "
                    + "'b'), (NEXT VALUE FOR s, 'c')) AS src (id, name) ON item.id = src.id "
                    + "WHEN MATCHED THEN UPDATE SET name = src.name, copy = src.id "
                    + "WHEN NOT MATCHED THEN INSERT (id, name, copy) VALUES (src.id, src.name, src.id)"))
                    .isEqualTo(3);
        }
        // 10 and 12 were inserted, 11 was matched and changed: each source row drew once, and its ON, SET and
        // INSERT saw that one value.
        assertThat(rows("SELECT id, name, copy FROM item ORDER BY id")).containsExactly("10:a:10", "11:b:11",
                "12:c:12");
        assertThat(next("s")).isEqualTo(13);
        // A source of one row, and a source query: one draw per row, seen by ON and INSERT alike.
        exec("MERGE INTO item USING (VALUES (NEXT VALUE FOR s, 'd')) AS src (id, name) ON item.id = src.id "
                + "WHEN MATCHED THEN UPDATE SET name = src.name "
                + "WHEN NOT MATCHED THEN INSERT (id, name, copy) VALUES (src.id, src.name, src.id)");
        exec("MERGE INTO item USING (SELECT NEXT VALUE FOR s AS id, name || '2' AS name FROM item WHERE id < 12) "
                + "AS src ON item.id = src.id WHEN MATCHED THEN UPDATE SET name = src.name "
                + "WHEN NOT MATCHED THEN INSERT (id, name, copy) VALUES (src.id, src.name, src.id)");
        // The source query reads item in hash order (a set table), so which of its rows drew 15 is not fixed.
        assertThat(rows("SELECT id, name, copy FROM item WHERE id > 12 ORDER BY id")).isIn(
                List.of("14:d:14", "15:a2:15", "16:b2:16"), List.of("14:d:14", "15:b2:15", "16:a2:16"));
        assertThat(next("s")).isEqualTo(17);
        // Insert-only: a draw per row inserted, as INSERT ... SELECT ... WHERE NOT EXISTS draws; 14 is matched.
        try (Statement st = conn.createStatement()) {
            assertThat(st.executeUpdate("MERGE INTO item USING (VALUES (14, 'm'), (40, 'n')) AS src (id, name)"
                    + " ON item.id = src.id WHEN NOT MATCHED THEN INSERT (id, name, copy)"
                    + " VALUES (src.id, src.name, NEXT VALUE FOR s)")).isEqualTo(1);
        }
        assertThat(rows("SELECT id, name, copy FROM item WHERE id IN (14, 40) ORDER BY id"))
                .containsExactly("14:d:14", "40:n:18");
        assertThat(next("s")).isEqualTo(19);
    }

    @Test
    public void aMergeDrawsForItsInsertOnlyWhereItInsertsAndForItsUpdateOnlyWhereItUpdates() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 100");
        exec("CREATE TABLE item (id INTEGER PRIMARY KEY, num BIGINT, n BIGINT)");
        exec("CREATE TABLE src (id INTEGER PRIMARY KEY)");
        exec("INSERT INTO item VALUES (1, 0, 0), (2, 0, 0)");
        exec("INSERT INTO src VALUES (1), (2), (3)");
        try (Statement st = conn.createStatement()) {
            // Three source rows, two of them matched: the insert draws once, for 3.
            assertThat(st.executeUpdate("MERGE INTO item USING src ON item.id = src.id"
                    + " WHEN MATCHED THEN UPDATE SET n = item.n + 1"
                    + " WHEN NOT MATCHED THEN INSERT (id, num) VALUES (src.id, NEXT VALUE FOR s)")).isEqualTo(3);
            assertThat(next("s")).isEqualTo(101);
            // The update draws for the two rows it sets (102, 103 in either order), none for 4, which it inserts.
            assertThat(st.executeUpdate("MERGE INTO item USING (VALUES (1), (4), (2)) AS v (id) ON item.id = v.id"
                    + " WHEN MATCHED THEN UPDATE SET n = NEXT VALUE FOR s"
                    + " WHEN NOT MATCHED THEN INSERT (id, num, n) VALUES (v.id, -1, -1)")).isEqualTo(3);
        }
        assertThat(rows("SELECT id, num FROM item ORDER BY id")).containsExactly("1:0", "2:0", "3:100", "4:-1");
        assertThat(rows("SELECT SUM(n) FROM item WHERE id < 3")).containsExactly("205");
        assertThat(next("s")).isEqualTo(104);
    }

    @Test
    public void aMergeOfSeveralClausesDrawsOnlyForTheRowsItsClausesWrite() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 100");
        exec("CREATE SEQUENCE u START WITH 500");
        exec("CREATE TABLE item (id INTEGER PRIMARY KEY, num BIGINT)");
        exec("INSERT INTO item VALUES (1, 0), (2, 0), (3, 0)");
        try (Statement st = conn.createStatement()) {
            // 1 updated (draws from u), 2 deleted, 3 and 5 taken by no clause, 4 inserted (draws from s).
            assertThat(st.executeUpdate("MERGE INTO item USING (VALUES (1), (2), (3), (4), (5)) AS v (id)"
                    + " ON item.id = v.id WHEN MATCHED AND v.id = 2 THEN DELETE"
                    + " WHEN MATCHED AND v.id = 1 THEN UPDATE SET num = NEXT VALUE FOR u"
                    + " WHEN NOT MATCHED AND v.id < 5 THEN INSERT (id, num) VALUES (v.id, NEXT VALUE FOR s)"))
                    .isEqualTo(3);
        }
        assertThat(rows("SELECT id, num FROM item ORDER BY id")).containsExactly("1:500", "3:0", "4:100");
        assertThat(next("s")).isEqualTo(101);
        assertThat(next("u")).isEqualTo(501);
    }

    @Test
    public void nextValueForHasTheSequencesType() throws SQLException {
        exec("CREATE SEQUENCE b");
        exec("CREATE SEQUENCE i AS INTEGER START WITH 7");
        exec("CREATE SEQUENCE m AS SMALLINT START WITH 8");
        String select = "SELECT NEXT VALUE FOR b, NEXT VALUE FOR i, NEXT VALUE FOR m FROM (VALUES (0))";
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(select)) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(List.of(md.getColumnType(1), md.getColumnType(2), md.getColumnType(3)))
                    .containsExactly(Types.BIGINT, Types.INTEGER, Types.SMALLINT);
            assertThat(rs.next()).isTrue();
            assertThat(List.of(rs.getObject(1), rs.getObject(2), rs.getObject(3)))
                    .containsExactly(1L, 7, (short) 8);
        }
        exec("DROP SEQUENCE i");
        exec("CREATE SEQUENCE i START WITH 3000000000");
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery(select)) {
            assertThat(rs.getMetaData().getColumnType(2)).isEqualTo(Types.BIGINT);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getObject(2)).isEqualTo(3_000_000_000L);
        }
    }

    @Test
    public void badDefinitionsAreRefused() {
        failsWith("CREATE SEQUENCE s INCREMENT BY 0", "22023", "INCREMENT BY");
        failsWith("CREATE SEQUENCE s MINVALUE 10 MAXVALUE 5", "22023", "MINVALUE");
        failsWith("CREATE SEQUENCE s START WITH 0", "22023", "START WITH");
        failsWith("CREATE SEQUENCE s MAXVALUE 10 START WITH 11", "22023", "START WITH");
        failsWith("CREATE SEQUENCE s AS SMALLINT MAXVALUE 40000", "22023", "MAXVALUE");
        failsWith("CREATE SEQUENCE s START WITH 1.5", "22023", "whole number");
        failsWith("CREATE SEQUENCE s CACHE 0", "22023", "CACHE");
        failsWith("CREATE SEQUENCE s AS VARCHAR(10)", "42000", "BIGINT, INTEGER or SMALLINT");
        failsWith("CREATE SEQUENCE s AS DECIMAL(10, 0)", "42000", "BIGINT, INTEGER or SMALLINT");
        failsWith("CREATE SEQUENCE s START WITH 1 START WITH 2", "42000", "twice");
        failsWith("CREATE SEQUENCE other.s", "3F000", "schema");
        failsWith("CREATE SEQUENCE mnemo$x", "42000", "reserved");
    }

    @Test
    public void namesAreSharedWithTablesAndCreatedOnce() throws SQLException {
        exec("CREATE SEQUENCE s");
        failsWith("CREATE SEQUENCE s", "42S01", "already exists");
        exec("CREATE SEQUENCE IF NOT EXISTS s START WITH 50");
        assertThat(next("s")).isEqualTo(1);
        failsWith("CREATE TABLE s (id INTEGER PRIMARY KEY)", "42S01", "sequence");
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        failsWith("CREATE SEQUENCE t", "42S01", "table");
        failsWith("SELECT * FROM s", "42S02", "S");
    }

    @Test
    public void unknownSequencesAreNamed() throws SQLException {
        failsWith("SELECT NEXT VALUE FOR nope FROM (VALUES (0))", "42000", "NOPE");
        failsWith("DROP SEQUENCE nope", "42000", "NOPE");
        exec("DROP SEQUENCE IF EXISTS nope");
        exec("CREATE SEQUENCE s");
        failsWith("SELECT CURRENT VALUE FOR s FROM (VALUES (0))", "0A000", "CURRENT VALUE");
    }

    @Test
    public void aDroppedSequenceIsGoneAndItsNameFree() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 5");
        String select = "SELECT NEXT VALUE FOR s FROM (VALUES (0))";
        try (PreparedStatement ps = conn.prepareStatement(select)) {
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(5);
            }
            exec("DROP SEQUENCE s");
            assertThatThrownBy(ps::executeQuery).isInstanceOfSatisfying(SQLException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("42000"));
            exec("CREATE SEQUENCE s START WITH 40");
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getLong(1)).isEqualTo(40);
            }
        }
    }

    @Test
    public void systemTablesAreNeitherListedNorReachable() throws SQLException {
        exec("CREATE SEQUENCE s");
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY)");
        List<String> tables = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", null)) {
            while (rs.next()) {
                tables.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
        }
        assertThat(tables).containsExactly("S:SEQUENCE", "T:TABLE");
        List<String> sequences = new ArrayList<>();
        try (ResultSet rs = conn.getMetaData().getTables(null, "MNEMO", "%", new String[] {"SEQUENCE"})) {
            while (rs.next()) {
                sequences.add(rs.getString("TABLE_NAME") + ":" + rs.getString("TABLE_TYPE"));
            }
        }
        assertThat(sequences).containsExactly("S:SEQUENCE");
        try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString("TABLE_NAME")).isEqualTo("T");
            assertThat(rs.next()).isFalse();
        }
        failsWith("SELECT * FROM mnemo$sequences", "42S02", "MNEMO$SEQUENCES");
        failsWith("DROP TABLE mnemo$sequences", "42000", "reserved");
        failsWith("INSERT INTO mnemo$sequences (name) VALUES ('X')", "42S02", "MNEMO$SEQUENCES");
    }
}
