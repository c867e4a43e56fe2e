package dev.mnemo.sql.exec;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * The checks of a table whose rows a foreign key's action may rewrite are compiled ahead, off the applier's thread,
 * when a new version of the table applies: the action's apply then judges its rows with them, without a compile of
 * its own, and gives the verdict a compile there would; a write under that version judges with them too.
 */
class CheckCompileAheadTest {
    private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Test
    void anActionsApplyJudgesWithChecksCompiledAheadOnAnotherThread() {
        try (Mnemo db = Mnemo.open(MnemoConfig.builder().build())) {
            List<String> compiledOn = new CopyOnWriteArrayList<>();
            Session s = new Session(counting(db, compiledOn));
            parentAndChild(s, "q INTEGER");
            awaitAhead(compiledOn, 1);
            run(s, "INSERT INTO parent VALUES (1), (2)");
            run(s, "INSERT INTO child VALUES (10, 1, 1)");
            compiledOn.clear();
            // A new version: the insert's checks no longer serve, and no write to the table compiles them again.
            run(s, "ALTER TABLE child ADD CONSTRAINT small CHECK (q < 10)");
            awaitAhead(compiledOn, 2);
            compiledOn.clear();
            SQLException refused = SqlErrors.toSqlException((RuntimeException) catchThrowable(
                    () -> run(s, "DELETE FROM parent WHERE id = 1")));
            assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("23514");
            assertThat(refused.getMessage()).contains("CHILD_P_CHECK");
            assertThat(compiledOn).as("compiles while the action applied").isEmpty();
            run(s, "DELETE FROM parent WHERE id = 2");
            assertThat(rows(s, "SELECT id FROM parent")).containsExactly("1");
        }
    }

    @Test
    void aWriteJudgesWithTheChecksCompiledAheadForTheVersionItWritesUnder() {
        try (Mnemo db = Mnemo.open(MnemoConfig.builder().build())) {
            List<String> compiledOn = new CopyOnWriteArrayList<>();
            Session s = new Session(counting(db, compiledOn));
            parentAndChild(s, "q INTEGER CHECK (q < 10)");
            awaitAhead(compiledOn, 2);
            compiledOn.clear();
            run(s, "INSERT INTO parent VALUES (1)");
            run(s, "INSERT INTO child VALUES (10, 1, 1)");
            SQLException refused = SqlErrors.toSqlException((RuntimeException) catchThrowable(
                    () -> run(s, "INSERT INTO child VALUES (11, 1, 10)")));
            assertThat(refused.getSQLState()).as(refused.getMessage()).isEqualTo("23514");
            assertThat(compiledOn).as("compiles by the writes").isEmpty();
            assertThat(rows(s, "SELECT id FROM child")).containsExactly("10");
        }
    }

    /** A parent and a child whose rows its ON DELETE SET NULL rewrites, with a check on that column, and {@code q}. */
    private static void parentAndChild(Session s, String q) {
        run(s, "CREATE TABLE parent (id INTEGER PRIMARY KEY)");
        run(s, "CREATE TABLE child (id INTEGER PRIMARY KEY, p INTEGER REFERENCES parent ON DELETE SET NULL "
                + "CHECK (p IS NOT NULL), " + q + ")");
    }

    /** SQL over {@code db} that adds to {@code compiledOn} where each check compiles: "statement" or "ahead". */
    private static SqlDatabase counting(Mnemo db, List<String> compiledOn) {
        Thread me = Thread.currentThread();
        return new SqlDatabase(db, 16, SqlDatabase.CASE_WHEN_BRANCHES_DEFAULT, (schema, check) -> {
            compiledOn.add(Thread.currentThread() == me ? "statement" : "ahead");
            return CheckCompiler.compile(schema, check);
        });
    }

    private static void awaitAhead(List<String> compiledOn, int ahead) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        while (count(compiledOn, "ahead") < ahead) {
            assertThat(System.nanoTime()).as("checks compiled ahead in time").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    private static int count(List<String> compiledOn, String where) {
        return (int) compiledOn.stream().filter(where::equals).count();
    }

    private static List<Object[]> run(Session session, String sql) {
        return session.execute(session.database().prepare(sql), new Object[0], 0).rows();
    }

    private static List<String> rows(Session session, String sql) {
        return run(session, sql).stream().map(r -> String.valueOf(r[0])).toList();
    }
}
