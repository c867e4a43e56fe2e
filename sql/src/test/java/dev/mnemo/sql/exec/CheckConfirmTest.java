package dev.mnemo.sql.exec;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.sql.SqlError;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A write learns its table's checks from the table's mark, then writes its rows, which are stored under the table's
 * version at the write: a check added in between (here, while the statement compiles the checks it learnt) would let
 * a row skip it. The statement then fails with 40001 and writes nothing, and run again meets the new check.
 */
class CheckConfirmTest {
    @Test
    void aCheckAddedBetweenLearningTheChecksAndWritingFailsTheStatementWith40001AndWritesNothing() {
        try (Mnemo db = Mnemo.open(MnemoConfig.builder().build())) {
            Runnable[] duringCompile = {null};
            SqlDatabase sql = new SqlDatabase(db, 16, SqlDatabase.CASE_WHEN_BRANCHES_DEFAULT, (schema, check) -> {
                Runnable hook = duringCompile[0];
                duringCompile[0] = null;
                if (hook != null) {
                    hook.run();
                }
                return CheckCompiler.compile(schema, check);
            });
            Session writer = new Session(sql);
            Session admin = new Session(sql);
            run(admin, "CREATE TABLE t (id BIGINT PRIMARY KEY, v INTEGER CONSTRAINT positive CHECK (v > 0))");
            int learnt = db.schema("T").version();
            // On a thread of its own: the writer's transaction is open on this one.
            duringCompile[0] = () -> onOtherThread(
                    () -> run(admin, "ALTER TABLE t ADD CONSTRAINT small CHECK (v < 10)"));
            assertThatThrownBy(() -> run(writer, "INSERT INTO t VALUES (1, 50)"))
                    .isInstanceOfSatisfying(SqlError.class, e -> {
                        assertThat(e.sqlState()).as(e.getMessage()).isEqualTo("40001");
                        assertThat(e.getMessage()).contains("checks of table T changed");
                    });
            assertThat(duringCompile[0]).as("the check was added in the window").isNull();
            assertThat(db.schema("T").checks().version()).isGreaterThan(learnt);
            assertThat(db.size("T")).isZero();
            assertThatThrownBy(() -> run(writer, "INSERT INTO t VALUES (1, 50)"))
                    .isInstanceOfSatisfying(SqlError.class, e -> assertThat(e.getMessage()).contains("SMALL"));
            run(writer, "INSERT INTO t VALUES (1, 5)");
            assertThat(rows(writer, "SELECT v FROM t")).containsExactly("5");
        }
    }

    private static void onOtherThread(Runnable r) {
        CompletableFuture.runAsync(r, task -> new Thread(task).start()).join();
    }

    private static List<Object[]> run(Session session, String sql) {
        return session.execute(session.database().prepare(sql), new Object[0], 0).rows();
    }

    private static List<String> rows(Session session, String sql) {
        return run(session, sql).stream().map(r -> String.valueOf(r[0])).toList();
    }
}
