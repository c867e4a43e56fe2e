package dev.mnemo.sql.jdbc;

import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.exec.SqlDatabase;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * The databases embedded JDBC URLs name, one per name in the JVM: the first connection to
 * {@code jdbc:mnemo:mem:NAME} opens it, later ones share it, and it stays open until {@link #close} (or the
 * JVM ends) so that data outlives any one connection. An application's own {@link Mnemo} can be
 * {@link #register registered} under a name to reach it by URL.
 */
public final class Databases {
    private static final Map<String, Entry> OPEN = new HashMap<>();

    private record Entry(SqlDatabase database, boolean owned) {
    }

    private Databases() {
    }

    /**
     * The database named so, opened with {@code dataDir} (null: memory only) and these limits if it is not open yet
     * (a database already open keeps its own).
     */
    static synchronized SqlDatabase open(String name, Path dataDir, int planCacheStatements, int caseWhenBranches) {
        Entry e = OPEN.get(name);
        if (e != null) {
            return e.database();
        }
        MnemoConfig.Builder config = MnemoConfig.builder();
        if (dataDir != null) {
            config.dataDir(dataDir);
        }
        SqlDatabase db = new SqlDatabase(Mnemo.open(config.build()), planCacheStatements, caseWhenBranches);
        OPEN.put(name, new Entry(db, true));
        return db;
    }

    /** Makes an application's database reachable as {@code jdbc:mnemo:mem:NAME}; the caller still owns it. */
    public static synchronized void register(String name, Mnemo db) {
        if (OPEN.containsKey(name)) {
            throw new SqlError("08002", "a database named " + name + " is already open");
        }
        OPEN.put(name, new Entry(new SqlDatabase(db, SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT), false));
    }

    /** Forgets the name; closes the database too if a URL opened it. Connections to it fail from then on. */
    public static synchronized void close(String name) {
        Entry e = OPEN.remove(name);
        if (e != null && e.owned()) {
            e.database().db().close();
        }
    }

    /** The SQL layer of the database named so, or null. */
    public static synchronized SqlDatabase get(String name) {
        Entry e = OPEN.get(name);
        return e == null ? null : e.database();
    }
}
