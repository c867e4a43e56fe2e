package dev.mnemo.sql.exec;

import dev.mnemo.sql.jdbc.EmbeddedDatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A UUID's text ({@code CAST(u AS VARCHAR)}, {@code CAST(u AS CHAR(36))}) sorts as text, and a UUID itself sorts,
 * compares and takes its MIN and MAX in that same order, on a set, an ordered_set and a table with no key, for UUIDs
 * on both sides of {@code 80000000-...}, where {@code UUID.compareTo} (halves signed) orders them otherwise. Each
 * expected order is computed here from the texts.
 */
class UuidTextOrderTest extends EmbeddedDatabaseTest {
    private static final List<String> IDS = List.of("f0000000-0000-4000-8000-000000000000",
            "10000000-0000-4000-8000-000000000000", "90000000-0000-4000-8000-000000000000",
            "80000000-0000-4000-8000-000000000000", "7fffffff-ffff-4fff-bfff-ffffffffffff",
            "00000000-0000-4000-8000-000000000001", "c0000000-0000-4000-8000-00000000000c");
    private static final String LOW = "05000000-0000-4000-8000-000000000000";
    /** The tables, each holding every id with its position in {@link #IDS}: a set, an ordered_set, no key. */
    private static final List<String> TABLES = List.of("hs", "os", "nk");

    @BeforeEach
    void fillTables() throws SQLException {
        exec("CREATE TABLE hs (id UUID PRIMARY KEY, n INTEGER) WITH (kind = 'set')");
        exec("CREATE TABLE os (id UUID PRIMARY KEY, n INTEGER) WITH (kind = 'ordered_set')");
        exec("CREATE TABLE nk (id UUID, n INTEGER)");
        for (String t : TABLES) {
            for (int i = 0; i < IDS.size(); i++) {
                exec("INSERT INTO " + t + " VALUES (UUID '" + IDS.get(i) + "', " + i + ")");
            }
        }
    }

    /** The ids that pass {@code keep}, in the order of their text, descending if asked. */
    private static List<String> texts(Predicate<String> keep, boolean descending) {
        List<String> out = new ArrayList<>();
        for (String id : IDS) {
            if (keep.test(id)) {
                out.add(id);
            }
        }
        out.sort(descending ? Comparator.reverseOrder() : Comparator.naturalOrder());
        return out;
    }

    private List<String> rows(String sql) throws SQLException {
        return QueryRows.of(conn, sql);
    }

    @Test
    void orderByTheTextOfAUuidSortsAsText() throws SQLException {
        for (String t : TABLES) {
            for (String text : List.of("CAST(id AS VARCHAR)", "CAST(id AS CHAR(36))", "CAST(id AS VARCHAR(36))")) {
                for (boolean desc : List.of(false, true)) {
                    String dir = desc ? " DESC" : "";
                    String q = "SELECT CAST(id AS VARCHAR) FROM " + t + " ORDER BY " + text + dir;
                    assertThat(rows(q)).as(q).isEqualTo(texts(id -> true, desc));
                    q = "SELECT CAST(id AS VARCHAR) FROM " + t + " WHERE id > UUID '" + LOW + "' ORDER BY " + text
                            + dir;
                    assertThat(rows(q)).as(q).isEqualTo(texts(id -> id.compareTo(LOW) > 0, desc));
                    q = "SELECT CAST(id AS VARCHAR) FROM " + t + " ORDER BY " + text + dir + " LIMIT 3";
                    assertThat(rows(q)).as(q).isEqualTo(texts(id -> true, desc).subList(0, 3));
                }
            }
        }
    }

    @Test
    void anOrderedSetsUuidKeyGivesTheOrderOfItsTextWithoutSort() throws SQLException {
        for (String dir : List.of("", " DESC")) {
            String q = "SELECT n FROM os ORDER BY CAST(id AS VARCHAR)" + dir;
            assertThat(plan(q)).as(q).doesNotContain("Sort");
            q = "SELECT n FROM hs ORDER BY CAST(id AS VARCHAR)" + dir;
            assertThat(plan(q)).as(q).contains("Sort");
        }
    }

    @Test
    void orderByTheTextOfAUuidNotSelectedSortsAsText() throws SQLException {
        for (String t : TABLES) {
            for (boolean desc : List.of(false, true)) {
                String q = "SELECT n FROM " + t + " ORDER BY CAST(id AS VARCHAR)" + (desc ? " DESC" : "");
                List<String> want = new ArrayList<>();
                for (String id : texts(id -> true, desc)) {
                    want.add(String.valueOf(IDS.indexOf(id)));
                }
                assertThat(rows(q)).as(q).isEqualTo(want);
            }
        }
    }

    @Test
    void orderByAUuidSortsAsItsText() throws SQLException {
        for (String t : TABLES) {
            for (boolean desc : List.of(false, true)) {
                String dir = desc ? " DESC" : "";
                String q = "SELECT id FROM " + t + " ORDER BY id" + dir;
                assertThat(rows(q)).as(q).isEqualTo(texts(id -> true, desc));
                q = "SELECT id FROM " + t + " WHERE id > UUID '" + LOW + "' ORDER BY id" + dir;
                assertThat(rows(q)).as(q).isEqualTo(texts(id -> id.compareTo(LOW) > 0, desc));
            }
        }
    }

    @Test
    void uuidsCompareAndTakeTheirExtremesAsTheirText() throws SQLException {
        List<String> all = texts(id -> true, false);
        for (String t : TABLES) {
            String q = "SELECT MIN(id), MAX(id) FROM " + t;
            assertThat(rows(q)).as(q).containsExactly(all.get(0) + "|" + all.get(all.size() - 1));
            for (String bound : List.of("90000000-0000-4000-8000-000000000000", "7fffffff-ffff-4fff-bfff-ffffffffffff",
                    "80000000-0000-4000-8000-000000000000")) {
                q = "SELECT id FROM " + t + " WHERE id < UUID '" + bound + "' ORDER BY CAST(id AS VARCHAR)";
                assertThat(rows(q)).as(q).isEqualTo(texts(id -> id.compareTo(bound) < 0, false));
                q = "SELECT id FROM " + t + " WHERE id >= UUID '" + bound + "' ORDER BY id DESC";
                assertThat(rows(q)).as(q).isEqualTo(texts(id -> id.compareTo(bound) >= 0, true));
            }
        }
    }

    @Test
    void aJoinOnTheTextsOfUuidsFindsEveryMatch() throws SQLException {
        for (String a : TABLES) {
            for (String b : TABLES) {
                String q = "SELECT CAST(a.id AS VARCHAR) FROM " + a + " a JOIN " + b
                        + " b ON CAST(a.id AS VARCHAR) = CAST(b.id AS VARCHAR) ORDER BY CAST(a.id AS VARCHAR) DESC";
                assertThat(rows(q)).as(q).isEqualTo(texts(id -> true, true));
                q = "SELECT a.id FROM " + a + " a JOIN " + b + " b ON a.id = b.id ORDER BY a.id";
                assertThat(rows(q)).as(q).isEqualTo(texts(id -> true, false));
            }
        }
    }
}
