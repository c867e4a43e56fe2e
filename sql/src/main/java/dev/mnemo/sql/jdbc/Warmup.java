package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.sql.exec.CompiledStatement;
import dev.mnemo.sql.exec.Session;
import dev.mnemo.sql.exec.SqlDatabase;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Plans, compiles and runs a few representative statements on a scratch database so that the JVM's first
 * real statement does not pay for loading Calcite and Janino (over a second). Runs once per JVM, in the
 * background; a statement that arrives meanwhile just shares the class loading.
 */
final class Warmup {
    private static final CompletableFuture<Void> DONE = new CompletableFuture<>();
    private static volatile Thread thread;

    private Warmup() {
    }

    /** Starts the warm-up unless it has started or is turned off; the stage completes when it is over. */
    static synchronized CompletionStage<Void> start() {
        if (thread == null && Boolean.getBoolean("mnemo.sql.noWarmup")) {
            return CompletableFuture.completedFuture(null);
        }
        if (thread == null) {
            thread = new Thread(() -> {
                try {
                    run();
                } finally {
                    DONE.complete(null);
                }
            }, "mnemo-sql-warmup");
            thread.setDaemon(true);
            thread.start();
        }
        return DONE.minimalCompletionStage();
    }

    /** Waits for the warm-up to finish (benchmarks call this before measuring). */
    static void await() throws InterruptedException {
        Thread t = thread;
        if (t != null) {
            t.join();
        }
    }

    private static void run() {
        try (Mnemo db = Mnemo.inMemory()) {
            SqlDatabase sql = new SqlDatabase(db, 16);
            Session s = new Session(sql);
            String[] statements = {
                "CREATE TABLE warm (id BIGINT PRIMARY KEY, name VARCHAR(20), n INTEGER)",
                "CREATE INDEX warm_name ON warm (name)",
                "INSERT INTO warm VALUES (1, 'a', 1), (2, 'b', 2)",
                "UPDATE warm SET n = n + 1 WHERE id = 1",
                "SELECT name, COUNT(*) FROM warm WHERE n > 0 GROUP BY name ORDER BY name",
                "SELECT w.id FROM warm w JOIN warm v ON w.id = v.id WHERE w.name = 'a'",
                "DELETE FROM warm WHERE id = 2",
            };
            for (String text : statements) {
                s.execute(sql.prepare(text), new Object[0], 0);
            }
            CompiledStatement point = sql.prepare("SELECT * FROM warm WHERE id = ?");
            s.execute(point, new Object[] {1L}, 0);
        } catch (RuntimeException | LinkageError e) {
            // A failed warm-up only means the first real statement is slow; it will report any real problem.
        }
    }
}
