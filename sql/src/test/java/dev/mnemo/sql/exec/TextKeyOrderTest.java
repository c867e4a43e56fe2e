package dev.mnemo.sql.exec;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text keys walk in SQL's order, {@code String.compareTo}'s by UTF-16 code unit, with text where it differs from code
 * point order: emoji (above U+FFFF, their surrogates below U+E000) beside fullwidth forms (U+FF01..U+FF5E) and CJK.
 * An ORDER BY an ordered_set's VARCHAR or CHAR key, or an ordered index's VARCHAR column, needs no sort; a range with
 * any text for bounds reads exactly the rows a full scan filters; each gives what a twin table, with neither the key
 * order nor the index, gives by sorting.
 */
class TextKeyOrderTest extends TwinTablesTest {
    /** Emoji, fullwidth forms, CJK, private use and ASCII, some sharing a first character. */
    private static final List<String> NAMES = List.of("a", "ab", "z", "\uFF21", "\uFF3A", "\uFF3Ab", "\uFF41",
            "\uD83D\uDE00", "\uD83D\uDE00\uFF3A", "\uD83D\uDE01", "\uD83C\uDF63", "\uD840\uDC0B", "\u4E2D",
            "\u4E2D\u6587", "\uE000", "\uFFFD", "a\uD83D\uDE00", "a\uFF3A", "\uFF5E", "\u00E9");
    /** Bounds on both sides of where the orders part, and between the names. */
    private static final List<String> BOUNDS = List.of("\uFF3A", "\uD83D\uDE00", "\uFF41", "\u4E2D", "a", "a\uFF3A",
            "\uE000", "\uD83D", "\uDBFF\uDFFF", "");
    private static final List<String> OPS = List.of("<", "<=", ">", ">=");

    @BeforeEach
    void fillTables() throws SQLException {
        exec("CREATE TABLE n (name VARCHAR(12) NOT NULL, v BIGINT, PRIMARY KEY (name)) WITH (kind = 'ordered_set')");
        exec("CREATE TABLE ns (name VARCHAR(12) NOT NULL, v BIGINT, PRIMARY KEY (name))");
        exec("CREATE TABLE f (code CHAR(3) NOT NULL, v BIGINT, PRIMARY KEY (code)) WITH (kind = 'ordered_set')");
        exec("CREATE TABLE fs (code CHAR(3) NOT NULL, v BIGINT, PRIMARY KEY (code))");
        exec("CREATE TABLE ix (id BIGINT NOT NULL, name VARCHAR(12), v BIGINT, PRIMARY KEY (id))");
        exec("CREATE INDEX ix_name ON ix (name) USING ORDERED");
        exec("CREATE TABLE ixs (id BIGINT NOT NULL, name VARCHAR(12), v BIGINT, PRIMARY KEY (id))");
        for (String table : List.of("n", "ns", "f", "fs")) {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " VALUES (?, ?)")) {
                for (int i = 0; i < NAMES.size(); i++) {
                    ps.setString(1, NAMES.get(i));
                    ps.setLong(2, i);
                    ps.executeUpdate();
                }
            }
        }
        for (String table : List.of("ix", "ixs")) {
            try (PreparedStatement ps = conn.prepareStatement("INSERT INTO " + table + " VALUES (?, ?, ?)")) {
                for (int i = 0; i < 2 * NAMES.size(); i++) {
                    ps.setLong(1, (i * 7L) % (2 * NAMES.size()));
                    ps.setString(2, i == 5 ? null : NAMES.get(i % NAMES.size())); // each name twice, one NULL
                    ps.setLong(3, i);
                    ps.executeUpdate();
                }
            }
        }
    }

    @Override
    String twin(String query) {
        return query.replace(" FROM n ", " FROM ns ").replace(" FROM f ", " FROM fs ")
                .replace(" FROM ix ", " FROM ixs ").replace(" JOIN ix ", " JOIN ixs ").replace(" JOIN f ", " JOIN fs ");
    }

    @Test
    void anOrderByAnOrderedSetsTextKeyNeedsNoSort() throws SQLException {
        for (String dir : List.of("", " DESC")) {
            for (String limit : List.of("", " LIMIT 10")) {
                assertInOrderWithoutSort("SELECT * FROM n ORDER BY name" + dir + limit, "MnemoTableScan");
                assertInOrderWithoutSort("SELECT v FROM n ORDER BY name" + dir + limit, "MnemoTableScan");
            }
        }
    }

    /** A CHAR(n) key holds its values padded to n characters, and walks them so, as a sort compares them. */
    @Test
    void anOrderByAnOrderedSetsCharKeyNeedsNoSort() throws SQLException {
        for (String dir : List.of("", " DESC")) {
            for (String limit : List.of("", " LIMIT 10")) {
                assertInOrderWithoutSort("SELECT code, v FROM f ORDER BY code" + dir + limit, "MnemoTableScan");
            }
        }
        assertThat(rows("SELECT code FROM f ORDER BY code LIMIT 4")).containsExactly("a  ", "ab ", "a\uD83D\uDE00 ",
                "a\uFF3A ");
    }

    @Test
    void anOrderByAnOrderedIndexsTextColumnNeedsNoSort() throws SQLException {
        for (String dir : List.of("", " DESC")) {
            for (String limit : List.of("", " LIMIT 10")) {
                assertInOrderWithoutSort("SELECT name, id FROM ix WHERE name >= '' ORDER BY name" + dir + ", id" + dir
                        + limit, "INDEX_RANGE IX_NAME");
                assertInOrderWithoutSort("SELECT name, v FROM ix WHERE name < '\uFF3A' ORDER BY name" + dir + ", id"
                        + dir + limit, "INDEX_RANGE IX_NAME");
                assertInOrderWithoutSort("SELECT v FROM ix WHERE name > '\uD83D\uDE00' ORDER BY name" + dir + ", id"
                        + dir + limit, "INDEX_RANGE IX_NAME");
            }
        }
    }

    /**
     * A range with a bound of any text, emoji and fullwidth ones too, reads by key or index and misses no row; a
     * comparison with a CHAR column, which drops its padding, reads the table whole, and gives the same rows.
     */
    @Test
    void aRangeWithAnyTextForABoundGivesTheRowsAFullScanFilters() throws SQLException {
        for (String op : OPS) {
            for (String bound : BOUNDS) {
                String literal = "'" + bound + "'";
                assertRange("SELECT name, v FROM n WHERE name " + op + " " + literal + " ORDER BY v", "KEY_RANGE");
                // A CHAR column is compared without its padding, a range on it read whole (as it was before).
                assertRange("SELECT code, v FROM f WHERE code " + op + " " + literal + " ORDER BY v", "MNEMO, F");
                assertRange("SELECT name, v FROM ix WHERE name " + op + " " + literal + " ORDER BY v",
                        "INDEX_RANGE IX_NAME");
            }
        }
        assertThat(rows("SELECT name FROM n WHERE name < '\uFF3A' AND name >= '\uD83D\uDE00' ORDER BY name"))
                .containsExactly("\uD83D\uDE00", "\uD83D\uDE00\uFF3A", "\uD83D\uDE01", "\uD840\uDC0B", "\uE000",
                        "\uFF21");
    }

    @Test
    void aRangeWithParametersForBoundsGivesTheRowsAFullScanFilters() throws SQLException {
        for (String lo : BOUNDS) {
            for (String hi : BOUNDS) {
                String query = "SELECT name, v FROM n WHERE name BETWEEN ? AND ? ORDER BY v";
                assertThat(plan(query)).contains("KEY_RANGE");
                assertThat(QueryRows.of(conn, query, lo, hi)).as("%s .. %s", lo, hi)
                        .isEqualTo(QueryRows.of(conn, twin(query), lo, hi));
            }
        }
    }

    @Test
    void aJoinOnTextKeysOrderedByThemGivesTheTwinsRows() throws SQLException {
        assertSameRowsAsTwin("SELECT p.name, q.id FROM n p JOIN ix q ON p.name = q.name ORDER BY p.name, q.id");
        assertSameRowsAsTwin("SELECT p.v, q.v FROM n p JOIN f q ON p.name = q.code ORDER BY p.name DESC");
    }

    /** A range may find no rows; its twin's sort of none is still the comparison. */
    private void assertRange(String query, String access) throws SQLException {
        assertThat(plan(query)).as(query).contains(access);
        assertThat(rows(query)).as(query).isEqualTo(rows(twin(query)));
    }
}
