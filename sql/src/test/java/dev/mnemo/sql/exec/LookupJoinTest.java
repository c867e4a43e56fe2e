package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A join onto a table's whole primary key (or an index's columns) from a side of few rows reads the table by key,
 * a lookup per row of that side ({@code MnemoLookupJoin}), and gives the rows the same query gives when it cannot (its
 * twin joins on {@code ABS} of the key, which no lookup can serve): on set, ordered_set and bag tables, composite keys,
 * NULL and missing keys, LEFT joins, join columns of other integer types, non-unique indexes (each value's every row),
 * semi-joins (IN, EXISTS) and the LEFT joins of NOT EXISTS and NOT IN, keys of the same DATE, TIME, TIMESTAMP, BOOLEAN,
 * CHAR, DECIMAL or UUID type on both sides. The lookups depend on the rows they read as key reads do: a concurrent
 * write to one of them (or under a looked-up index value) makes the transaction conflict, one to another row does not.
 */
class LookupJoinTest extends EmbeddedDatabaseTest {
    private static final String LOOKUP = "MnemoLookupJoin";
    private static final int PARENTS = 200;
    private static final int CHILDREN = 400;
    private static final List<String> KINDS = List.of("set", "ordered_set", "bag");

    @BeforeEach
    void fillTables() throws SQLException {
        for (String kind : KINDS) {
            exec("CREATE TABLE parent_" + kind + " (id BIGINT NOT NULL PRIMARY KEY, name VARCHAR(10)) WITH (kind = '"
                    + kind + "')");
        }
        exec("CREATE TABLE coded (id INTEGER NOT NULL PRIMARY KEY, code VARCHAR(10) UNIQUE, name VARCHAR(10))");
        exec("CREATE TABLE pair (a INTEGER NOT NULL, b SMALLINT NOT NULL, name VARCHAR(10), PRIMARY KEY (a, b))"
                + " WITH (kind = 'ordered_set')");
        // Child i belongs to parent i % PARENTS + 1, but every 10th has no parent (NULL) and every 7th a missing one.
        exec("CREATE TABLE child (id BIGINT NOT NULL PRIMARY KEY, pid BIGINT, ipid INTEGER, spid SMALLINT,"
                + " code VARCHAR(10), wide BIGINT) WITH (kind = 'ordered_set')");
        for (String kind : KINDS) {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO parent_" + kind + " VALUES (?, ?)")) {
                for (int i = 1; i <= PARENTS; i++) {
                    addRow(ps, i, "p" + i);
                    if (kind.equals("bag") && i % 2 == 0) {
                        addRow(ps, i, "q" + i); // a second row under every even key
                    }
                }
                ps.executeBatch();
            }
        }
        try (PreparedStatement coded = conn.prepareStatement("INSERT INTO coded VALUES (?, ?, ?)");
             PreparedStatement pair = conn.prepareStatement("INSERT INTO pair VALUES (?, ?, ?)")) {
            for (int i = 1; i <= PARENTS; i++) {
                addRow(coded, i, "c" + i, "n" + i);
                addRow(pair, i, i, "r" + i);
                addRow(pair, i, i + 1000, "s" + i);
            }
            coded.executeBatch();
            pair.executeBatch();
        }
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO child VALUES (?, ?, ?, ?, ?, ?)")) {
            for (int i = 1; i <= CHILDREN; i++) {
                Long parent = i % 10 == 0 ? null : i % 7 == 0 ? 999L : (long) (i % PARENTS + 1);
                Long wide = parent == null ? null : i % 4 == 0 ? parent + (1L << 32) : parent;
                addRow(ps, i, parent, parent == null ? null : parent.intValue(),
                        parent == null ? null : parent.shortValue(), parent == null ? null : "c" + parent, wide);
            }
            ps.executeBatch();
        }
    }

    private static void addRow(PreparedStatement ps, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            ps.setObject(i + 1, values[i]);
        }
        ps.addBatch();
    }

    private List<String> rows(String sql) throws SQLException {
        return QueryRows.of(conn, sql);
    }

    /** The rows of {@code sql} and of its twin, which joins on {@code ABS(column)} instead of the key column. */
    private List<String> sameAsTwin(String sql, String keyColumn) throws SQLException {
        return sameAs(sql, sql.replace("= " + keyColumn, "= ABS(" + keyColumn + ")"));
    }

    /** The rows of {@code sql}, which looks up, and of {@code twin}, which cannot. */
    private List<String> sameAs(String sql, String twin) throws SQLException {
        assertThat(twin).isNotEqualTo(sql);
        assertThat(plan(sql)).as(sql).contains(LOOKUP);
        assertThat(plan(twin)).as(twin).doesNotContain(LOOKUP);
        List<String> got = rows(sql);
        assertThat(got).as(sql + "\n" + plan(sql)).isEqualTo(rows(twin));
        return got;
    }

    @Test
    void aJoinFromFewRowsOntoAKeyLooksUpEachKindOfTable() throws SQLException {
        for (String kind : KINDS) {
            String sql = "SELECT c.id, p.name FROM child c JOIN parent_" + kind + " p ON c.pid = p.id"
                    + " WHERE c.id BETWEEN 1 AND 30 ORDER BY c.id, p.name";
            assertThat(plan(sql)).contains("lookup=[KEY ID=$");
            List<String> got = sameAsTwin(sql, "p.id");
            // Ids 1..30 less 10, 20, 30 (no parent) and 7, 14, 21, 28 (a missing one); a bag's even keys twice.
            int even = (int) List.of(1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 13, 15, 16, 17, 18, 19, 22, 23, 24, 25, 26, 27, 29)
                    .stream().filter(i -> (i % PARENTS + 1) % 2 == 0).count();
            assertThat(got).hasSize(kind.equals("bag") ? 23 + even : 23).contains("1|p2", "29|p30");
        }
    }

    @Test
    void theTableMayBeEitherSideOfAnInnerJoinAndCarryItsFiltersAndProjections() throws SQLException {
        String sql = "SELECT p.label, c.id FROM (SELECT id, name || '!' AS label FROM parent_set WHERE name <> 'p5')"
                + " p JOIN child c ON c.pid = p.id AND c.id + p.id > 10 WHERE c.id IN (1, 2, 3, 4, 8, 9) ORDER BY c.id";
        assertThat(sameAsTwin(sql, "p.id")).containsExactly("p9!|8", "p10!|9");
    }

    @Test
    void aCompositeKeyIsLookedUpOnlyWhole() throws SQLException {
        String whole = "SELECT c.id, r.name FROM child c JOIN pair r ON c.ipid = r.a AND c.spid = r.b"
                + " WHERE c.id < 40 ORDER BY c.id";
        assertThat(plan(whole)).contains("lookup=[KEY A=$").contains(", B=$");
        List<String> got = sameAsTwin(whole, "r.a");
        List<String> want = new ArrayList<>();
        for (int i = 1; i < 40; i++) {
            int parent = i % PARENTS + 1;
            if (i % 10 != 0 && i % 7 != 0) {
                want.add(i + "|r" + parent);
            }
        }
        assertThat(got).isEqualTo(want).isNotEmpty();
        String part = "SELECT c.id, r.name FROM child c JOIN pair r ON r.a = c.ipid WHERE c.id < 40 ORDER BY c.id";
        assertThat(plan(part)).doesNotContain(LOOKUP);
    }

    @Test
    void nullAndMissingKeysMatchNothingAndALeftJoinKeepsTheirRows() throws SQLException {
        String inner = "SELECT c.id, p.name FROM child c JOIN parent_set p ON c.pid = p.id"
                + " WHERE c.id IN (6, 7, 10, 11) ORDER BY c.id";
        assertThat(sameAsTwin(inner, "p.id")).containsExactly("6|p7", "11|p12");
        String left = inner.replace(" JOIN ", " LEFT JOIN ");
        assertThat(plan(left)).contains("joinType=[left]");
        assertThat(sameAsTwin(left, "p.id")).containsExactly("6|p7", "7|null", "10|null", "11|p12");
        // A filter on the looked-up side, or a condition of the join, drops a match, not the row.
        String filtered = "SELECT c.id, p.name FROM child c LEFT JOIN (SELECT * FROM parent_bag WHERE name LIKE 'q%') p"
                + " ON c.pid = p.id AND c.id < 11 WHERE c.id IN (5, 6, 7, 11) ORDER BY c.id";
        assertThat(sameAsTwin(filtered, "p.id")).containsExactly("5|q6", "6|null", "7|null", "11|null");
        // A constant of the looked-up side is NULL for a row without a match (NOT EXISTS tests such a marker).
        String constant = "SELECT c.id, p.label FROM child c LEFT JOIN (SELECT id, '!' AS label FROM parent_set) p"
                + " ON c.pid = p.id WHERE c.id IN (6, 7) ORDER BY c.id";
        assertThat(sameAsTwin(constant, "p.id")).containsExactly("6|!", "7|null");
        // Any other value it computes reads the table whole.
        String computed = constant.replace("'!' AS label", "name || '!' AS label");
        assertThat(plan(computed)).doesNotContain(LOOKUP);
        assertThat(rows(computed)).containsExactly("6|p7!", "7|null");
    }

    @Test
    void joinColumnsOfOtherIntegerTypesMatchByValue() throws SQLException {
        for (String column : List.of("ipid", "spid", "wide")) {
            String sql = "SELECT c.id, p.name FROM child c JOIN parent_set p ON c." + column + " = p.id"
                    + " WHERE c.id BETWEEN 1 AND 12 ORDER BY c.id";
            List<String> got = sameAsTwin(sql, "p.id");
            // wide holds the parent plus 2^32 for ids divisible by 4: no parent has such a key.
            assertThat(got).as(column).hasSize(column.equals("wide") ? 7 : 10);
        }
        // A BIGINT beyond INTEGER's range looked up in an INTEGER key matches nothing, and fails nothing.
        String narrow = "SELECT c.id, k.name FROM child c JOIN coded k ON c.wide = k.id"
                + " WHERE c.id BETWEEN 1 AND 12 ORDER BY c.id";
        assertThat(sameAsTwin(narrow, "k.id")).containsExactly("1|n2", "2|n3", "3|n4", "5|n6", "6|n7", "9|n10",
                "11|n12");
        String left = "SELECT c.id, k.name FROM child c LEFT JOIN coded k ON c.wide = k.id"
                + " WHERE c.id IN (1, 4) ORDER BY c.id";
        assertThat(plan(left)).contains("joinType=[left]");
        assertThat(sameAsTwin(left, "k.id")).containsExactly("1|n2", "4|null");
    }

    @Test
    void aCastThatNarrowsTheLookedUpIntegerReadsTheTableWhole() throws SQLException {
        String narrowInteger = "SELECT c.id, p.name FROM child c JOIN parent_set p ON c.ipid = CAST(p.id AS INTEGER)"
                + " WHERE c.id BETWEEN 1 AND 3 ORDER BY c.id";
        assertThat(plan(narrowInteger)).doesNotContain(LOOKUP);
        assertThat(rows(narrowInteger)).containsExactly("1|p2", "2|p3", "3|p4");
        // A cast that widens keeps every value as it is: still a lookup.
        String widened = "SELECT c.id, k.name FROM child c JOIN coded k ON c.wide = CAST(k.id AS BIGINT)"
                + " WHERE c.id BETWEEN 1 AND 3 ORDER BY c.id";
        assertThat(plan(widened)).contains(LOOKUP);
        assertThat(rows(widened)).containsExactly("1|n2", "2|n3", "3|n4");
    }

    @Test
    void aCastThatCutsTextIsComparedCut() throws SQLException {
        // The outer side's cut text may be looked up, but the cut, not the whole text: c10 to c19 find c1.
        String outer = "SELECT c.id, k.name FROM child c JOIN coded k ON CAST(c.code AS VARCHAR(2)) = k.code"
                + " WHERE c.id BETWEEN 1 AND 12 ORDER BY c.id";
        assertThat(rows(outer)).containsExactly("1|n2", "2|n3", "3|n4", "4|n5", "5|n6", "6|n7", "7|n9", "8|n9",
                "9|n1", "11|n1", "12|n1");
        // The table's column cut short equals more texts than the one a lookup would find.
        String table = "SELECT c.id, k.name FROM child c JOIN coded k ON c.code = CAST(k.code AS VARCHAR(2))"
                + " WHERE c.id BETWEEN 1 AND 3 ORDER BY c.id, k.name";
        assertThat(plan(table)).doesNotContain(LOOKUP);
        String twin = table.replace("AS VARCHAR(2))", "AS VARCHAR(2)) || ''");
        assertThat(rows(table)).isEqualTo(rows(twin)).hasSize(12 + 11 + 11).startsWith("1|n2", "1|n20");
    }

    @Test
    void aUniqueIndexIsLookedUpWhenTheKeyIsNot() throws SQLException {
        String sql = "SELECT c.id, k.name FROM child c JOIN coded k ON c.code = k.code"
                + " WHERE c.id BETWEEN 1 AND 12 ORDER BY c.id";
        assertThat(plan(sql)).contains(LOOKUP).contains("lookup=[INDEX");
        String twin = sql.replace("c.code = k.code", "c.code = k.code || ''");
        assertThat(plan(twin)).doesNotContain(LOOKUP);
        assertThat(rows(sql)).isEqualTo(rows(twin)).hasSize(10).startsWith("1|n2");
    }

    /** A table whose rows share the values of non-unique indexes: grp (hash) and label (ordered), NULL in some. */
    private void fillGrouped() throws SQLException {
        exec("CREATE TABLE grouped (id BIGINT NOT NULL PRIMARY KEY, grp BIGINT, label VARCHAR(10))");
        exec("CREATE INDEX grouped_grp ON grouped (grp) USING HASH");
        exec("CREATE INDEX grouped_label ON grouped (label)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO grouped VALUES (?, ?, ?)")) {
            for (int i = 1; i <= PARENTS; i++) {
                // Groups 2..21 hold 0 to 19 rows (group g the rows i with i % 20 + 2 = g); every 9th row no group.
                addRow(ps, i, i % 9 == 0 ? null : (long) (i % 20 + 2), i % 9 == 0 ? null : "c" + (i % 20 + 2));
            }
            ps.executeBatch();
        }
    }

    @Test
    void aNonUniqueIndexIsLookedUpForEveryRowUnderItsValue() throws SQLException {
        fillGrouped();
        for (String join : List.of(" JOIN ", " LEFT JOIN ")) {
            String hash = "SELECT c.id, g.id FROM child c" + join + "grouped g ON c.pid = g.grp"
                    + " WHERE c.id BETWEEN 1 AND 30 ORDER BY c.id, g.id";
            assertThat(plan(hash)).contains("lookup=[INDEX GROUPED_GRP GRP=$");
            List<String> got = sameAsTwin(hash, "g.grp");
            assertThat(got).contains("1|20", "1|40", "1|200").doesNotContain("1|180"); // row 180 has no group
            assertThat(got.contains("7|null")).isEqualTo(join.equals(" LEFT JOIN ")); // child 7's parent is missing
            String ordered = "SELECT c.id, g.id FROM child c" + join + "grouped g ON c.code = g.label"
                    + " WHERE c.id BETWEEN 1 AND 30 ORDER BY c.id, g.id";
            assertThat(plan(ordered)).contains("lookup=[INDEX GROUPED_LABEL LABEL=$");
            String twin = ordered.replace("c.code = g.label", "c.code = g.label || ''");
            assertThat(plan(twin)).doesNotContain(LOOKUP);
            assertThat(rows(ordered)).isEqualTo(rows(twin)).isEqualTo(got);
        }
    }

    @Test
    void aChangeUnderALookedUpIndexValueConflictsAndOneUnderAnotherDoesNot() throws SQLException {
        fillGrouped();
        String sql = "SELECT c.id, g.id FROM child c JOIN grouped g ON c.pid = g.grp WHERE c.id = 1";
        assertThat(plan(sql)).contains("INDEX GROUPED_GRP");
        // Child 1 looks up group 2 (rows 20, 40, ..., 200 but 180); row 2 is in group 4.
        Map<String, Boolean> conflicts = new LinkedHashMap<>();
        conflicts.put("UPDATE grouped SET label = 'x' WHERE id = 2", false);
        conflicts.put("INSERT INTO grouped VALUES (1000, 3, 'x')", false);
        conflicts.put("UPDATE grouped SET label = 'x' WHERE id = 20", true);
        conflicts.put("INSERT INTO grouped VALUES (1001, 2, 'x')", true);
        try (Connection other = DriverManager.getConnection(conn.getMetaData().getURL())) {
            for (Map.Entry<String, Boolean> change : conflicts.entrySet()) {
                conn.setAutoCommit(false);
                assertThat(rows(sql)).hasSize(9);
                try (Statement s = other.createStatement()) {
                    assertThat(s.executeUpdate(change.getKey())).isOne();
                }
                if (change.getValue()) {
                    assertThatThrownBy(conn::commit).as(change.getKey()).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"));
                    conn.rollback();
                } else {
                    conn.commit();
                }
                conn.setAutoCommit(true);
            }
        }
    }

    @Test
    void inAndExistsLookUpAndKeepEachOuterRowOnce() throws SQLException {
        fillGrouped();
        for (String table : List.of("parent_set p", "parent_bag p", "grouped g")) {
            String key = table.endsWith("g") ? "g.grp" : "p.id";
            String in = "SELECT c.id FROM child c WHERE c.pid IN (SELECT " + key + " FROM " + table + ")"
                    + " AND c.id BETWEEN 1 AND 30 ORDER BY c.id";
            assertThat(plan(in)).contains("joinType=[semi]");
            List<String> got = sameAs(in, in.replace("SELECT " + key, "SELECT ABS(" + key + ")"));
            // No parent for 10, 20, 30, a missing one for 7, 14, 21, 28; groups only go up to 21.
            assertThat(got).as(in).hasSize(table.endsWith("g") ? 16 : 23).doesNotHaveDuplicates();
            String exists = "SELECT c.id FROM child c WHERE EXISTS (SELECT 1 FROM " + table + " WHERE c.pid = "
                    + key + " AND c.id <> 5) AND c.id BETWEEN 1 AND 30 ORDER BY c.id";
            assertThat(sameAsTwin(exists, key)).as(exists).hasSize(got.size() - 1).doesNotContain("5");
        }
    }

    @Test
    void notExistsAndNotInLookUpAndKeepSqlsNullSemantics() throws SQLException {
        fillGrouped();
        String notExists = "SELECT c.id FROM child c WHERE NOT EXISTS (SELECT 1 FROM parent_set p WHERE c.pid = p.id)"
                + " AND c.id BETWEEN 1 AND 30 ORDER BY c.id";
        List<String> unmatched = List.of("7", "10", "14", "20", "21", "28", "30");
        assertThat(sameAsTwin(notExists, "p.id")).isEqualTo(unmatched);
        // Over a bag, NOT EXISTS groups the table's rows by key first: no lookups, the same rows.
        assertThat(rows(notExists.replace("parent_set", "parent_bag"))).isEqualTo(unmatched);
        // NOT IN drops a row whose value is NULL (unknown whether it is in the list) and, if the list holds a NULL,
        // every row.
        String notIn = "SELECT c.id FROM child c WHERE c.pid NOT IN (SELECT p.id FROM parent_set p)"
                + " AND c.id BETWEEN 1 AND 30 ORDER BY c.id";
        assertThat(sameAs(notIn, notIn.replace("SELECT p.id", "SELECT ABS(p.id)")))
                .containsExactly("7", "14", "21", "28");
        String withNulls = "SELECT c.id FROM child c WHERE c.pid NOT IN (SELECT g.grp FROM grouped g)"
                + " AND c.id BETWEEN 1 AND 30 ORDER BY c.id";
        assertThat(rows(withNulls)).isEmpty();
        // A non-unique column's values are made distinct before the join: no lookups, the same rows.
        String withoutNulls = withNulls.replace("grouped g)", "grouped g WHERE g.grp IS NOT NULL)");
        assertThat(rows(withoutNulls)).containsExactly("7", "14", "21", "22", "23", "24", "25", "26", "27", "28", "29");
    }

    @Test
    void keysOfOtherTypesWhoseEqualityIsTheStoredValuesAreLookedUpWhenTheTypesMatch() throws SQLException {
        String columns = "d DATE, t TIME, ts TIMESTAMP(3), b BOOLEAN, ch CHAR(4), dc DECIMAL(8, 2), u UUID";
        exec("CREATE TABLE typed (id INTEGER NOT NULL PRIMARY KEY, " + columns + ")");
        exec("CREATE TABLE probe (id INTEGER NOT NULL PRIMARY KEY, " + columns + ", ch5 CHAR(5), dc3 DECIMAL(8, 3))");
        List<String> typed = List.of("d", "t", "ts", "b", "ch", "dc", "u");
        for (String column : typed) {
            exec("CREATE INDEX typed_" + column + " ON typed (" + column + ")");
        }
        String value = "DATE '2026-01-%1$02d', TIME '10:00:%1$02d', TIMESTAMP '2026-01-01 10:00:00.%1$03d',"
                + " %2$s, 'a%1$d', %1$d.25, CAST('00000000-0000-0000-0000-0000000000%1$02d' AS UUID)";
        for (int i = 1; i <= 26; i++) {
            exec("INSERT INTO typed VALUES (" + i + ", " + String.format(value, i, i % 2 == 0) + ")");
        }
        // Probe i holds typed row i's values but 4 and 9 hold none (NULLs) and 5 a value typed does not hold.
        for (int i = 1; i <= 10; i++) {
            String values = i == 4 || i == 9 ? "NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL"
                    : String.format(value, i == 5 ? 27 : i, i % 2 == 0) + ", 'a" + i + "', " + i + ".25";
            exec("INSERT INTO probe VALUES (" + i + ", " + values + ")");
        }
        for (String join : List.of(" JOIN ", " LEFT JOIN ")) {
            for (String column : typed) {
                String sql = "SELECT o.id, k.id FROM probe o" + join + "typed k ON o." + column + " = k." + column
                        + " WHERE o.id < 10" + (column.equals("b") ? " AND k.id < 3" : "") + " ORDER BY o.id, k.id";
                assertThat(plan(sql)).as(sql).contains("INDEX TYPED_" + column.toUpperCase(java.util.Locale.ROOT));
                List<String> got = sameAs(sql, sql.replace("= k." + column,
                        "= CASE WHEN k.id > 0 THEN k." + column + " END"));
                assertThat(got).as(sql).contains(column.equals("b") ? "2|2" : "6|6").doesNotContain("4|4");
            }
        }
        // A CHAR of another length compares padded, a DECIMAL of another scale by value, a TIMESTAMP cast to a DATE
        // loses its time: the table is read whole.
        for (String mixed : List.of("o.ch5 = k.ch", "o.dc3 = k.dc", "o.d = CAST(k.ts AS DATE)")) {
            String sql = "SELECT o.id, k.id FROM probe o JOIN typed k ON " + mixed + " WHERE o.id < 10 ORDER BY o.id";
            assertThat(plan(sql)).as(sql).doesNotContain(LOOKUP);
        }
        assertThat(rows("SELECT o.id, k.id FROM probe o JOIN typed k ON o.ch5 = k.ch WHERE o.id < 4 ORDER BY o.id"))
                .containsExactly("1|1", "2|2", "3|3");
    }

    @Test
    void aSideOfManyRowsJoinsWithoutLookups() throws SQLException {
        String sql = "SELECT c.id, p.name FROM child c JOIN parent_set p ON c.pid = p.id";
        assertThat(plan(sql)).doesNotContain(LOOKUP);
        assertThat(rows(sql)).hasSize(CHILDREN - CHILDREN / 10 - 52);
    }

    @Test
    void anAggregateOverTheJoinCountsEachMatchOnce() throws SQLException {
        String sql = "SELECT p.name, COUNT(*), SUM(c.id) FROM child c JOIN parent_bag p ON c.pid = p.id"
                + " WHERE c.id BETWEEN 1 AND 25 GROUP BY p.name ORDER BY p.name";
        assertThat(sameAsTwin(sql, "p.id")).contains("p2|1|1", "q2|1|1").hasSize(31);
    }

    @Test
    void aChangeToALookedUpRowConflictsAndOneToAnotherRowDoesNot() throws SQLException {
        for (String sql : List.of("SELECT c.id, p.name FROM child c JOIN parent_set p ON c.pid = p.id"
                + " WHERE c.id IN (1, 2)", "SELECT c.id FROM child c WHERE c.pid IN (SELECT id FROM parent_set)"
                + " AND c.id IN (1, 2)", "SELECT c.id FROM child c WHERE NOT EXISTS (SELECT 1 FROM parent_set p"
                + " WHERE c.pid = p.id) AND c.id IN (1, 2, 7)")) {
            assertThat(plan(sql)).contains(LOOKUP);
            changeWhileReading(sql, sql.contains("NOT EXISTS") ? 1 : 2);
        }
    }

    /** Reads {@code sql}, then changes one row it did not look up and one it did, in another transaction. */
    private void changeWhileReading(String sql, int rowCount) throws SQLException {
        try (Connection other = DriverManager.getConnection(conn.getMetaData().getURL())) {
            for (long changed : List.of(50L, 2L)) {
                conn.setAutoCommit(false);
                assertThat(rows(sql)).as(sql).hasSize(rowCount);
                try (PreparedStatement ps = other.prepareStatement("UPDATE parent_set SET name = 'x' WHERE id = ?")) {
                    ps.setLong(1, changed);
                    assertThat(ps.executeUpdate()).isOne();
                }
                if (changed == 2L) {
                    assertThatThrownBy(conn::commit).isInstanceOf(SQLException.class)
                            .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"));
                    conn.rollback();
                } else {
                    conn.commit();
                }
                conn.setAutoCommit(true);
            }
        }
    }
}
