package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code DEFAULT NEXT VALUE FOR s} and PostgreSQL's {@code DEFAULT nextval('s')}: every row that takes the default
 * draws the sequence's next value, as NEXT VALUE FOR in the statement would; the sequence must exist and the column
 * hold its values; it is not dropped while a default draws from it. Once per driver.
 */
public abstract class SequenceDefaultContract extends ConnectedContract {
    protected SequenceDefaultContract(JdbcFixture fixture) {
        super(fixture);
    }

    @Test
    public void everyRowThatTakesTheDefaultDrawsTheNextValue() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 100 INCREMENT BY 10");
        exec("CREATE TABLE a (id BIGINT DEFAULT NEXT VALUE FOR s PRIMARY KEY, v INT)");
        exec("INSERT INTO a (v) VALUES (1)");
        exec("INSERT INTO a (v) VALUES (2), (3)");
        exec("INSERT INTO a VALUES (DEFAULT, 4)");
        exec("INSERT INTO a (id, v) VALUES (5, 5)");
        assertThat(rows("SELECT id, v FROM a ORDER BY v")).containsExactly("100:1", "110:2", "120:3", "130:4", "5:5");
        exec("INSERT INTO a (v) SELECT v + 10 FROM a WHERE v < 3");
        assertThat(rows("SELECT id FROM a WHERE v > 10 ORDER BY id")).containsExactly("140", "150");
        assertThat(rows("SELECT NEXT VALUE FOR s")).as("the default and the statement share the sequence")
                .containsExactly("160");
    }

    @Test
    public void nextvalOfTheSequencesNameIsTheSameDefault() throws SQLException {
        exec("CREATE SEQUENCE s AS INTEGER START WITH 7");
        exec("CREATE SEQUENCE \"lower\" AS INTEGER START WITH 50");
        exec("CREATE TABLE b (id INT DEFAULT nextval('s') PRIMARY KEY, v INT, w INTEGER DEFAULT NEXTVAL('\"lower\"'))");
        exec("INSERT INTO b (v) VALUES (1), (2)");
        assertThat(rows("SELECT id, v, w FROM b ORDER BY v")).containsExactly("7:1:50", "8:2:51");
        exec("CREATE TABLE c (id INT DEFAULT nextval('mnemo.s') PRIMARY KEY)");
        exec("INSERT INTO c VALUES (DEFAULT)");
        assertThat(rows("SELECT id FROM c")).containsExactly("9");
        assertThat(rows("SELECT COLUMN_NAME, COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = 'B' ORDER BY ORDINAL_POSITION"))
                .as("a sequence's name is upper case however it was made")
                .containsExactly("ID:NEXT VALUE FOR S", "V:null", "W:NEXT VALUE FOR LOWER");
    }

    @Test
    public void nextvalOfATextCastToRegclassAsPgDumpWritesItIsTheSameDefault() throws SQLException {
        exec("CREATE SEQUENCE public_t_id_seq AS INTEGER START WITH 3");
        exec("CREATE TABLE t (id INTEGER DEFAULT nextval('public_t_id_seq'::regclass) NOT NULL PRIMARY KEY, v INT)");
        exec("CREATE TABLE u (id INTEGER PRIMARY KEY, w BIGINT)");
        exec("ALTER TABLE u ALTER COLUMN w SET DEFAULT nextval('PUBLIC_T_ID_SEQ'::REGCLASS)");
        exec("INSERT INTO t (v) VALUES (1), (2)");
        exec("INSERT INTO u (id) VALUES (1)");
        assertThat(rows("SELECT id, v FROM t ORDER BY v")).containsExactly("3:1", "4:2");
        assertThat(rows("SELECT w FROM u")).containsExactly("5");
        assertThat(rows("SELECT COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = 'T' AND COLUMN_NAME = 'ID'")).containsExactly("NEXT VALUE FOR PUBLIC_T_ID_SEQ");
        failsWith("CREATE TABLE bad (id BIGINT DEFAULT nextval('public_t_id_seq'::text))", "42000", "regclass");
    }

    @Test
    public void nextvalInAQueryDrawsAsNextValueFor() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 10");
        assertThat(rows("SELECT nextval('s')")).containsExactly("10");
        assertThat(rows("SELECT nextval('s'::regclass), NEXTVAL('mnemo.s'::regclass)"))
                .as("one value a row, as NEXT VALUE FOR twice").containsExactly("11:11");
        exec("CREATE TABLE t (id BIGINT PRIMARY KEY, v INT)");
        exec("INSERT INTO t VALUES (nextval('s'::regclass), 1), (nextval('s'), 2)");
        assertThat(rows("SELECT id FROM t ORDER BY v")).containsExactly("12", "13");
        failsWith("SELECT nextval('nosuch'::regclass)", "42000", "NOSUCH");
    }

    @Test
    public void aDoubleColonCastsAsCastDoes() throws SQLException {
        assertThat(rows("SELECT '5'::INTEGER * 2, -'7'::BIGINT, 1 + 2::DECIMAL(3, 1),"
                + " CAST('x' AS VARCHAR(3))::CHAR(2)")).containsExactly("10:-7:3.0:x ");
        assertThat(rows("SELECT 'abc'::VARCHAR(2)::CHAR(3) || '|'")).containsExactly("ab |");
        failsWith("SELECT 'x'::INTEGER", "22018", "x");
    }

    @Test
    public void mergeInsertsAndUpdateSetDefaultDrawToo() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 1");
        exec("CREATE TABLE t (n INT PRIMARY KEY, seq BIGINT DEFAULT NEXT VALUE FOR s)");
        exec("INSERT INTO t (n) VALUES (1)");
        exec("MERGE INTO t USING (VALUES (1), (2), (3)) AS src (n) ON t.n = src.n"
                + " WHEN NOT MATCHED THEN INSERT (n) VALUES (src.n)");
        assertThat(rows("SELECT seq FROM t WHERE n = 1")).containsExactly("1");
        assertThat(rows("SELECT seq FROM t WHERE n > 1 ORDER BY seq")).containsExactly("2", "3");
        exec("UPDATE t SET seq = DEFAULT WHERE n = 1");
        assertThat(rows("SELECT seq FROM t WHERE n = 1")).containsExactly("4");
        exec("MERGE INTO t USING (VALUES (2)) AS src (n) ON t.n = src.n WHEN MATCHED THEN UPDATE SET seq = DEFAULT");
        assertThat(rows("SELECT n, seq FROM t ORDER BY n")).containsExactly("1:4", "2:5", "3:3");
    }

    @Test
    public void alterTableAddsSetsAndDropsTheDefault() throws SQLException {
        exec("CREATE SEQUENCE s");
        exec("CREATE TABLE t (n INT PRIMARY KEY, m BIGINT)");
        exec("INSERT INTO t (n) VALUES (1)");
        exec("ALTER TABLE t ALTER COLUMN m SET DEFAULT NEXT VALUE FOR s");
        exec("INSERT INTO t (n) VALUES (2), (3)");
        exec("ALTER TABLE t ALTER COLUMN m DROP DEFAULT");
        exec("INSERT INTO t (n) VALUES (4)");
        exec("ALTER TABLE t ALTER m SET DEFAULT nextval('s')");
        exec("INSERT INTO t (n) VALUES (5)");
        assertThat(rows("SELECT n, m FROM t ORDER BY n")).containsExactly("1:null", "2:1", "3:2", "4:null", "5:3");
        exec("CREATE TABLE e (n INT PRIMARY KEY)");
        exec("ALTER TABLE e ADD COLUMN id BIGINT NOT NULL DEFAULT NEXT VALUE FOR s");
        exec("INSERT INTO e (n) VALUES (1), (2)");
        assertThat(rows("SELECT n, id FROM e ORDER BY n")).containsExactly("1:4", "2:5");
    }

    @Test
    public void aColumnWithTheDefaultIsAddedToATableWithRowsOnlyAsTheErrorSays() throws SQLException {
        exec("CREATE SEQUENCE s");
        exec("CREATE TABLE t (n INT PRIMARY KEY)");
        exec("INSERT INTO t VALUES (1), (2)");
        failsWith("ALTER TABLE t ADD COLUMN id BIGINT DEFAULT NEXT VALUE FOR s", "0A000", "ID", "has rows",
                "UPDATE ... SET ID = NEXT VALUE FOR S", "ALTER COLUMN ID SET DEFAULT NEXT VALUE FOR S");
        assertThat(rows("SELECT * FROM t ORDER BY n")).containsExactly("1", "2");
        exec("ALTER TABLE t ADD COLUMN id BIGINT");
        exec("UPDATE t SET id = NEXT VALUE FOR s");
        exec("ALTER TABLE t ALTER COLUMN id SET DEFAULT NEXT VALUE FOR s");
        exec("INSERT INTO t (n) VALUES (3)");
        assertThat(rows("SELECT COUNT(DISTINCT id), MAX(id) FROM t")).containsExactly("3:3");
    }

    @Test
    public void theSequenceMustExistAndTheColumnHoldItsValues() throws SQLException {
        failsWith("CREATE TABLE bad (id BIGINT DEFAULT NEXT VALUE FOR nosuch PRIMARY KEY)", "42000", "NOSUCH",
                "does not exist");
        failsWith("CREATE TABLE bad (id BIGINT DEFAULT nextval('nosuch') PRIMARY KEY)", "42000", "NOSUCH");
        exec("CREATE SEQUENCE big");
        exec("CREATE SEQUENCE small AS SMALLINT");
        failsWith("CREATE TABLE bad (id VARCHAR(20) DEFAULT NEXT VALUE FOR big PRIMARY KEY)", "42804", "ID",
                "VARCHAR");
        failsWith("CREATE TABLE bad (id INT DEFAULT NEXT VALUE FOR big PRIMARY KEY)", "42804", "ID", "INTEGER",
                "9223372036854775807");
        failsWith("CREATE TABLE bad (id TINYINT DEFAULT NEXT VALUE FOR small PRIMARY KEY)", "42804", "TINYINT");
        failsWith("CREATE TABLE bad (id BIGINT DEFAULT CURRENT VALUE FOR big PRIMARY KEY)", "0A000",
                "CURRENT VALUE FOR");
        failsWith("CREATE TABLE bad (id BIGINT GENERATED ALWAYS AS IDENTITY DEFAULT NEXT VALUE FOR big)", "42000",
                "identity");
        assertThat(rows("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'BAD'"))
                .containsExactly("0");
        exec("CREATE TABLE t (n INT PRIMARY KEY, i INT, d DECIMAL(5, 0), x BIGINT DEFAULT NEXT VALUE FOR big)");
        exec("ALTER TABLE t ALTER COLUMN i SET DEFAULT NEXT VALUE FOR small");
        exec("ALTER TABLE t ALTER COLUMN d SET DEFAULT NEXT VALUE FOR small");
        failsWith("ALTER TABLE t ALTER COLUMN n SET DEFAULT NEXT VALUE FOR nosuch", "42000", "NOSUCH");
        failsWith("ALTER TABLE t ADD COLUMN y INT DEFAULT NEXT VALUE FOR big", "42804", "Y");
        failsWith("ALTER TABLE t ALTER COLUMN x SET DATA TYPE INT", "42804", "X", "INTEGER");
        failsWith("ALTER TABLE t ALTER COLUMN i SET DATA TYPE VARCHAR(10)", "42804", "I");
        exec("INSERT INTO t (n) VALUES (1)");
        // As NEXT VALUE FOR written twice in one row (SQL's rule): two defaults of one sequence take one value.
        assertThat(rows("SELECT i, d, x FROM t")).containsExactly("1:1:1");
    }

    @Test
    public void aValueBeyondTheColumnsTypeAfterAlterSequenceFailsAtTheWrite() throws SQLException {
        exec("CREATE SEQUENCE s START WITH 32767 MAXVALUE 32767");
        exec("CREATE TABLE t (n INT PRIMARY KEY, m SMALLINT DEFAULT NEXT VALUE FOR s)");
        exec("INSERT INTO t (n) VALUES (1)");
        exec("ALTER SEQUENCE s MAXVALUE 40000");
        failsWith("INSERT INTO t (n) VALUES (2)", "22003", "sequence S gave 32768", "column T.M", "SMALLINT",
                "ALTER SEQUENCE");
        // A value given for the column is judged as any value is: the sequence is not named.
        failsWith("INSERT INTO t VALUES (3, 40000)", "22003", "40000", "column M");
        exec("ALTER SEQUENCE s INCREMENT BY -1 MINVALUE -40000 RESTART WITH -32769");
        failsWith("INSERT INTO t (n) VALUES (4)", "22003", "sequence S gave -32769", "column T.M");
        exec("ALTER SEQUENCE s RESTART WITH 5");
        exec("INSERT INTO t (n) VALUES (5)");
        assertThat(rows("SELECT n, m FROM t ORDER BY n")).containsExactly("1:32767", "5:5");
    }

    @Test
    public void theSequenceIsNotDroppedWhileADefaultDrawsFromIt() throws SQLException {
        exec("CREATE SEQUENCE s");
        exec("CREATE TABLE t (n INT PRIMARY KEY, m BIGINT DEFAULT NEXT VALUE FOR s)");
        failsWith("DROP SEQUENCE s", "2BP01", "S", "column M", "table T", "DROP DEFAULT");
        failsWith("DROP SEQUENCE IF EXISTS s", "2BP01", "column M");
        exec("ALTER TABLE t RENAME TO u");
        exec("ALTER TABLE u RENAME COLUMN m TO k");
        exec("INSERT INTO u (n) VALUES (1)");
        assertThat(rows("SELECT k FROM u")).as("the default follows the renames").containsExactly("1");
        failsWith("DROP SEQUENCE s", "2BP01", "column K", "table U");
        exec("ALTER TABLE u ALTER COLUMN k DROP DEFAULT");
        exec("DROP SEQUENCE s");
        exec("CREATE SEQUENCE s");
        exec("CREATE TABLE v (id BIGINT PRIMARY KEY DEFAULT NEXT VALUE FOR s)");
        failsWith("DROP SEQUENCE s", "2BP01", "table V");
        exec("DROP TABLE v");
        exec("DROP SEQUENCE s");
        assertThat(rows("SELECT COUNT(*) FROM INFORMATION_SCHEMA.SEQUENCES WHERE SEQUENCE_NAME = 'S'"))
                .containsExactly("0");
    }

    @Test
    public void columnDefAndTheInformationSchemaNameTheDefault() throws SQLException {
        exec("CREATE SEQUENCE s");
        exec("CREATE TABLE a (id BIGINT DEFAULT NEXT VALUE FOR s PRIMARY KEY,"
                + " made TIMESTAMP DEFAULT CURRENT_TIMESTAMP)");
        List<String> defaults = new ArrayList<>();
        try (ResultSet c = conn.getMetaData().getColumns(null, null, "A", null)) {
            while (c.next()) {
                defaults.add(c.getString("COLUMN_NAME") + "=" + c.getString("COLUMN_DEF"));
            }
        }
        assertThat(defaults).containsExactly("ID=NEXT VALUE FOR S", "MADE=CURRENT_TIMESTAMP");
        assertThat(rows("SELECT COLUMN_NAME, COLUMN_DEFAULT FROM INFORMATION_SCHEMA.COLUMNS"
                + " WHERE TABLE_NAME = 'A' ORDER BY ORDINAL_POSITION"))
                .containsExactly("ID:NEXT VALUE FOR S", "MADE:CURRENT_TIMESTAMP");
    }
}
