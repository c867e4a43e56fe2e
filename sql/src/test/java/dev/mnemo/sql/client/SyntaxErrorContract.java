package dev.mnemo.sql.client;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A statement the parser cannot read fails with 42601 and a short message: line and column, the word found there,
 * the keyword likely meant when a word is one typing slip from it, and at most a handful of what may come there.
 * Run once per driver.
 */
public abstract class SyntaxErrorContract extends ConnectedContract {
    protected SyntaxErrorContract(JdbcFixture fixture) {
        super(fixture);
    }

    @BeforeEach
    void table() throws SQLException {
        exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v VARCHAR(10))");
    }

    /** The message of the syntax error {@code sql} fails with, checked to be short and to list a handful at most. */
    private String syntaxError(String sql) {
        SQLException[] thrown = new SQLException[1];
        assertThatThrownBy(() -> exec(sql)).isInstanceOfSatisfying(SQLSyntaxErrorException.class, e -> {
            assertThat(e.getSQLState()).as(e.getMessage()).isEqualTo("42601");
            thrown[0] = e;
        });
        String message = thrown[0].getMessage();
        assertThat(message).startsWith("syntax error at line ").doesNotContain("\n").doesNotContain("Was expecting");
        int listed = message.indexOf("Expected one of: ");
        if (listed >= 0) {
            assertThat(message.substring(listed).split(", ")).hasSizeLessThanOrEqualTo(7);
        }
        return message;
    }

    @Test
    public void aMistypedFirstKeywordIsNamedWithTheKeywordMeantAndTheStatementsThatMayStart() {
        assertThat(syntaxError("SELEC * FROM t")).contains("line 1, column 1", "unexpected \"SELEC\"",
                "did you mean SELECT?", "Expected one of: SELECT, INSERT, UPDATE, DELETE");
        assertThat(syntaxError("UPDTE t SET v = 'a'")).contains("did you mean UPDATE?");
    }

    @Test
    public void aMistypedKeywordTakenForANameIsNamedWithTheKeywordMeant() {
        assertThat(syntaxError("SELECT * FORM t")).contains("line 1, column 15", "unexpected \"t\"",
                "did you mean FROM instead of \"FORM\"?", "Expected one of: FROM");
        assertThat(syntaxError("SELECT id\nFROM t\nWERE id = 1")).contains("line 3, column 6",
                "did you mean WHERE instead of \"WERE\"?", "WHERE");
    }

    @Test
    public void aMistypedKeywordInsideAStatementIsNamedWithTheKeywordMeant() {
        assertThat(syntaxError("CREATE TABEL u (id INTEGER PRIMARY KEY)")).contains("line 1, column 8",
                "unexpected \"TABEL\"", "did you mean TABLE?", "TABLE", "INDEX", "VIEW", "SEQUENCE");
    }

    @Test
    public void aStatementThatEndsTooEarlySaysSoAndWhatMayFollow() {
        assertThat(syntaxError("SELECT * FROM t WHERE")).contains("line 1, column 21", "unexpected end of statement",
                "Expected one of: ", "a name", ", ...").doesNotContain("did you mean");
        assertThat(syntaxError("DELETE t")).endsWith("unexpected \"t\". Expected FROM");
    }

    @Test
    public void aMistypedSecondKeywordOfATransactionStatementIsNamedWithTheKeywordMeant() throws SQLException {
        assertThat(syntaxError("START TRANSACTON")).contains("line 1, column 7", "unexpected \"TRANSACTON\"",
                "did you mean TRANSACTION?");
        assertThat(syntaxError("BEGIN TRANSACTON")).contains("line 1, column 7", "unexpected \"TRANSACTON\"",
                "did you mean TRANSACTION?");
        assertThat(syntaxError("BEGIN WROK")).contains("did you mean WORK?");
        assertThat(syntaxError("START TRANSACTION ISOLATION LEVLE SERIALIZABLE")).contains("did you mean LEVEL?");
        assertThat(syntaxError("SET TRANSACTON ISOLATION LEVEL SERIALIZABLE")).contains("line 1, column 16",
                "did you mean TRANSACTION instead of \"TRANSACTON\"?");
        exec("BEGIN");
        assertThat(syntaxError("ROLLBACK TO SAVEPINT s")).contains("did you mean SAVEPOINT instead of \"SAVEPINT\"?");
        exec("ROLLBACK");
        assertThat(conn.getAutoCommit()).isTrue();
    }

    @Test
    public void valueForValuesIsAcceptedAsMySqlSpellsIt() throws SQLException {
        exec("INSERT INTO t VALUE (1, 'a')");
        exec("INSERT INTO t (id, v) VALUE (2, 'b'), (3, 'c')");
        assertThat(rows("SELECT id, v FROM t ORDER BY id")).containsExactly("1:a", "2:b", "3:c");
    }

    @Test
    public void whatOtherDatabasesWriteBesidesValueStillRuns() throws SQLException {
        exec("INSERT INTO t VALUES (1, 'a'), (2, 'b'), (3, 'c')");
        assertThat(rows("SELECT id FROM t WHERE id != 2 AND id % 2 = 1 ORDER BY id LIMIT 1, 1")).containsExactly("3");
        assertThat(rows("SELECT v AS w, COUNT(*) FROM t GROUP BY w HAVING w <> 'a' ORDER BY 1")).containsExactly(
                "b:1", "c:1");
        assertThat(rows("SELECT id FROM t MINUS SELECT id FROM t WHERE id > 1")).containsExactly("1");
    }
}
