package dev.mnemo.server.conformance;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JDBC conformance suite: what an application sees through Mnemo's driver, whatever stands behind the URL.
 * Each subclass says how to connect; every case runs unchanged against it. The cases of one class share one
 * database, so each case works on tables of its own.
 */
abstract class JdbcConformance {
    private static final int BANK_ACCOUNTS = 40;
    private static final long BANK_OPENING = 1_000;
    private static final int BANK_CLIENTS = 4;
    private static final int BANK_TRANSFERS_PER_CLIENT = 300;
    /** Serialization failures one unit of work may meet before it counts as stuck. */
    private static final int SERIALIZATION_RETRIES_MAX = 1_000;

    private Connection conn;

    /** A new connection, auto-commit on; the same member or database every time. */
    protected abstract Connection connect() throws SQLException;

    /**
     * The connection of client number {@code client} of a concurrent case, auto-commit on. It sees every write
     * committed before each of its statements starts, even when the subclass puts clients on different replicas.
     */
    protected abstract Connection connectClient(int client) throws SQLException;

    /** One connection to each replica of the database on its own, reading what the whole database committed. */
    protected abstract List<Connection> connectEachReplica() throws SQLException;

    @BeforeEach
    void open() throws SQLException {
        conn = connect();
    }

    @AfterEach
    void close() throws SQLException {
        conn.close();
    }

    // ---- DDL ----------------------------------------------------------------------------------------------------

    @Test
    void createTableTakesKeysNotNullDefaultsUniqueAndTableOptions() throws SQLException {
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("CREATE TABLE ddl_account (id BIGINT PRIMARY KEY, owner VARCHAR(20) NOT NULL,"
                    + " balance BIGINT DEFAULT 7 NOT NULL, email VARCHAR(40) UNIQUE)"
                    + " WITH (kind = 'ordered_set', storage = 'ram')")).isZero();
            assertThat(s.executeUpdate("CREATE TABLE ddl_entry (acct BIGINT NOT NULL, seq INTEGER NOT NULL,"
                    + " note VARCHAR(10) DEFAULT 'none', CONSTRAINT ddl_entry_pk PRIMARY KEY (acct, seq))")).isZero();
            assertThat(s.executeUpdate("CREATE TABLE IF NOT EXISTS ddl_account (id BIGINT PRIMARY KEY)")).isZero();
            assertThat(s.executeUpdate("INSERT INTO ddl_account (id, owner, email) VALUES"
                    + " (30, 'cy', 'c@x'), (10, 'al', 'a@x'), (20, 'bo', NULL)")).isEqualTo(3);
            assertThat(s.executeUpdate("INSERT INTO ddl_entry (acct, seq) VALUES (1, 1), (1, 2), (2, 1)"))
                    .isEqualTo(3);
        }
        // An ordered_set table scans in key order with no ORDER BY; defaults fill the columns not given.
        assertThat(rows(conn, "SELECT id, owner, balance, email FROM ddl_account"))
                .containsExactly("10|al|7|a@x", "20|bo|7|null", "30|cy|7|c@x");
        assertThat(rows(conn, "SELECT acct, seq, note FROM ddl_entry ORDER BY acct, seq"))
                .containsExactly("1|1|none", "1|2|none", "2|1|none");
        assertThatThrownBy(() -> exec("INSERT INTO ddl_account (id, owner) VALUES (10, 'again')"))
                .extracting(JdbcConformance::state).isEqualTo("23505");
        assertThatThrownBy(() -> exec("INSERT INTO ddl_account (id, owner, email) VALUES (40, 'dup', 'a@x')"))
                .extracting(JdbcConformance::state).isEqualTo("23505");
        assertThatThrownBy(() -> exec("INSERT INTO ddl_account (id) VALUES (50)"))
                .extracting(JdbcConformance::state).isEqualTo("23502");
        assertThatThrownBy(() -> exec("INSERT INTO ddl_entry (acct, seq) VALUES (1, 2)"))
                .extracting(JdbcConformance::state).isEqualTo("23505");
        assertThatThrownBy(() -> exec("CREATE TABLE ddl_account (id BIGINT PRIMARY KEY)"))
                .extracting(JdbcConformance::state).isEqualTo("42S01");
        assertThat(count(conn, "ddl_account")).isEqualTo(3);
    }

    @Test
    void dropTableIfExistsAndAlterTableAddAndDropColumns() throws SQLException {
        exec("CREATE TABLE alt_t (id INTEGER PRIMARY KEY, v VARCHAR(5))");
        exec("INSERT INTO alt_t VALUES (1, 'one'), (2, 'two')");
        exec("ALTER TABLE alt_t ADD COLUMN w INTEGER DEFAULT 42");
        assertThat(rows(conn, "SELECT id, v, w FROM alt_t ORDER BY id")).containsExactly("1|one|42", "2|two|42");
        exec("INSERT INTO alt_t (id, v, w) VALUES (3, 'three', 3)");
        exec("ALTER TABLE alt_t DROP COLUMN v");
        assertThat(rows(conn, "SELECT * FROM alt_t ORDER BY id")).containsExactly("1|42", "2|42", "3|3");
        assertThatThrownBy(() -> exec("SELECT v FROM alt_t")).extracting(JdbcConformance::state).isEqualTo("42S22");

        exec("DROP TABLE IF EXISTS alt_never_created");
        exec("DROP TABLE IF EXISTS alt_t");
        assertThatThrownBy(() -> exec("SELECT * FROM alt_t")).extracting(JdbcConformance::state).isEqualTo("42S02");
        assertThatThrownBy(() -> exec("DROP TABLE alt_t")).extracting(JdbcConformance::state).isEqualTo("42S02");
        // The name is free again, with a new shape.
        exec("CREATE TABLE alt_t (k VARCHAR(3) PRIMARY KEY)");
        assertThat(count(conn, "alt_t")).isZero();
    }

    @Test
    void createAndDropIndexChangeTheAccessPathAndUniqueness() throws SQLException {
        exec("CREATE TABLE ix_t (id BIGINT PRIMARY KEY, tag VARCHAR(10), code INTEGER)");
        exec("INSERT INTO ix_t VALUES (1, 'red', 10), (2, 'blue', 20), (3, 'red', 30)");
        assertThat(plan("SELECT id FROM ix_t WHERE tag = 'red'")).doesNotContain("INDEX_EQ");
        exec("CREATE INDEX ix_t_tag ON ix_t (tag) USING HASH");
        assertThat(plan("SELECT id FROM ix_t WHERE tag = 'red'")).contains("INDEX_EQ");
        assertThat(rows(conn, "SELECT id FROM ix_t WHERE tag = 'red' ORDER BY id")).containsExactly("1", "3");
        exec("CREATE UNIQUE INDEX ix_t_code ON ix_t (code)");
        assertThatThrownBy(() -> exec("INSERT INTO ix_t VALUES (4, 'green', 20)"))
                .extracting(JdbcConformance::state).isEqualTo("23505");
        assertThat(indexNames(conn.getMetaData(), "IX_T")).containsExactlyInAnyOrder("IX_T_PK", "IX_T_CODE",
                "IX_T_TAG");

        exec("DROP INDEX ix_t_tag ON ix_t");
        exec("DROP INDEX ix_t_code");
        exec("DROP INDEX IF EXISTS ix_t_code");
        assertThat(plan("SELECT id FROM ix_t WHERE tag = 'red'")).doesNotContain("INDEX_EQ");
        assertThat(indexNames(conn.getMetaData(), "IX_T")).containsExactly("IX_T_PK");
        assertThat(conn.createStatement().executeUpdate("INSERT INTO ix_t VALUES (4, 'green', 20)")).isEqualTo(1);
        assertThat(rows(conn, "SELECT id FROM ix_t WHERE tag = 'red' ORDER BY id")).containsExactly("1", "3");
    }

    // ---- DML ----------------------------------------------------------------------------------------------------

    @Test
    void insertUpdateAndDeleteReportTheirCounts() throws SQLException {
        exec("CREATE TABLE dml_src (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
        exec("CREATE TABLE dml_dst (id INTEGER PRIMARY KEY, v INTEGER NOT NULL)");
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("INSERT INTO dml_src VALUES (1, 10), (2, 20), (3, 30), (4, 40)"))
                    .isEqualTo(4);
            assertThat(s.executeUpdate("INSERT INTO dml_dst SELECT id, v * 2 FROM dml_src WHERE v >= 20"))
                    .isEqualTo(3);
            assertThat(s.executeUpdate("UPDATE dml_dst SET v = v + 1 WHERE id <> 3")).isEqualTo(2);
            assertThat(s.executeUpdate("UPDATE dml_dst SET v = 0 WHERE id = 99")).isZero();
            assertThat(s.execute("DELETE FROM dml_src WHERE v < 30")).isFalse();
            assertThat(s.getUpdateCount()).isEqualTo(2);
        }
        assertThat(rows(conn, "SELECT id, v FROM dml_src ORDER BY id")).containsExactly("3|30", "4|40");
        assertThat(rows(conn, "SELECT id, v FROM dml_dst ORDER BY id")).containsExactly("2|41", "3|60", "4|81");
    }

    @Test
    void upsertReplacesOrInsertsAndMergeUpdatesOrInserts() throws SQLException {
        exec("CREATE TABLE up_kv (k VARCHAR(10) PRIMARY KEY, v INTEGER, note VARCHAR(10) DEFAULT 'new')");
        exec("INSERT INTO up_kv VALUES ('a', 1, 'first')");
        try (Statement s = conn.createStatement()) {
            assertThat(s.executeUpdate("UPSERT INTO up_kv VALUES ('a', 2, 'second'), ('b', 3, 'third')"))
                    .isEqualTo(2);
            assertThat(rows(conn, "SELECT k, v, note FROM up_kv ORDER BY k"))
                    .containsExactly("a|2|second", "b|3|third");
            exec("CREATE TABLE up_src (k VARCHAR(10) PRIMARY KEY, v INTEGER)");
            exec("INSERT INTO up_src VALUES ('b', 30), ('c', 40)");
            assertThat(s.executeUpdate("MERGE INTO up_kv t USING up_src s ON t.k = s.k"
                    + " WHEN MATCHED THEN UPDATE SET v = t.v + s.v, note = 'merged'"
                    + " WHEN NOT MATCHED THEN INSERT (k, v) VALUES (s.k, s.v)")).isEqualTo(2);
        }
        assertThat(rows(conn, "SELECT k, v, note FROM up_kv ORDER BY k"))
                .containsExactly("a|2|second", "b|33|merged", "c|40|new");
    }

    // ---- queries ------------------------------------------------------------------------------------------------

    @Test
    void queriesFilterJoinGroupOrderPageAndNest() throws SQLException {
        exec("CREATE TABLE q_dept (id INTEGER PRIMARY KEY, name VARCHAR(10) NOT NULL)");
        exec("CREATE TABLE q_emp (id INTEGER PRIMARY KEY, name VARCHAR(10) NOT NULL, dept INTEGER,"
                + " salary DECIMAL(8,2) NOT NULL)");
        exec("INSERT INTO q_dept VALUES (1, 'ops'), (2, 'dev'), (3, 'empty')");
        exec("INSERT INTO q_emp VALUES (1, 'ann', 1, 100.00), (2, 'bob', 2, 200.00), (3, 'cat', 2, 300.00),"
                + " (4, 'dan', 2, 400.00), (5, 'eve', NULL, 50.50)");

        assertThat(rows(conn, "SELECT name FROM q_emp WHERE salary > 150 AND name <> 'cat' ORDER BY name"))
                .containsExactly("bob", "dan");
        assertThat(rows(conn, "SELECT name FROM q_emp WHERE dept IS NULL OR name LIKE 'a%' ORDER BY id"))
                .containsExactly("ann", "eve");
        assertThat(rows(conn, "SELECT e.name, d.name FROM q_emp e JOIN q_dept d ON e.dept = d.id"
                + " WHERE d.name = 'dev' ORDER BY e.salary DESC")).containsExactly("dan|dev", "cat|dev", "bob|dev");
        assertThat(rows(conn, "SELECT d.name, COUNT(e.id) FROM q_dept d LEFT JOIN q_emp e ON e.dept = d.id"
                + " GROUP BY d.name ORDER BY d.name")).containsExactly("dev|3", "empty|0", "ops|1");
        assertThat(rows(conn, "SELECT dept, COUNT(*), SUM(salary), MIN(name), MAX(salary) FROM q_emp"
                + " WHERE dept IS NOT NULL GROUP BY dept HAVING COUNT(*) > 1"))
                .containsExactly("2|3|900.00|bob|400.00");
        assertThat(rows(conn, "SELECT id FROM q_emp ORDER BY salary DESC LIMIT 2 OFFSET 1"))
                .containsExactly("3", "2");
        assertThat(rows(conn, "SELECT id FROM q_emp ORDER BY id OFFSET 3 ROWS FETCH NEXT 5 ROWS ONLY"))
                .containsExactly("4", "5");
        assertThat(rows(conn, "SELECT name FROM q_emp WHERE dept IN (SELECT id FROM q_dept WHERE name = 'ops')"))
                .containsExactly("ann");
        assertThat(rows(conn, "SELECT name FROM q_emp WHERE salary > (SELECT AVG(salary) FROM q_emp) ORDER BY id"))
                .containsExactly("cat", "dan");
        assertThat(rows(conn, "SELECT name FROM q_dept d WHERE NOT EXISTS"
                + " (SELECT 1 FROM q_emp e WHERE e.dept = d.id)")).containsExactly("empty");
    }

    @Test
    void explainPlanForReturnsThePlanAndItsKeyAccess() throws SQLException {
        exec("CREATE TABLE ex_t (id BIGINT PRIMARY KEY, v VARCHAR(10))");
        String plan = plan("SELECT v FROM ex_t WHERE id = 3");
        assertThat(plan).contains("MnemoTableScan").contains("KEY_EQ");
        assertThat(plan("SELECT v FROM ex_t WHERE v = 'x'")).contains("MnemoTableScan").doesNotContain("KEY_EQ");
    }

    // ---- prepared statements and batches ------------------------------------------------------------------------

    @Test
    void preparedStatementParametersOfEveryTypeRoundTrip() throws SQLException {
        exec("CREATE TABLE ty_t (id INTEGER PRIMARY KEY, b BIGINT, i INTEGER, s SMALLINT, d DOUBLE, r REAL,"
                + " m DECIMAL(10,3), f BOOLEAN, vc VARCHAR(10), c CHAR(3), bin VARBINARY(8), dt DATE, tm TIME,"
                + " ts TIMESTAMP)");
        Object[] values = {1L << 40, -7, (short) 12, 2.5, 0.25f, new BigDecimal("1234.567"), true, "héllo", "ab ",
            new byte[] {1, 2, (byte) 0xFF}, Date.valueOf("2024-02-29"), Time.valueOf("13:14:15"),
            Timestamp.valueOf("2024-02-29 01:02:03.456")};
        int[] types = {Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.DOUBLE, Types.REAL, Types.DECIMAL,
            Types.BOOLEAN, Types.VARCHAR, Types.CHAR, Types.VARBINARY, Types.DATE, Types.TIME, Types.TIMESTAMP};
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO ty_t VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setInt(1, 1);
            ps.setLong(2, (Long) values[0]);
            ps.setInt(3, (Integer) values[1]);
            ps.setShort(4, (Short) values[2]);
            ps.setDouble(5, (Double) values[3]);
            ps.setFloat(6, (Float) values[4]);
            ps.setBigDecimal(7, (BigDecimal) values[5]);
            ps.setBoolean(8, (Boolean) values[6]);
            ps.setString(9, (String) values[7]);
            ps.setString(10, "ab");
            ps.setBytes(11, (byte[]) values[9]);
            ps.setDate(12, (Date) values[10]);
            ps.setTime(13, (Time) values[11]);
            ps.setTimestamp(14, (Timestamp) values[12]);
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setInt(1, 2);
            for (int k = 0; k < types.length; k++) {
                ps.setNull(k + 2, types[k]);
            }
            assertThat(ps.executeUpdate()).isEqualTo(1);
        }
        try (PreparedStatement ps = conn.prepareStatement("SELECT * FROM ty_t WHERE id = ?")) {
            ps.setInt(1, 1);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                for (int k = 0; k < values.length; k++) {
                    assertThat(rs.getObject(k + 2)).as("column %d", k + 2).isEqualTo(values[k]);
                }
                assertThat(rs.getLong("B")).isEqualTo(1L << 40);
                assertThat(rs.getFloat("R")).isEqualTo(0.25f);
                assertThat(rs.getBigDecimal("M")).isEqualTo(new BigDecimal("1234.567"));
                assertThat(rs.getString("C")).isEqualTo("ab ");
                assertThat(rs.getTimestamp("TS")).isEqualTo(Timestamp.valueOf("2024-02-29 01:02:03.456"));
                assertThat(rs.next()).isFalse();
            }
            ps.setInt(1, 2);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).isTrue();
                for (int k = 0; k < values.length; k++) {
                    assertThat(rs.getObject(k + 2)).as("column %d", k + 2).isNull();
                    assertThat(rs.wasNull()).isTrue();
                }
            }
        }
        String[] columns = {"b", "i", "s", "d", "r", "m", "f", "vc", "c", "bin", "dt", "tm", "ts"};
        for (int k = 0; k < columns.length; k++) {
            try (PreparedStatement ps = conn.prepareStatement("SELECT id FROM ty_t WHERE " + columns[k] + " = ?")) {
                ps.setObject(1, values[k], types[k]);
                assertThat(longs(ps.executeQuery())).as(columns[k]).containsExactly(1L);
            }
        }
    }

    @Test
    void executeBatchReportsACountPerStatement() throws SQLException {
        exec("CREATE TABLE bt_t (id INTEGER PRIMARY KEY, v VARCHAR(8))");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO bt_t VALUES (?, ?)")) {
            for (int i = 0; i < 50; i++) {
                ps.setInt(1, i);
                ps.setString(2, "v" + i);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).hasSize(50).containsOnly(1);
        }
        try (Statement s = conn.createStatement()) {
            s.addBatch("UPDATE bt_t SET v = 'low' WHERE id < 10");
            s.addBatch("DELETE FROM bt_t WHERE id >= 45");
            s.addBatch("INSERT INTO bt_t VALUES (100, 'x'), (101, 'y')");
            s.addBatch("UPDATE bt_t SET v = 'none' WHERE id = 1000");
            assertThat(s.executeBatch()).containsExactly(10, 5, 2, 0);
        }
        assertThat(count(conn, "bt_t")).isEqualTo(47);
        assertThat(rows(conn, "SELECT COUNT(*) FROM bt_t WHERE v = 'low'")).containsExactly("10");
    }

    // ---- transactions -------------------------------------------------------------------------------------------

    @Test
    void autoCommitOffCommitsOrRollsBackAsOneTransaction() throws SQLException {
        exec("CREATE TABLE tx_t (id INTEGER PRIMARY KEY, v INTEGER)");
        try (Connection other = connectClient(1)) {
            conn.setAutoCommit(false);
            exec("INSERT INTO tx_t VALUES (1, 1)");
            exec("INSERT INTO tx_t VALUES (2, 2)");
            assertThat(count(conn, "tx_t")).isEqualTo(2);
            assertThat(count(other, "tx_t")).isZero();
            conn.rollback();
            assertThat(count(conn, "tx_t")).isZero();
            assertThat(count(other, "tx_t")).isZero();

            exec("INSERT INTO tx_t VALUES (3, 3)");
            exec("UPDATE tx_t SET v = 30 WHERE id = 3");
            conn.commit();
            assertThat(rows(other, "SELECT id, v FROM tx_t")).containsExactly("3|30");

            exec("DELETE FROM tx_t");
            exec("INSERT INTO tx_t VALUES (4, 4)");
            conn.rollback();
            conn.setAutoCommit(true);
            assertThat(rows(other, "SELECT id, v FROM tx_t")).containsExactly("3|30");
            assertThat(rows(conn, "SELECT id, v FROM tx_t")).containsExactly("3|30");
        }
    }

    @Test
    void aWriteWriteConflictFailsTheLoserWithSerializationFailure() throws SQLException {
        exec("CREATE TABLE cf_t (id INTEGER PRIMARY KEY, v INTEGER)");
        exec("INSERT INTO cf_t VALUES (1, 0)");
        try (Connection a = connectClient(0); Connection b = connectClient(1)) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            assertThat(a.createStatement().executeUpdate("UPDATE cf_t SET v = v + 1 WHERE id = 1")).isEqualTo(1);
            assertThat(b.createStatement().executeUpdate("UPDATE cf_t SET v = v + 10 WHERE id = 1")).isEqualTo(1);
            a.commit();
            assertThatThrownBy(b::commit).isInstanceOf(SQLTransactionRollbackException.class)
                    .extracting(JdbcConformance::state).isEqualTo("40001");
            // The loser's writes are gone; retried, it applies on top of the winner's.
            b.rollback();
            retryOnSerializationFailure(b, () -> {
                b.createStatement().executeUpdate("UPDATE cf_t SET v = v + 10 WHERE id = 1");
                b.commit();
            });
            assertThat(rows(a, "SELECT v FROM cf_t")).containsExactly("11");
        }
    }

    // ---- errors -------------------------------------------------------------------------------------------------

    @Test
    void errorsCarryStandardSqlStates() throws SQLException {
        assertThatThrownBy(() -> exec("SELECT * FROM\n err_t WHERE")).isInstanceOfSatisfying(SQLException.class,
                e -> {
                    assertThat(e.getSQLState()).isEqualTo("42601");
                    assertThat(e.getMessage()).containsPattern("line 2, column \\d+");
                });
        assertThatThrownBy(() -> exec("SELECT * FROM err_nowhere")).extracting(JdbcConformance::state)
                .isEqualTo("42S02");
        exec("CREATE TABLE err_t (id INTEGER PRIMARY KEY, v VARCHAR(3) NOT NULL)");
        assertThatThrownBy(() -> exec("SELECT nope FROM err_t")).extracting(JdbcConformance::state)
                .isEqualTo("42S22");
        exec("INSERT INTO err_t VALUES (1, 'a')");
        assertThatThrownBy(() -> exec("INSERT INTO err_t VALUES (1, 'b')")).extracting(JdbcConformance::state)
                .isEqualTo("23505");
        assertThatThrownBy(() -> exec("INSERT INTO err_t (id) VALUES (2)")).extracting(JdbcConformance::state)
                .isEqualTo("23502");
        assertThatThrownBy(() -> exec("INSERT INTO err_t VALUES (3, 'long')")).extracting(JdbcConformance::state)
                .isEqualTo("22001");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO err_t VALUES (?, ?)")) {
            ps.setInt(1, 4);
            ps.setString(2, "four");
            assertThatThrownBy(ps::executeUpdate).extracting(JdbcConformance::state).isEqualTo("22001");
        }
        assertThat(rows(conn, "SELECT id, v FROM err_t")).containsExactly("1|a");
    }

    // ---- metadata -----------------------------------------------------------------------------------------------

    @Test
    void databaseMetaDataListsTheTableItsColumnsKeysAndIndexes() throws SQLException {
        exec("CREATE TABLE md_acct (id BIGINT NOT NULL, branch INTEGER NOT NULL, owner VARCHAR(30) NOT NULL,"
                + " balance DECIMAL(12,2) DEFAULT 0, PRIMARY KEY (branch, id)) WITH (kind = 'ordered_set')");
        exec("CREATE UNIQUE INDEX md_acct_owner ON md_acct (owner) USING HASH");
        exec("CREATE INDEX md_acct_balance ON md_acct (balance)");
        DatabaseMetaData md = conn.getMetaData();
        assertThat(md.getDatabaseProductName()).isEqualTo("Mnemo");
        try (ResultSet t = md.getTables(null, null, "MD_ACCT", new String[] {"TABLE"})) {
            assertThat(t.next()).isTrue();
            assertThat(t.getString("TABLE_NAME")).isEqualTo("MD_ACCT");
            assertThat(t.getString("TABLE_TYPE")).isEqualTo("TABLE");
            assertThat(t.next()).isFalse();
        }
        List<String> columns = new ArrayList<>();
        try (ResultSet c = md.getColumns(null, null, "MD_ACCT", null)) {
            while (c.next()) {
                columns.add(c.getString("COLUMN_NAME") + " " + c.getInt("DATA_TYPE") + " " + c.getInt("COLUMN_SIZE")
                        + " " + c.getString("IS_NULLABLE") + " " + c.getInt("ORDINAL_POSITION"));
            }
        }
        assertThat(columns).containsExactly("ID " + Types.BIGINT + " 19 NO 1", "BRANCH " + Types.INTEGER + " 10 NO 2",
                "OWNER " + Types.VARCHAR + " 30 NO 3", "BALANCE " + Types.DECIMAL + " 12 YES 4");
        List<String> keys = new ArrayList<>();
        try (ResultSet pk = md.getPrimaryKeys(null, null, "MD_ACCT")) {
            while (pk.next()) {
                keys.add(pk.getString("TABLE_NAME") + "." + pk.getString("COLUMN_NAME") + pk.getShort("KEY_SEQ"));
            }
        }
        assertThat(keys).containsExactly("MD_ACCT.BRANCH1", "MD_ACCT.ID2");
        List<String> unique = new ArrayList<>();
        try (ResultSet ix = md.getIndexInfo(null, null, "MD_ACCT", true, false)) {
            while (ix.next()) {
                unique.add(ix.getString("INDEX_NAME") + ":" + ix.getString("COLUMN_NAME"));
            }
        }
        assertThat(unique).containsExactlyInAnyOrder("MD_ACCT_PK:BRANCH", "MD_ACCT_PK:ID", "MD_ACCT_OWNER:OWNER");
        assertThat(indexNames(md, "MD_ACCT")).containsExactlyInAnyOrder("MD_ACCT_PK", "MD_ACCT_BALANCE",
                "MD_ACCT_OWNER");
    }

    @Test
    void indexInfoComesOrderedByNonUniqueTypeNameAndPosition() throws SQLException {
        exec("CREATE TABLE ixo_t (id BIGINT PRIMARY KEY, a INTEGER, b INTEGER, c INTEGER)");
        exec("CREATE INDEX ixo_t_z ON ixo_t (a)");
        exec("CREATE UNIQUE INDEX ixo_t_y ON ixo_t (b, c)");
        exec("CREATE INDEX ixo_t_a ON ixo_t (c) USING HASH");
        List<String> listed = new ArrayList<>();
        try (ResultSet ix = conn.getMetaData().getIndexInfo(null, null, "IXO_T", false, false)) {
            while (ix.next()) {
                listed.add((ix.getBoolean("NON_UNIQUE") ? 1 : 0) + " " + ix.getShort("TYPE") + " "
                        + ix.getString("INDEX_NAME") + " " + ix.getShort("ORDINAL_POSITION"));
            }
        }
        assertThat(listed).hasSize(5).isSorted();
    }

    @Test
    void resultSetMetaDataNamesAndTypesTheColumns() throws SQLException {
        exec("CREATE TABLE rsmd_t (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL, price DECIMAL(9,2),"
                + " flag BOOLEAN, created TIMESTAMP)");
        exec("INSERT INTO rsmd_t VALUES (1, 'x', 9.99, TRUE, TIMESTAMP '2024-01-02 03:04:05')");
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, name, price * 2 AS twice, flag, created, COUNT(*) OVER () AS n"
                     + " FROM rsmd_t")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.getColumnCount()).isEqualTo(6);
            List<String> described = new ArrayList<>();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                described.add(md.getColumnLabel(i) + " " + md.getColumnType(i));
            }
            assertThat(described).containsExactly("ID " + Types.BIGINT, "NAME " + Types.VARCHAR,
                    "TWICE " + Types.DECIMAL, "FLAG " + Types.BOOLEAN, "CREATED " + Types.TIMESTAMP,
                    "N " + Types.BIGINT);
            assertThat(md.getColumnName(2)).isEqualTo("NAME");
            assertThat(md.getTableName(2)).isEqualTo("RSMD_T");
            assertThat(md.getPrecision(2)).isEqualTo(20);
            assertThat(md.isNullable(3)).isEqualTo(ResultSetMetaData.columnNullable);
            assertThat(md.getColumnClassName(3)).isEqualTo(BigDecimal.class.getName());
            assertThat(rs.next()).isTrue();
            assertThat(rs.getBigDecimal("TWICE")).isEqualByComparingTo("19.98");
        }
    }

    @Test
    void resultSetMetaDataKnowsNotNullColumns() throws SQLException {
        exec("CREATE TABLE rsnn_t (id BIGINT PRIMARY KEY, name VARCHAR(20) NOT NULL, note VARCHAR(20))");
        try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT id, name, note FROM rsnn_t")) {
            ResultSetMetaData md = rs.getMetaData();
            assertThat(md.isNullable(1)).as("ID").isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(md.isNullable(2)).as("NAME").isEqualTo(ResultSetMetaData.columnNoNulls);
            assertThat(md.isNullable(3)).as("NOTE").isEqualTo(ResultSetMetaData.columnNullable);
        }
    }

    // ---- the bank workload --------------------------------------------------------------------------------------

    @Test
    void concurrentTransfersInExplicitTransactionsKeepTheTotal() throws Exception {
        exec("CREATE TABLE bank_account (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO bank_account VALUES (?, ?)")) {
            for (int i = 0; i < BANK_ACCOUNTS; i++) {
                ps.setInt(1, i);
                ps.setLong(2, BANK_OPENING);
                ps.addBatch();
            }
            assertThat(ps.executeBatch()).hasSize(BANK_ACCOUNTS);
        }
        ExecutorService pool = Executors.newFixedThreadPool(BANK_CLIENTS);
        AtomicLong committed = new AtomicLong();
        AtomicLong retried = new AtomicLong();
        try {
            List<Future<?>> clients = new ArrayList<>();
            for (int t = 0; t < BANK_CLIENTS; t++) {
                int client = t;
                clients.add(pool.submit(() -> {
                    transfers(client, committed, retried);
                    return null;
                }));
            }
            for (Future<?> c : clients) {
                c.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(committed.get()).isEqualTo((long) BANK_CLIENTS * BANK_TRANSFERS_PER_CLIENT);
        List<String> balances;
        try (Connection c = connectClient(0)) {
            assertThat(rows(c, "SELECT SUM(balance), COUNT(*), MIN(balance) >= 0 FROM bank_account"))
                    .containsExactly(BANK_ACCOUNTS * BANK_OPENING + "|" + BANK_ACCOUNTS + "|true");
            balances = rows(c, "SELECT id, balance FROM bank_account ORDER BY id");
        }
        assertThat(balances).as("the transfers moved money").anyMatch(r -> !r.endsWith("|" + BANK_OPENING));
        List<Connection> replicas = connectEachReplica();
        try {
            for (Connection replica : replicas) {
                assertThat(rows(replica, "SELECT id, balance FROM bank_account ORDER BY id"))
                        .as(replica.getMetaData().getURL()).isEqualTo(balances);
            }
        } finally {
            for (Connection replica : replicas) {
                replica.close();
            }
        }
        System.out.printf("%s bank: %d transfers committed, %d serialization failures retried%n",
                getClass().getSimpleName(), committed.get(), retried.get());
    }

    private void transfers(int client, AtomicLong committed, AtomicLong retried) throws SQLException {
        SplittableRandom random = new SplittableRandom(client);
        try (Connection c = connectClient(client);
             PreparedStatement read = c.prepareStatement("SELECT balance FROM bank_account WHERE id = ?");
             PreparedStatement move = c.prepareStatement(
                     "UPDATE bank_account SET balance = balance + ? WHERE id = ?")) {
            c.setAutoCommit(false);
            for (int i = 0; i < BANK_TRANSFERS_PER_CLIENT; i++) {
                int from = random.nextInt(BANK_ACCOUNTS);
                int to = (from + 1 + random.nextInt(BANK_ACCOUNTS - 1)) % BANK_ACCOUNTS;
                long amount = 1 + random.nextInt(100);
                retried.addAndGet(retryOnSerializationFailure(c, () -> {
                    read.setInt(1, from);
                    long available;
                    try (ResultSet rs = read.executeQuery()) {
                        assertThat(rs.next()).isTrue();
                        available = rs.getLong(1);
                    }
                    long moved = Math.min(amount, available);
                    move.setLong(1, -moved);
                    move.setInt(2, from);
                    assertThat(move.executeUpdate()).isEqualTo(1);
                    move.setLong(1, moved);
                    move.setInt(2, to);
                    assertThat(move.executeUpdate()).isEqualTo(1);
                    c.commit();
                }));
                committed.incrementAndGet();
            }
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** A unit of work that ends with its own commit. */
    @FunctionalInterface
    private interface Work {
        void run() throws SQLException;
    }

    /** Runs {@code work} until it commits, rolling back after each serialization failure; returns the failures. */
    private static int retryOnSerializationFailure(Connection c, Work work) throws SQLException {
        for (int failures = 0; ; failures++) {
            try {
                work.run();
                return failures;
            } catch (SQLException e) {
                if (!"40001".equals(e.getSQLState()) || failures == SERIALIZATION_RETRIES_MAX) {
                    throw e;
                }
                c.rollback();
            }
        }
    }

    private void exec(String sql) throws SQLException {
        try (Statement s = conn.createStatement()) {
            s.execute(sql);
        }
    }

    private String plan(String query) throws SQLException {
        List<String> lines = rows(conn, "EXPLAIN PLAN FOR " + query);
        assertThat(lines).isNotEmpty();
        return String.join("\n", lines);
    }

    /** Every row as its columns' {@code getString} joined by '|'. */
    private static List<String> rows(Connection c, String sql) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i == 1 ? "" : "|").append(rs.getString(i));
                }
                out.add(row.toString());
            }
        }
        return out;
    }

    private static List<Long> longs(ResultSet rs) throws SQLException {
        List<Long> out = new ArrayList<>();
        try (rs) {
            while (rs.next()) {
                out.add(rs.getLong(1));
            }
        }
        return out;
    }

    private static long count(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    /** The distinct index names getIndexInfo lists for {@code table}, in the order it lists them. */
    private static List<String> indexNames(DatabaseMetaData md, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (ResultSet ix = md.getIndexInfo(null, null, table, false, false)) {
            while (ix.next()) {
                String name = ix.getString("INDEX_NAME");
                if (!names.contains(name)) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static String state(Throwable e) {
        assertThat(e).isInstanceOf(SQLException.class);
        return ((SQLException) e).getSQLState();
    }
}
