package dev.mnemo.server.shell;

import dev.mnemo.server.Cli;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SqlCommandTest {
    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    @Test
    void runsStatementsGivenWithDashEAndPrintsTheirResults() {
        CliRun r = run("sql", "jdbc:mnemo:mem:shell_ok", "--outputformat=csv",
                "-e", "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(10))",
                "-e", "INSERT INTO t VALUES (1, 'a'), (2, 'b')",
                "-e", "SELECT id, name FROM t ORDER BY id DESC");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("'ID','NAME'", "'2','b'", "'1','a'");
    }

    @Test
    void aShellCommandGivenWithDashERunsAsTheShellRunsIt() {
        CliRun r = run("sql", "jdbc:mnemo:mem:shell_commands", "--outputformat=csv",
                "-e", "CREATE TABLE listed (id BIGINT PRIMARY KEY)", "-e", "!tables", "-e", "!primarykeys LISTED");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("'LISTED','TABLE'", "'LISTED','ID','1','LISTED_PK'")
                .doesNotContain("Unknown command");
    }

    @Test
    void aTablePrintsEveryNullAsNullWhateverTheColumnsType() {
        CliRun r = run("sql", "jdbc:mnemo:mem:shell_nulls",
                "-e", "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(5), d DATE, n INT)",
                "-e", "INSERT INTO t VALUES (1, NULL, NULL, NULL)",
                "-e", "SELECT s, d, n FROM t");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).containsPattern("\\| NULL +\\| NULL +\\| NULL +\\|");
    }

    @Test
    void timestampsWithTimeZonePrintAsTimestampsDoWithTheirOffset() {
        CliRun r = run("sql", "jdbc:mnemo:mem:shell_instants", "--outputformat=csv",
                "-e", "CREATE TABLE t (id INT PRIMARY KEY, ts TIMESTAMP(3) WITH TIME ZONE, "
                        + "ts0 TIMESTAMP(0) WITH TIME ZONE)",
                "-e", "INSERT INTO t VALUES (1, TIMESTAMP WITH TIME ZONE '2026-12-03 20:00:00+02:00', "
                        + "TIMESTAMP WITH TIME ZONE '2026-12-03 20:00:00+02:00'),"
                        + " (2, TIMESTAMP WITH TIME ZONE '2026-12-03 18:00:00.25Z', TIMESTAMP WITH TIME ZONE "
                        + "'2026-12-03 18:00:00.75Z')",
                "-e", "SELECT id, ts, ts0 FROM t ORDER BY id");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("'1','2026-12-03 18:00:00+00:00','2026-12-03 18:00:00+00:00'",
                "'2','2026-12-03 18:00:00.25+00:00','2026-12-03 18:00:01+00:00'");
    }

    @Test
    void timesAndTimestampsPrintAsTheirLiteralsDoWithoutATrailingPointZero() {
        CliRun r = run("sql", "jdbc:mnemo:mem:shell_datetimes", "--outputformat=csv",
                "-e", "CREATE TABLE t (id INT PRIMARY KEY, ts TIMESTAMP, tm TIME)",
                "-e", "INSERT INTO t VALUES (1, TIMESTAMP '2024-02-29 12:00:00', TIME '08:00:00.25'),"
                        + " (2, TIMESTAMP '2024-02-29 12:00:00.5', TIME '08:00:00')",
                "-e", "SELECT id, ts, tm FROM t ORDER BY id");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("'1','2024-02-29 12:00:00','08:00:00.25'",
                "'2','2024-02-29 12:00:00.5','08:00:00'");
    }

    @Test
    void theShellAsksEitherDriverForDatetimesThatPrintAsTheirText() {
        assertThat(SqlCommand.withDatetimeText("jdbc:mnemo:mem:a")).isEqualTo("jdbc:mnemo:mem:a;datetimeText=true");
        assertThat(SqlCommand.withDatetimeText("jdbc:mnemo:mem:a;dataDir=/d"))
                .isEqualTo("jdbc:mnemo:mem:a;dataDir=/d;datetimeText=true");
        assertThat(SqlCommand.withDatetimeText("jdbc:mnemo://h:1,h:2"))
                .isEqualTo("jdbc:mnemo://h:1,h:2/?datetimeText=true");
        assertThat(SqlCommand.withDatetimeText("jdbc:mnemo://h:1/")).isEqualTo("jdbc:mnemo://h:1/?datetimeText=true");
        assertThat(SqlCommand.withDatetimeText("jdbc:mnemo://h:1/?cookie=c"))
                .isEqualTo("jdbc:mnemo://h:1/?cookie=c&datetimeText=true");
        assertThat(SqlCommand.withDatetimeText("jdbc:mnemo://h:1;cookie=c"))
                .isEqualTo("jdbc:mnemo://h:1;cookie=c&datetimeText=true");
        assertThat(SqlCommand.withDatetimeText("jdbc:mnemo:mem:a;datetimeText=false"))
                .isEqualTo("jdbc:mnemo:mem:a;datetimeText=false");
        assertThat(SqlCommand.withDatetimeText("jdbc:h2:mem:x")).isEqualTo("jdbc:h2:mem:x");
    }

    @Test
    void jsonKeepsItsOwnNull() {
        CliRun r = run("sql", "jdbc:mnemo:mem:shell_json_nulls", "--outputformat=json",
                "-e", "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(5), n INT)",
                "-e", "INSERT INTO t VALUES (1, NULL, NULL)",
                "-e", "SELECT s, n FROM t");
        assertThat(r.exit()).as(r.out()).isZero();
        assertThat(r.out()).contains("\"S\":null", "\"N\":null");
    }

    @Test
    void aFailingStatementExitsNonZeroAndReportsItsSqlState() {
        CliRun r = run("sql", "jdbc:mnemo:mem:shell_bad", "-e", "SELECT * FROM no_such_table");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("42S02");
    }

    @Test
    void aMistypedKeywordIsReportedOnOneLineWithTheKeywordMeant() {
        CliRun r = run("sql", "jdbc:mnemo:mem:shell_typo", "-e", "CREATE TABLE t (id INT PRIMARY KEY)",
                "-e", "SELECT * FORM t");
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("42601", "line 1, column 15", "did you mean FROM instead of \"FORM\"?")
                .doesNotContain("Was expecting").doesNotContain("\tat ");
    }

    @Test
    void theFirstFailingStatementEndsTheRunWithOneLineAndStatusOne() {
        CliRun r = run("sql", "jdbc:mnemo:mem:shell_stop", "--outputformat=csv",
                "-e", "CREATE TABLE t (id BIGINT PRIMARY KEY)",
                "-e", "INSERT INTO nowhere VALUES (1)",
                "-e", "SELECT 'after' AS later FROM t");
        assertThat(r.exit()).as(r.out()).isEqualTo(1);
        assertThat(r.out()).contains("42S02").doesNotContain("LATER").doesNotContain("\tat ");
    }

    @Test
    void aOneShotRunInAFreshProcessWritesNothingToStderr(@TempDir Path dir) throws Exception {
        // No terminal, as in a script: the case where terminal and logging libraries have most to say.
        Path out = dir.resolve("out");
        Path err = dir.resolve("err");
        Process p = new ProcessBuilder(Cli.inOwnJvm("sql", "jdbc:mnemo:mem:quiet", "--outputformat=csv",
                "-e", "CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(10))",
                "-e", "INSERT INTO t VALUES (1, 'a')", "-e", "SELECT id, name FROM t"))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        p.getOutputStream().close();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(Files.readString(err)).isZero();
        assertThat(Files.readString(out)).contains("'1','a'");
        assertThat(Files.readString(err)).isEmpty();
    }

    @Test
    void aScriptOnStandardInputRunsEveryStatementAsDashFWouldEvenWithBracketsInsideQuotes(@TempDir Path dir)
            throws Exception {
        // sqlline's reader of a piped input took a '(' inside quotes as unclosed, and ended the run there silently.
        Path script = dir.resolve("script.sql");
        Files.writeString(script, "CREATE TABLE t (id INT PRIMARY KEY, s VARCHAR(10));\n"
                + "INSERT INTO t VALUES (1, 'a(b'),\n  (2, ':-)');\nSELECT id, s FROM t ORDER BY id;\n"
                + "SELECT * FROM nowhere;\nSELECT 'after' AS later;\n");
        Process p = new ProcessBuilder(Cli.inOwnJvm("sql", "jdbc:mnemo:mem:piped", "--outputformat=csv"))
                .redirectInput(script.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("'1','a(b'", "'2',':-)'", "42S02").doesNotContain("LATER");
    }

    @Test
    void aPipedScriptOpensATransactionWithBeginAndItsRollbackLeavesNothing(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("script.sql");
        Files.writeString(script, "CREATE TABLE t (id INT PRIMARY KEY);\nINSERT INTO t VALUES (1);\nBEGIN;\n"
                + "INSERT INTO t VALUES (2);\nDELETE FROM t WHERE id = 1;\nSELECT COUNT(*) AS inside FROM t;\n"
                + "ROLLBACK;\nSELECT id AS kept FROM t;\nBEGIN;\nINSERT INTO t VALUES (3);\nCOMMIT;\n"
                + "SELECT COUNT(*) AS after_commit FROM t;\n");
        Process p = new ProcessBuilder(Cli.inOwnJvm("sql", "jdbc:mnemo:mem:piped_begin", "--outputformat=csv"))
                .redirectInput(script.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out.replaceAll("\\s+", " ")).contains("'INSIDE' '1'", "'KEPT' '1'", "'AFTER_COMMIT' '2'");
    }

    @Test
    void inAFreshProcessAFailingStatementIsOneLineWithoutAStackTrace() throws Exception {
        // A process of its own: sqlline prints stack traces until its first shell has been set up in the JVM.
        Process p = new ProcessBuilder(Cli.inOwnJvm("sql", "jdbc:mnemo:mem:fresh", "-e", "SELECT * FROM nowhere",
                "-e", "SELECT 'after' AS later")).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isEqualTo(1);
        assertThat(out).contains("42S02").doesNotContain("\tat ").doesNotContain("LATER");
    }
}
