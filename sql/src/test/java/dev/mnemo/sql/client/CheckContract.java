package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.BatchUpdateException;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * CHECK constraints through JDBC: prepared statements, batches and transactions are checked as plain statements are,
 * and a dump made by SCRIPT loads them back; once per driver (the remote one runs the same executor on the member).
 */
public abstract class CheckContract extends ConnectedContract {
    protected CheckContract(JdbcFixture fixture) {
        super(fixture);
    }

    private void makeAccount() throws SQLException {
        exec("CREATE TABLE account (id BIGINT PRIMARY KEY, balance DECIMAL(10,2) CONSTRAINT not_overdrawn "
                + "CHECK (balance >= 0), kind VARCHAR(8) CHECK (kind IN ('cash', 'card')))");
    }

    private static void assertViolates(ThrowingRunnable write, String... words) {
        assertThatThrownBy(write::run).isInstanceOfSatisfying(SQLException.class, e -> {
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("23514");
            assertThat(e.getMessage()).contains(words);
        });
    }

    /** A write that may throw. */
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    public void aPreparedWriteIsCheckedForEachSetOfParameters() throws SQLException {
        makeAccount();
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO account VALUES (?, ?, ?)")) {
            ps.setLong(1, 1);
            ps.setBigDecimal(2, new java.math.BigDecimal("10.00"));
            ps.setString(3, "cash");
            assertThat(ps.executeUpdate()).isEqualTo(1);
            ps.setLong(1, 2);
            ps.setNull(2, Types.DECIMAL);
            ps.setNull(3, Types.VARCHAR);
            assertThat(ps.executeUpdate()).as("NULL is unknown, and passes").isEqualTo(1);
            ps.setLong(1, 3);
            ps.setBigDecimal(2, new java.math.BigDecimal("-0.01"));
            ps.setString(3, "cash");
            assertViolates(ps::executeUpdate, "NOT_OVERDRAWN", "ACCOUNT", "(ID)=(3)");
            ps.setBigDecimal(2, java.math.BigDecimal.ONE);
            ps.setString(3, "cheque");
            assertViolates(ps::executeUpdate, "ACCOUNT_KIND_CHECK");
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE account SET balance = balance - ? WHERE id = ?")) {
            ps.setBigDecimal(1, new java.math.BigDecimal("10.01"));
            ps.setLong(2, 1);
            assertViolates(ps::executeUpdate, "NOT_OVERDRAWN");
        }
        assertThat(rows("SELECT id, balance FROM account ORDER BY id")).containsExactly("1:10.00", "2:null");
    }

    /** The embedded driver runs a batch as one transaction, the remote one statement by statement (see README). */
    @Test
    public void aBatchStopsAtItsBadRow() throws SQLException {
        makeAccount();
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO account VALUES (?, ?, 'cash')")) {
            for (int i = 1; i <= 3; i++) {
                ps.setLong(1, i);
                ps.setInt(2, i == 2 ? -5 : 5);
                ps.addBatch();
            }
            assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class,
                    e -> assertThat(e.getSQLState()).isEqualTo("23514"));
        }
        assertThat(rows("SELECT COUNT(*) FROM account WHERE id >= 2")).containsExactly("0");
    }

    @Test
    public void aFailingStatementInATransactionUndoesOnlyItself() throws SQLException {
        makeAccount();
        conn.setAutoCommit(false);
        exec("INSERT INTO account VALUES (1, 5, 'cash')");
        assertThatThrownBy(() -> exec("INSERT INTO account VALUES (2, 1, 'card'), (3, -1, 'card')"))
                .isInstanceOf(SQLIntegrityConstraintViolationException.class);
        exec("INSERT INTO account VALUES (4, 0, 'card')");
        conn.commit();
        conn.setAutoCommit(true);
        assertThat(rows("SELECT id FROM account ORDER BY id")).containsExactly("1", "4");
    }

    @Test
    public void aDumpLoadsItsRowsThenItsChecks() throws SQLException {
        makeAccount();
        exec("ALTER TABLE account ADD CHECK (id < 1000)");
        exec("INSERT INTO account VALUES (1, 5, 'cash'), (2, 0, NULL)");
        List<String> script = new ArrayList<>();
        for (String row : rows("SCRIPT")) {
            script.add(row);
        }
        assertThat(script).contains("ALTER TABLE \"ACCOUNT\" ADD CONSTRAINT \"NOT_OVERDRAWN\" CHECK (BALANCE >= 0)",
                "ALTER TABLE \"ACCOUNT\" ADD CONSTRAINT \"ACCOUNT_ID_CHECK\" CHECK (ID < 1000)");
        assertThat(script.indexOf("ALTER TABLE \"ACCOUNT\" ADD CONSTRAINT \"ACCOUNT_ID_CHECK\" CHECK (ID < 1000)"))
                .isGreaterThan(indexOfInsert(script));
        exec("DROP TABLE account");
        try (Statement s = conn.createStatement()) {
            for (String sql : script) {
                s.execute(sql);
            }
        }
        assertThat(rows("SELECT constraint_name, check_clause FROM information_schema.check_constraints"
                + " ORDER BY constraint_name")).containsExactly("ACCOUNT_ID_CHECK:ID < 1000",
                "ACCOUNT_KIND_CHECK:KIND IN ('cash', 'card')", "NOT_OVERDRAWN:BALANCE >= 0");
        assertThat(rows("SELECT id FROM account ORDER BY id")).containsExactly("1", "2");
        failsWith("INSERT INTO account VALUES (1000, 1, 'cash')", "23514", "ACCOUNT_ID_CHECK");
    }

    private static int indexOfInsert(List<String> script) {
        for (int i = 0; i < script.size(); i++) {
            if (script.get(i).startsWith("INSERT INTO \"ACCOUNT\"")) {
                return i;
            }
        }
        throw new AssertionError("no INSERT in " + script);
    }

    @Test
    public void jdbcMetadataIsThatOfTheSameTableWithoutChecks() throws SQLException {
        makeAccount();
        exec("CREATE TABLE plain (id BIGINT PRIMARY KEY, balance DECIMAL(10,2), kind VARCHAR(8))");
        assertThat(rows("SELECT COUNT(*) FROM information_schema.table_constraints WHERE table_name = 'ACCOUNT'"))
                .containsExactly("3");
        java.sql.DatabaseMetaData md = conn.getMetaData();
        for (String table : new String[] {"ACCOUNT", "PLAIN"}) {
            assertThat(count(md.getIndexInfo(null, null, table, false, false))).isEqualTo(1);
            assertThat(count(md.getColumns(null, null, table, "%"))).isEqualTo(3);
            assertThat(count(md.getImportedKeys(null, null, table))).isZero();
        }
    }

    private static int count(java.sql.ResultSet rs) throws SQLException {
        int n = 0;
        try (rs) {
            while (rs.next()) {
                n++;
            }
        }
        return n;
    }
}
