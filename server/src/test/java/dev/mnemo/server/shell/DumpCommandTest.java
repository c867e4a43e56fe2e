package dev.mnemo.server.shell;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code mnemo dump} writes a database to a file that {@code mnemo sql -f} loads into another. */
class DumpCommandTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void aDumpWrittenToAFileLoadsIntoAnotherDatabase(@TempDir Path dir) throws Exception {
        CliRun made = run("sql", "jdbc:mnemo:mem:dump_from",
                "-e", "CREATE SEQUENCE s START WITH 5",
                "-e", "CREATE TABLE t (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, note VARCHAR(20))",
                "-e", "INSERT INTO t (note) VALUES ('one; two'), ('it''s'), (NULL)",
                "-e", "SELECT NEXT VALUE FOR s FROM (VALUES 1)");
        assertThat(made.exit()).as(made.out()).isZero();
        Path file = dir.resolve("dump.sql");
        CliRun dumped = run("dump", "jdbc:mnemo:mem:dump_from", "--out", file.toString());
        assertThat(dumped.exit()).as(dumped.out()).isZero();
        // The sequence and the identity are each made as declared, then restarted where the first database is.
        assertThat(Files.readAllLines(file)).hasSize(5).allMatch(line -> line.endsWith(";"));

        CliRun loaded = run("sql", "jdbc:mnemo:mem:dump_to", "-f", file.toString());
        assertThat(loaded.exit()).as(loaded.out()).isZero();
        CliRun read = run("sql", "jdbc:mnemo:mem:dump_to", "--outputformat=csv",
                "-e", "INSERT INTO t (note) VALUES ('after')",
                "-e", "SELECT id, note, NEXT VALUE FOR s AS n FROM t ORDER BY id");
        assertThat(read.exit()).as(read.out()).isZero();
        // The identity and the sequence go on after the blocks of 32 the first database reserved (1 to 32, 5 to 36).
        assertThat(read.out()).contains("'1','one; two','", "'2','it''s','", "'3','','", "'33','after','");
        assertThat(read.out().lines().skip(1).map(l -> l.substring(l.lastIndexOf(',') + 1)).sorted())
                .containsExactly("'37'", "'38'", "'39'", "'40'");
    }

    @Test
    void aDumpOfATableWhoseDefaultDrawsFromASequenceMakesTheSequenceFirstAndLoads(@TempDir Path dir)
            throws Exception {
        CliRun made = run("sql", "jdbc:mnemo:mem:dump_seqdef_from",
                "-e", "CREATE SEQUENCE z START WITH 100",
                "-e", "CREATE TABLE a (id BIGINT DEFAULT NEXT VALUE FOR z PRIMARY KEY, note VARCHAR(20))",
                "-e", "INSERT INTO a (note) VALUES ('one'), ('two')");
        assertThat(made.exit()).as(made.out()).isZero();
        Path file = dir.resolve("dump.sql");
        CliRun dumped = run("dump", "jdbc:mnemo:mem:dump_seqdef_from", "--table", "A", "--out", file.toString());
        assertThat(dumped.exit()).as(dumped.out()).isZero();
        assertThat(Files.readAllLines(file).get(0)).startsWith("CREATE SEQUENCE \"Z\"");

        CliRun loaded = run("sql", "jdbc:mnemo:mem:dump_seqdef_to", "-f", file.toString());
        assertThat(loaded.exit()).as(loaded.out()).isZero();
        CliRun read = run("sql", "jdbc:mnemo:mem:dump_seqdef_to", "--outputformat=csv",
                "-e", "INSERT INTO a (note) VALUES ('after')",
                "-e", "SELECT id, note FROM a ORDER BY id");
        assertThat(read.exit()).as(read.out()).isZero();
        // The loaded sequence goes on after the block of 32 the first database reserved (100 to 131).
        assertThat(read.out()).contains("'100','one'", "'101','two'", "'132','after'");
    }

    @Test
    void anUnknownTableFailsWithItsSqlStateAndStatusOne(@TempDir Path dir) {
        CliRun r = run("dump", "jdbc:mnemo:mem:dump_none", "--table", "nope", "--out", dir.resolve("x").toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("42S02", "NOPE");
    }
}
