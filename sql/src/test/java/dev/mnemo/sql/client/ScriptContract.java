package dev.mnemo.sql.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code SCRIPT} writes a database as statements that, run on a fresh database, make the same one again: its
 * sequences, tables, indexes and rows, and of one committed state while writers run. Run once per driver; the
 * subclass gives a fixture for the database dumped and one for the database the dump is loaded into.
 */
public abstract class ScriptContract extends ConnectedContract {
    private final JdbcFixture targetFixture;
    private Connection target;

    protected ScriptContract(JdbcFixture source, JdbcFixture target) {
        super(source);
        this.targetFixture = target;
    }

    @AfterEach
    void closeTarget() throws Exception {
        if (target != null) {
            target.close();
        }
        targetFixture.close();
    }

    private static List<String> script(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
            assertThat(rs.getMetaData().getColumnName(1)).isEqualTo("SCRIPT");
            while (rs.next()) {
                out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static void load(Connection c, List<String> script) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : script) {
                s.execute(sql);
            }
        }
    }

    private static List<String> rowsOf(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    Object v = rs.getObject(i);
                    b.append(v instanceof byte[] ? java.util.HexFormat.of().formatHex((byte[]) v) : v).append('|');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    /** Every row of a metadata result, its columns joined. */
    private static List<String> metadata(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        try (rs) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(rs.getMetaData().getColumnLabel(i)).append('=').append(rs.getObject(i)).append(' ');
                }
                out.add(b.toString());
            }
        }
        return out;
    }

    private void makeEverything() throws SQLException {
        exec("CREATE SEQUENCE plain");
        exec("CREATE SEQUENCE drawn AS INTEGER START WITH 10 INCREMENT BY 5 MAXVALUE 1000 CACHE 3");
        exec("CREATE SEQUENCE down AS SMALLINT INCREMENT BY -2 CYCLE");
        exec("CREATE SEQUENCE used_up START WITH 1 MAXVALUE 2 CACHE 1");
        rows("SELECT NEXT VALUE FOR drawn, NEXT VALUE FOR down FROM (VALUES 1, 2, 3, 4)");
        rows("SELECT NEXT VALUE FOR used_up FROM (VALUES 1, 2)");
        exec("""
            CREATE TABLE allkinds (id INTEGER PRIMARY KEY, b BIGINT NOT NULL DEFAULT -7, s SMALLINT, d DOUBLE, r REAL,
              amount DECIMAL(19,6) DEFAULT 1.50, flag BOOLEAN DEFAULT TRUE, v VARCHAR(40) DEFAULT 'it''s',
              c CHAR(4), bin VARBINARY(8) DEFAULT X'CAFE', dday DATE DEFAULT DATE '2024-02-29',
              t0 TIME(0), t3 TIME DEFAULT TIME '08:30:00.5', ts1 TIMESTAMP(1),
              ts TIMESTAMP DEFAULT CURRENT_TIMESTAMP, "time" VARCHAR(3) UNIQUE)
            WITH (kind = 'ordered_set')""");
        exec("""
            INSERT INTO allkinds VALUES
              (1, 9223372036854775807, -32768, 0.1e0, CAST(0.1 AS REAL), 1234567890123.000001, FALSE,
               'quote '' and \\ and ; and
            line', 'ab', X'00FF10', DATE '1999-12-31', TIME '23:59:59', TIME '00:00:00.001',
               TIMESTAMP '2024-12-31 23:59:59.9', TIMESTAMP '1970-01-01 00:00:00.123', 'a'),
              (2, -9223372036854775808, 32767, CAST('NaN' AS DOUBLE), CAST('-Infinity' AS REAL), -0.000001, NULL,
               '', NULL, X'', NULL, NULL, NULL, NULL, NULL, NULL),
              (3, 0, 0, CAST('Infinity' AS DOUBLE), CAST('NaN' AS REAL), 0, TRUE, 'x', 'abcd', NULL,
               DATE '0001-01-01', TIME '12:00:00', TIME '12:34:56.789', TIMESTAMP '2000-02-29 12:00:00.5',
               NULL, 'b'),
              (4, 1, 1, 4.9e-324, 3.4028234663852886e38, 9999999999999.999999, TRUE, 'tab	here', 'x', X'01', NULL,
               NULL, NULL, NULL, NULL, NULL),
              (5, 2, 2, CAST('-0.0' AS DOUBLE), 1.17549435e-38, NULL, FALSE, NULL, NULL, NULL, NULL, NULL, NULL,
               NULL, NULL, NULL)""");
        exec("INSERT INTO allkinds (id) VALUES (6)");
        try (PreparedStatement ps = conn.prepareStatement("UPDATE allkinds SET v = ? WHERE id = 3")) {
            ps.setString(1, "ü€ – 日本 \uD83D\uDE00"); // no literal of Latin-1 holds it
            ps.executeUpdate();
        }
        exec("CREATE INDEX allkinds_day ON allkinds (dday, t0)");
        exec("CREATE UNIQUE INDEX allkinds_b ON allkinds (b) USING HASH");
        exec("CREATE TABLE always (id BIGINT GENERATED ALWAYS AS IDENTITY (START WITH 5 INCREMENT BY 3 CACHE 4) "
                + "PRIMARY KEY, name VARCHAR(10) NOT NULL)");
        exec("CREATE TABLE bydefault (k SMALLINT GENERATED BY DEFAULT AS IDENTITY, grp INTEGER, "
                + "PRIMARY KEY (k, grp)) WITH (kind = 'set')");
        exec("CREATE TABLE \"bag of things\" (k INTEGER PRIMARY KEY, v VARCHAR(5)) WITH (kind = 'bag')");
        try (Statement s = conn.createStatement()) {
            for (int i = 0; i < 250; i++) {
                s.execute("INSERT INTO always (name) VALUES ('n" + i + "')");
            }
            s.execute("INSERT INTO bydefault (grp) VALUES (1), (2), (3)");
            s.execute("INSERT INTO bydefault VALUES (100, 1)");
            s.execute("INSERT INTO \"bag of things\" VALUES (1, 'a'), (1, 'b'), (2, 'a')");
        }
    }

    @Test
    public void aDumpLoadedIntoAFreshDatabaseMakesTheSameTablesRowsIndexesAndSequences() throws Exception {
        makeEverything();
        List<String> dump = script(conn, "SCRIPT");
        assertThat(dump).noneMatch(s -> s.contains("MNEMO$")).noneMatch(s -> s.contains("\n"));
        assertThat(dump.stream().filter(s -> s.startsWith("INSERT INTO \"ALWAYS\"")).toList()).hasSize(3)
                .allMatch(s -> s.contains("OVERRIDING SYSTEM VALUE"));
        target = targetFixture.open();
        load(target, dump);

        List<String> tables = List.of("ALLKINDS", "ALWAYS", "BYDEFAULT", "bag of things");
        for (String t : tables) {
            String sql = "SELECT * FROM \"" + t + "\" ORDER BY 1, 2";
            assertThat(rowsOf(target, sql)).as(t).isNotEmpty().containsExactlyElementsOf(rowsOf(conn, sql));
        }
        DatabaseMetaData from = conn.getMetaData();
        DatabaseMetaData to = target.getMetaData();
        assertThat(metadata(to.getTables(null, null, "%", null)))
                .containsExactlyElementsOf(metadata(from.getTables(null, null, "%", null)));
        assertThat(metadata(to.getColumns(null, null, "%", "%")))
                .containsExactlyElementsOf(metadata(from.getColumns(null, null, "%", "%")));
        for (String t : tables) {
            assertThat(metadata(to.getIndexInfo(null, null, t, false, false))).as(t)
                    .containsExactlyElementsOf(metadata(from.getIndexInfo(null, null, t, false, false)));
            assertThat(metadata(to.getPrimaryKeys(null, null, t)))
                    .containsExactlyElementsOf(metadata(from.getPrimaryKeys(null, null, t)));
        }
        // The loaded database dumps as the same script: sequences stand where they stood, identities included.
        assertThat(script(target, "SCRIPT")).containsExactlyElementsOf(dump);
    }

    @Test
    public void foreignKeysAreDumpedAfterTheRowsAndLoadBack() throws Exception {
        exec("CREATE TABLE parent (id INTEGER PRIMARY KEY, code VARCHAR(3) UNIQUE)");
        exec("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER, parent_code VARCHAR(3), "
                + "next_id INTEGER, CONSTRAINT child_parent FOREIGN KEY (parent_id) REFERENCES parent "
                + "ON DELETE CASCADE ON UPDATE CASCADE, FOREIGN KEY (parent_code) REFERENCES parent (code) "
                + "ON DELETE SET NULL ON UPDATE SET NULL, "
                + "FOREIGN KEY (next_id) REFERENCES child)");
        exec("INSERT INTO parent VALUES (1, 'a'), (2, 'b')");
        // Row 1 references row 2 of its own table: the rows load only if the key comes after them.
        exec("INSERT INTO child VALUES (1, 1, 'b', 2), (2, 2, NULL, NULL), (3, NULL, 'a', 1)");
        List<String> dump = script(conn, "SCRIPT");
        List<String> adds = dump.stream().filter(s -> s.contains("FOREIGN KEY")).toList();
        assertThat(adds).containsExactly(
                "ALTER TABLE \"CHILD\" ADD CONSTRAINT \"CHILD_PARENT\" FOREIGN KEY (\"PARENT_ID\") REFERENCES "
                        + "\"PARENT\" (\"ID\") ON DELETE CASCADE ON UPDATE CASCADE",
                "ALTER TABLE \"CHILD\" ADD CONSTRAINT \"CHILD_PARENT_CODE_FKEY\" FOREIGN KEY (\"PARENT_CODE\") "
                        + "REFERENCES \"PARENT\" (\"CODE\") ON DELETE SET NULL ON UPDATE SET NULL",
                "ALTER TABLE \"CHILD\" ADD CONSTRAINT \"CHILD_NEXT_ID_FKEY\" FOREIGN KEY (\"NEXT_ID\") REFERENCES "
                        + "\"CHILD\" (\"ID\") ON DELETE NO ACTION ON UPDATE NO ACTION");
        assertThat(dump.subList(dump.size() - adds.size(), dump.size())).isEqualTo(adds);
        assertThat(dump).as("the indexes made for the foreign keys come back with them").noneMatch(
                s -> s.startsWith("CREATE INDEX"));
        target = targetFixture.open();
        load(target, dump);
        assertThat(rowsOf(target, "SELECT * FROM child ORDER BY id"))
                .containsExactlyElementsOf(rowsOf(conn, "SELECT * FROM child ORDER BY id"));
        assertThat(metadata(target.getMetaData().getImportedKeys(null, null, "CHILD")))
                .containsExactlyElementsOf(metadata(conn.getMetaData().getImportedKeys(null, null, "CHILD")));
        assertThat(script(target, "SCRIPT")).containsExactlyElementsOf(dump);
        try (Statement s = target.createStatement()) {
            assertThatThrownBy(() -> s.execute("INSERT INTO child VALUES (4, 9, NULL, NULL)"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("23503"));
            s.execute("UPDATE child SET next_id = NULL WHERE id = 3");
            s.execute("DELETE FROM parent WHERE id = 1");
            s.execute("ALTER TABLE child DROP CONSTRAINT child_parent_code_fkey");
        }
        assertThat(rowsOf(target, "SELECT index_name FROM information_schema.indexes WHERE table_name = 'CHILD' "
                + "ORDER BY index_name")).as("loaded, they are still the foreign keys' own")
                .containsExactly("CHILD_NEXT_ID_FKEY|", "CHILD_PARENT|");
        assertThat(rowsOf(target, "SELECT id, parent_code FROM child ORDER BY id"))
                .containsExactly("2|null|", "3|null|");
    }

    @Test
    public void uuidKeysValuesAndDefaultsAreDumpedAsUuidLiteralsAndLoadBack() throws Exception {
        exec("CREATE TABLE device (id UUID PRIMARY KEY, owner UUID DEFAULT UUID '0b0b0000-0000-4000-8000-000000000000',"
                + " name VARCHAR(10)) WITH (kind = 'ordered_set')");
        exec("CREATE INDEX device_owner ON device (owner)");
        exec("INSERT INTO device VALUES (CAST('ffffffff-ffff-4fff-bfff-fffffffffffe' AS UUID), NULL, 'top'),"
                + " (UUID '00000000-0000-4000-8000-000000000001', UUID 'A11CE000-0000-4000-8000-000000000000', 'low')");
        exec("INSERT INTO device (id, name) VALUES (RANDOM_UUID(), 'random')");
        List<String> dump = script(conn, "SCRIPT");
        assertThat(dump).contains("CREATE TABLE \"DEVICE\" (\"ID\" UUID NOT NULL, \"OWNER\" UUID DEFAULT "
                + "UUID '0b0b0000-0000-4000-8000-000000000000', \"NAME\" VARCHAR(10), PRIMARY KEY (\"ID\")) "
                + "WITH (kind = 'ordered_set', storage = 'ram')");
        assertThat(dump).anyMatch(s -> s.contains("UUID 'ffffffff-ffff-4fff-bfff-fffffffffffe'"));
        target = targetFixture.open();
        load(target, dump);
        String sql = "SELECT id, owner, name FROM device ORDER BY id";
        assertThat(rowsOf(target, sql)).hasSize(3).containsExactlyElementsOf(rowsOf(conn, sql));
        assertThat(rowsOf(target, "SELECT name FROM device WHERE owner = UUID 'a11ce000-0000-4000-8000-000000000000'"))
                .containsExactly("low|");
        assertThat(script(target, "SCRIPT")).containsExactlyElementsOf(dump);
    }

    @Test
    public void aTableWithoutAPrimaryKeyDumpsItsColumnsAndDuplicateRowsWithoutItsRowId() throws Exception {
        exec("CREATE TABLE person (id INTEGER PRIMARY KEY, name VARCHAR(10))");
        exec("CREATE TABLE nickname (person_id INTEGER REFERENCES person, nick VARCHAR(10) NOT NULL, "
                + "since DATE DEFAULT DATE '2024-01-01')");
        exec("CREATE INDEX nickname_nick ON nickname (nick)");
        exec("INSERT INTO person VALUES (1, 'ann'), (2, 'bob')");
        exec("INSERT INTO nickname (person_id, nick) VALUES (1, 'an'), (1, 'an'), (2, 'bo'), (NULL, 'x')");
        List<String> dump = script(conn, "SCRIPT");
        assertThat(dump).noneMatch(s -> s.contains("MNEMO$"));
        assertThat(dump).contains("CREATE TABLE \"NICKNAME\" (\"PERSON_ID\" INTEGER, \"NICK\" VARCHAR(10) NOT NULL, "
                + "\"SINCE\" DATE DEFAULT DATE '2024-01-01') WITH (kind = 'set', storage = 'ram')");
        target = targetFixture.open();
        load(target, dump);
        String sql = "SELECT * FROM nickname ORDER BY nick, person_id";
        assertThat(rowsOf(target, sql)).containsExactly("1|an|2024-01-01|", "1|an|2024-01-01|",
                "2|bo|2024-01-01|", "null|x|2024-01-01|").containsExactlyElementsOf(rowsOf(conn, sql));
        DatabaseMetaData to = target.getMetaData();
        assertThat(metadata(to.getPrimaryKeys(null, null, "NICKNAME"))).isEmpty();
        assertThat(metadata(to.getBestRowIdentifier(null, null, "NICKNAME", DatabaseMetaData.bestRowSession,
                true))).isEmpty();
        List<String> columns = new ArrayList<>();
        try (ResultSet rs = to.getColumns(null, null, "NICKNAME", "%")) {
            while (rs.next()) {
                columns.add(rs.getString("COLUMN_NAME") + ":" + rs.getInt("ORDINAL_POSITION"));
            }
        }
        assertThat(columns).containsExactly("PERSON_ID:1", "NICK:2", "SINCE:3");
        assertThat(metadata(to.getIndexInfo(null, null, "NICKNAME", false, false)))
                .noneMatch(r -> r.contains("MNEMO$") || r.contains("_PK"))
                .anyMatch(r -> r.contains("INDEX_NAME=NICKNAME_NICK"))
                .containsExactlyElementsOf(metadata(conn.getMetaData().getIndexInfo(null, null, "NICKNAME", false,
                        false)));
        assertThat(metadata(to.getImportedKeys(null, null, "NICKNAME"))).hasSize(1);
        // The loaded rows have new row ids, which a set table keeps in another order: the definitions are the same.
        assertThat(script(target, "SCRIPT NODATA")).containsExactlyElementsOf(script(conn, "SCRIPT NODATA"));
    }

    @Test
    public void sequencesAndIdentitiesContinueAfterTheDumpedValues() throws Exception {
        exec("CREATE SEQUENCE s INCREMENT BY 10 CACHE 1");
        exec("CREATE SEQUENCE gone MAXVALUE 1 CACHE 1");
        exec("CREATE TABLE item (id INTEGER GENERATED ALWAYS AS IDENTITY (CACHE 1), name VARCHAR(5), "
                + "PRIMARY KEY (id))");
        rows("SELECT NEXT VALUE FOR s, NEXT VALUE FOR gone FROM (VALUES 1)");
        exec("INSERT INTO item (name) VALUES ('a'), ('b')");
        target = targetFixture.open();
        load(target, script(conn, "SCRIPT"));
        assertThat(rowsOf(target, "SELECT NEXT VALUE FOR s FROM (VALUES 1)")).containsExactly("11|");
        assertThatThrownBy(() -> rowsOf(target, "SELECT NEXT VALUE FOR gone FROM (VALUES 1)"))
                .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("2200H"));
        try (Statement s = target.createStatement()) {
            s.execute("INSERT INTO item (name) VALUES ('c')");
            s.execute("INSERT INTO item (id, name) OVERRIDING SYSTEM VALUE VALUES (10, 'd')");
            assertThatThrownBy(() -> s.execute("INSERT INTO item (id, name) VALUES (11, 'e')"))
                    .isInstanceOfSatisfying(SQLException.class, e -> assertThat(e.getSQLState()).isEqualTo("428C9"));
        }
        assertThat(rowsOf(target, "SELECT id, name FROM item ORDER BY id"))
                .containsExactly("1|a|", "2|b|", "3|c|", "10|d|");
    }

    @Test
    public void anIdentityRestartedOrGivenAnotherIncrementContinuesAfterTheDump() throws Exception {
        exec("CREATE TABLE item (id INTEGER GENERATED ALWAYS AS IDENTITY (CACHE 1), name VARCHAR(5), "
                + "PRIMARY KEY (id))");
        exec("INSERT INTO item (name) VALUES ('a')");
        exec("ALTER TABLE item ALTER COLUMN id RESTART WITH 100");
        exec("INSERT INTO item (name) VALUES ('b')");
        exec("ALTER TABLE item ALTER COLUMN id SET INCREMENT BY 5");
        exec("INSERT INTO item (name) VALUES ('c')");
        List<String> dump = script(conn, "SCRIPT");
        String create = dump.stream().filter(s -> s.startsWith("CREATE TABLE \"ITEM\"")).findFirst().orElseThrow();
        assertThat(create).contains("START WITH 1 INCREMENT BY 5");
        assertThat(dump).contains("ALTER TABLE \"ITEM\" ALTER COLUMN \"ID\" RESTART WITH 106");
        target = targetFixture.open();
        load(target, dump);
        try (Statement s = target.createStatement()) {
            s.execute("INSERT INTO item (name) VALUES ('d')");
        }
        assertThat(rowsOf(target, "SELECT id, name FROM item ORDER BY id"))
                .containsExactly("1|a|", "100|b|", "101|c|", "106|d|");
    }

    @Test
    public void nodataAndTableChooseWhatIsWritten() throws Exception {
        exec("CREATE SEQUENCE s");
        exec("CREATE TABLE a (id INTEGER PRIMARY KEY)");
        exec("CREATE TABLE b (id INTEGER PRIMARY KEY)");
        exec("INSERT INTO a VALUES (1)");
        exec("INSERT INTO b VALUES (2)");
        assertThat(script(conn, "SCRIPT NODATA")).hasSize(3).noneMatch(s -> s.startsWith("INSERT"));
        assertThat(script(conn, "SCRIPT TABLE b")).containsExactly(
                "CREATE TABLE \"B\" (\"ID\" INTEGER NOT NULL, PRIMARY KEY (\"ID\")) "
                        + "WITH (kind = 'set', storage = 'ram')",
                "INSERT INTO \"B\" (\"ID\") VALUES (2)");
        failsWith("SCRIPT TABLE nope", "42S02", "NOPE");
        failsWith("SCRIPT TABLE \"MNEMO$SEQUENCES\"", "42S02", "MNEMO$SEQUENCES");
    }

    @Test
    public void viewsAreDumpedAfterTheViewsTheyReadOnOneLineEachAndLoadAsTheyWere() throws Exception {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10))");
        exec("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        exec("CREATE VIEW base AS SELECT id, v FROM t WHERE id > 1");
        exec("CREATE VIEW summary (n, label) AS SELECT id, -- the key\nUPPER(v) FROM base\nWHERE v <> '--'");
        // Replaced after SUMMARY was made, BASE is the newer view; SUMMARY reads it, so it must still come first.
        exec("CREATE OR REPLACE VIEW base AS SELECT id, v FROM t WHERE id >= 1");
        exec("CREATE VIEW broken AS SELECT id FROM t WHERE v = 'x\ny'");
        assertThatThrownBy(() -> script(conn, "SCRIPT NODATA")).isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("0A000"));
        exec("DROP VIEW broken");
        List<String> dump = script(conn, "SCRIPT");
        assertThat(dump).filteredOn(l -> l.startsWith("CREATE VIEW")).containsExactly(
                "CREATE VIEW \"BASE\" (\"ID\", \"V\") AS SELECT id, v FROM t WHERE id >= 1",
                "CREATE VIEW \"SUMMARY\" (\"N\", \"LABEL\") AS SELECT id,  UPPER(v) FROM base WHERE v <> '--'");
        assertThat(dump).noneMatch(l -> l.contains("\n"));
        target = targetFixture.open();
        load(target, dump);
        assertThat(rowsOf(target, "SELECT n, label FROM summary ORDER BY n")).containsExactly("1|A|", "2|B|", "3|C|");
        assertThat(script(target, "SCRIPT")).isEqualTo(dump);
    }

    @Test
    public void rowsWrittenBeforeAnAlterTableAreDumpedWithTheTablesCurrentColumns() throws Exception {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, a VARCHAR(3))");
        exec("INSERT INTO t VALUES (1, 'x')");
        exec("ALTER TABLE t ADD COLUMN b INTEGER DEFAULT 7");
        exec("ALTER TABLE t DROP COLUMN a");
        assertThat(script(conn, "SCRIPT TABLE t")).containsExactly(
                "CREATE TABLE \"T\" (\"ID\" INTEGER NOT NULL, \"B\" INTEGER DEFAULT 7, PRIMARY KEY (\"ID\")) "
                        + "WITH (kind = 'set', storage = 'ram')",
                "INSERT INTO \"T\" (\"ID\", \"B\") VALUES (1, 7)");
    }

    @Test
    public void instantsAreDumpedAtUtcAndLoadBackAsTheSameInstants() throws Exception {
        exec("CREATE TABLE ev (id INTEGER PRIMARY KEY, ts TIMESTAMP(0) WITH TIME ZONE, "
                + "made TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP)");
        exec("INSERT INTO ev (id, ts) VALUES (1, TIMESTAMP '2026-12-03 10:00:00+02:00')");
        exec("INSERT INTO ev (id, ts, made) VALUES (2, NULL, TIMESTAMP WITH TIME ZONE '2026-12-03 10:00:00.5Z')");
        List<String> dump = script(conn, "SCRIPT TABLE ev");
        assertThat(dump.get(0)).contains("\"TS\" TIMESTAMP(0) WITH TIME ZONE",
                "\"MADE\" TIMESTAMP(3) WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP");
        assertThat(dump).anySatisfy(line -> assertThat(line).contains(
                "(1, TIMESTAMP WITH TIME ZONE '2026-12-03 08:00:00+00:00', TIMESTAMP WITH TIME ZONE '",
                "(2, NULL, TIMESTAMP WITH TIME ZONE '2026-12-03 10:00:00.5+00:00')"));
        target = targetFixture.open();
        load(target, dump);
        assertThat(script(target, "SCRIPT TABLE ev")).isEqualTo(dump);
    }

    @Test
    public void aDumpTakenWhileTransfersRunHoldsOneCommittedState() throws Exception {
        int accounts = 40;
        exec("CREATE TABLE account (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
        try (Statement s = conn.createStatement()) {
            for (int i = 0; i < accounts; i++) {
                s.execute("INSERT INTO account VALUES (" + i + ", 100)");
            }
        }
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong transfers = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<?>> writers = new ArrayList<>();
        String url = fixture().url();
        for (int w = 0; w < 3; w++) {
            writers.add(pool.submit(() -> {
                try (Connection c = DriverManager.getConnection(url)) {
                    c.setAutoCommit(false);
                    while (!stop.get()) {
                        transfer(c, accounts, transfers);
                    }
                }
                return null;
            }));
        }
        List<List<String>> dumps = new ArrayList<>();
        try {
            awaitTransfers(transfers, 10, writers);
            for (int i = 0; i < 5; i++) {
                dumps.add(script(conn, "SCRIPT"));
            }
            awaitTransfers(transfers, transfers.get() + 10, writers); // the writers ran on across the dumps
        } finally {
            stop.set(true);
            for (Future<?> f : writers) {
                f.get();
            }
            pool.shutdown();
        }
        target = targetFixture.open();
        for (List<String> dump : dumps) {
            try (Statement s = target.createStatement()) {
                s.execute("DROP TABLE IF EXISTS account");
            }
            load(target, dump);
            assertThat(rowsOf(target, "SELECT COUNT(*), SUM(balance) FROM account"))
                    .containsExactly(accounts + "|" + accounts * 100 + "|");
        }
    }

    @Test
    public void aDumpReadsItsForeignKeysInItsTransaction() throws Exception {
        exec("CREATE TABLE parent (id INTEGER PRIMARY KEY)");
        exec("CREATE TABLE child (id INTEGER PRIMARY KEY, parent_id INTEGER)");
        conn.setAutoCommit(false);
        assertThat(script(conn, "SCRIPT NODATA")).noneMatch(s -> s.contains("FOREIGN KEY"));
        try (Connection other = DriverManager.getConnection(fixture().url()); Statement s = other.createStatement()) {
            s.execute("ALTER TABLE child ADD FOREIGN KEY (parent_id) REFERENCES parent ON UPDATE CASCADE");
        }
        // The dump without the foreign key is of a state that is gone: its transaction cannot commit.
        assertThatThrownBy(conn::commit).isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("40001"));
        conn.setAutoCommit(true);
        assertThat(script(conn, "SCRIPT NODATA")).filteredOn(s -> s.contains("FOREIGN KEY")).singleElement()
                .asString().endsWith("ON DELETE NO ACTION ON UPDATE CASCADE");
    }

    /** Moves a random amount between two random accounts in one transaction; a conflict is run again later. */
    private static void transfer(Connection c, int accounts, AtomicLong transfers) throws SQLException {
        ThreadLocalRandom r = ThreadLocalRandom.current();
        int from = r.nextInt(accounts);
        int to = (from + 1 + r.nextInt(accounts - 1)) % accounts;
        int amount = r.nextInt(1, 10);
        try (Statement s = c.createStatement()) {
            s.executeUpdate("UPDATE account SET balance = balance - " + amount + " WHERE id = " + from);
            s.executeUpdate("UPDATE account SET balance = balance + " + amount + " WHERE id = " + to);
            c.commit();
            transfers.incrementAndGet();
        } catch (SQLException e) {
            c.rollback();
            if (!"40001".equals(e.getSQLState())) {
                throw e;
            }
        }
    }

    private static void awaitTransfers(AtomicLong transfers, long n, List<Future<?>> writers) throws Exception {
        while (transfers.get() < n) {
            for (Future<?> f : writers) {
                if (f.isDone()) {
                    f.get(); // a writer that failed: its error
                    throw new IllegalStateException("a writer stopped before " + n + " transfers");
                }
            }
            Thread.onSpinWait();
        }
    }
}
