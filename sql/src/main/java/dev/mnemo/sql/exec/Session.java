package dev.mnemo.sql.exec;

import dev.mnemo.engine.ExplicitTransaction;
import dev.mnemo.engine.Transaction;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.client.IsolationLevels;
import dev.mnemo.sql.parser.SqlCreateTable;
import dev.mnemo.sql.parser.SqlScript;
import dev.mnemo.sql.parser.SqlTransactionControl;
import dev.mnemo.sql.plan.MnemoTypeFactory;
import dev.mnemo.sql.schema.SqlValues;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;

import java.sql.SQLWarning;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TimeZone;

/**
 * One connection's conversation with a database. With auto-commit on, each statement is its own engine
 * transaction, re-run on conflict like any {@code Mnemo.transaction}. With it off, statements share one
 * engine transaction until {@link #commit} (a conflict then fails with SQLState 40001) or {@link #rollback};
 * a statement that fails undoes only its own writes. {@code BEGIN} with auto-commit on turns it off until the
 * transaction it opens ends, so {@link #autoCommit} says false meanwhile. DDL takes effect at once, outside any
 * transaction.
 * Not thread-safe, as a JDBC connection is used by one thread at a time.
 */
public final class Session {
    private static final JavaTypeFactory TYPES = new MnemoTypeFactory();

    private final SqlDatabase database;
    private boolean autoCommit = true;
    /** BEGIN turned auto-commit off, and the end of its transaction turns it on again. */
    private boolean autoCommitSuspended;
    /** The open transaction began READ ONLY: it refuses DML and DDL. */
    private boolean readOnlyTransaction;
    private ExplicitTransaction tx;
    /** The transactions begun so far; the open one's number is this count when it began. */
    private long begun;
    private long txNumber;
    /**
     * The open transaction's savepoints in the order they were set: those of SAVEPOINT statements by name, those of
     * {@code Connection.setSavepoint} by themselves, so that rolling back to one drops those set after it, of either.
     */
    private final Map<Object, Savepoint> savepoints = new LinkedHashMap<>();
    /** The database clock's zone as last read, and its TimeZone: making one copies the zone's rules each time. */
    private ZoneId clockZone;
    private TimeZone clockTimeZone;

    public Session(SqlDatabase database) {
        this.database = database;
    }

    public SqlDatabase database() {
        return database;
    }

    public boolean autoCommit() {
        return autoCommit;
    }

    /**
     * Switching auto-commit on commits the open transaction, as JDBC requires. Switching it off inside a transaction
     * that BEGIN opened keeps that transaction, and auto-commit stays off after it.
     */
    public void setAutoCommit(boolean on) {
        if (on && !autoCommit) {
            commit();
        }
        autoCommit = on;
        autoCommitSuspended = false;
    }

    /** True while a transaction that BEGIN opened with auto-commit on is open: its end turns auto-commit on. */
    public boolean autoCommitSuspended() {
        return autoCommitSuspended;
    }

    /** True if a transaction is open (auto-commit off, and a statement has run since the last end). */
    public boolean inTransaction() {
        return tx != null;
    }

    public void commit() {
        ExplicitTransaction t = end();
        if (t != null) {
            t.commit();
        }
    }

    public void rollback() {
        ExplicitTransaction t = end();
        if (t != null) {
            t.rollback();
        }
    }

    /** Forgets the open transaction (returned) and what belongs to it; auto-commit resumes if BEGIN suspended it. */
    private ExplicitTransaction end() {
        ExplicitTransaction t = tx;
        tx = null;
        savepoints.clear();
        readOnlyTransaction = false;
        if (autoCommitSuspended) {
            autoCommitSuspended = false;
            autoCommit = true;
        }
        return t;
    }

    /**
     * {@code BEGIN} or {@code START TRANSACTION}: opens a transaction, with auto-commit on until it ends. One is
     * refused (25001, changing nothing) while a transaction is open: with auto-commit off, once a statement ran
     * since the last end. {@code SET TRANSACTION} names only what every transaction is: SERIALIZABLE, READ WRITE.
     * A weaker isolation level is served as SERIALIZABLE, with the warning returned, as by
     * {@code Connection.setTransactionIsolation} (see {@link IsolationLevels}).
     */
    private SQLWarning transactionStatement(SqlTransactionControl statement) {
        SqlTransactionControl.Modes modes = statement.modes;
        SQLWarning served = modes.isolation() == null ? null : IsolationLevels.served(modes.isolation());
        if (statement.action == SqlTransactionControl.Action.SET_TRANSACTION) {
            if (Boolean.TRUE.equals(modes.readOnly())) {
                throw new SqlError("0A000", "SET TRANSACTION READ ONLY is not offered: open a read-only "
                        + "transaction with START TRANSACTION READ ONLY, or make the connection read-only");
            }
            return served;
        }
        if (tx != null) {
            throw new SqlError("25001", "a transaction is already open, and transactions do not nest: COMMIT or "
                    + "ROLLBACK it first (it is still open, with everything it did)");
        }
        if (autoCommit) {
            autoCommit = false;
            autoCommitSuspended = true;
        }
        transaction();
        readOnlyTransaction = Boolean.TRUE.equals(modes.readOnly());
        return served;
    }

    /** A point in a transaction to roll back to: the transaction, and the writes it had buffered then. */
    public static final class Savepoint {
        private final ExplicitTransaction transaction;
        private final int writes;

        private Savepoint(ExplicitTransaction transaction, int writes) {
            this.transaction = transaction;
            this.writes = writes;
        }
    }

    /** A savepoint set in the open transaction (which is started if need be), until it is released or rolled past. */
    public Savepoint savepoint() {
        Savepoint mark = mark();
        savepoints.put(mark, mark);
        return mark;
    }

    private Savepoint mark() {
        ExplicitTransaction t = transaction();
        return new Savepoint(t, t.savepoint());
    }

    /**
     * Undoes what followed {@code savepoint} and drops the savepoints set after it; one of a transaction that has
     * ended, released, or set after one rolled back to, fails with 3B001.
     */
    public void rollbackTo(Savepoint savepoint) {
        drop(live(savepoint), false);
        tx.rollbackTo(savepoint.writes);
    }

    /** Drops {@code savepoint} and those set after it (3B001 as {@link #rollbackTo}). */
    public void release(Savepoint savepoint) {
        drop(live(savepoint), true);
    }

    private Savepoint live(Savepoint savepoint) {
        if (tx == null || tx != savepoint.transaction) {
            throw new SqlError("3B001", "the savepoint's transaction has ended: the savepoint is gone");
        }
        if (!savepoints.containsKey(savepoint)) {
            throw new SqlError("3B001", "the savepoint is gone: released, or set after one rolled back to");
        }
        return savepoint;
    }

    /** Drops the savepoints set after the one under {@code key}, and with {@code itself} that one too. */
    private void drop(Object key, boolean itself) {
        boolean dropping = false;
        for (Iterator<Object> keys = savepoints.keySet().iterator(); keys.hasNext(); ) {
            boolean it = keys.next().equals(key);
            if (dropping || it && itself) {
                keys.remove();
            }
            dropping |= it;
        }
    }

    /**
     * {@code SAVEPOINT s} (auto-commit off; a name set again moves to the new point), {@code ROLLBACK TO SAVEPOINT
     * s} (which drops the savepoints set after s and keeps s) and {@code RELEASE SAVEPOINT s} (which drops s and
     * those set after it). A name the open transaction has not set fails with 3B001.
     */
    private void savepointStatement(SqlTransactionControl statement) {
        String name = statement.savepoint.getSimple();
        if (statement.action == SqlTransactionControl.Action.SAVEPOINT) {
            if (autoCommit) {
                throw new SqlError("25000", "SAVEPOINT " + name + " needs a transaction: BEGIN one, or turn "
                        + "auto-commit off");
            }
            savepoints.remove(name);
            savepoints.put(name, mark());
            return;
        }
        Savepoint mark = savepoints.get(name);
        if (mark == null) {
            throw new SqlError("3B001", "the open transaction has no savepoint " + name);
        }
        drop(name, statement.action == SqlTransactionControl.Action.RELEASE);
        if (statement.action == SqlTransactionControl.Action.ROLLBACK_TO) {
            tx.rollbackTo(mark.writes);
        }
    }

    private ExplicitTransaction transaction() {
        if (tx == null) {
            tx = database.db().begin();
            txNumber = ++begun;
        }
        return tx;
    }

    /**
     * The open transaction's number, new for each transaction the session begins (from 1), or 0 when none is open:
     * the remote driver tells by it a savepoint of an ended transaction from a later one of the same name.
     */
    public long transactionNumber() {
        return tx == null ? 0 : txNumber;
    }

    /** Runs a statement with its parameters (JDBC values); {@code maxRows} 0 means no limit. */
    public Result execute(CompiledStatement c, Object[] params, long maxRows) {
        CompiledStatement s = database.isCurrent(c) ? c : database.prepare(c.sql());
        if (readOnlyTransaction && (s.kind == CompiledStatement.Kind.DML || s.kind == CompiledStatement.Kind.DDL)) {
            throw new SqlError("25006", "the transaction is read-only (START TRANSACTION READ ONLY): it refuses "
                    + "changes until it ends");
        }
        switch (s.kind) {
            case DDL:
                if (s.ddl instanceof SqlCreateTable && ((SqlCreateTable) s.ddl).query != null) {
                    return createTableAs((SqlCreateTable) s.ddl, maxRows);
                }
                DdlExecutor.execute(database, s.ddl);
                return Result.count(0);
            case COMMIT:
                commit();
                return Result.count(0);
            case ROLLBACK:
                rollback();
                return Result.count(0);
            case SAVEPOINT:
                savepointStatement((SqlTransactionControl) s.ddl);
                return Result.count(0);
            case TRANSACTION:
                return Result.warned(transactionStatement((SqlTransactionControl) s.ddl));
            case EXPLAIN:
                return Result.rows(s.columns, List.<Object[]>of(new Object[] {s.explain}));
            case SCRIPT:
                return Result.rows(s.columns, Script.statements(database, (SqlScript) s.ddl,
                        autoCommit ? null : transaction()));
            default:
                break;
        }
        Object[] internal = internalParams(s, params);
        long now = database.db().clock().millis();
        if (autoCommit) {
            return database.db().transaction(t -> run(s, t, internal, maxRows, now));
        }
        ExplicitTransaction t = transaction();
        int mark = t.savepoint();
        try {
            return run(s, t, internal, maxRows, now);
        } catch (RuntimeException | Error e) {
            if (t.isOpen()) {
                t.rollbackTo(mark);
            }
            throw e;
        }
    }

    /**
     * {@code CREATE TABLE t AS query [WITH [NO] DATA]}: makes the table with the query's columns, then copies its
     * rows by an {@code INSERT ... query}, one statement in this session's transaction (its own with auto-commit on),
     * and counts them. If the copy fails, the table is dropped again: the statement changes nothing.
     */
    private Result createTableAs(SqlCreateTable c, long maxRows) {
        CompiledStatement query = database.prepare(c.queryText);
        if (query.kind != CompiledStatement.Kind.QUERY || !query.params().isEmpty()) {
            throw new SqlError("42000", "CREATE TABLE ... AS takes a query without parameters");
        }
        String table = DdlExecutor.createTableAs(database, c, query.columns);
        if (table == null || !c.withData) {
            return Result.count(0);
        }
        StringJoiner columns = new StringJoiner(", ", " (", ") ");
        query.columns.forEach(m -> columns.add(quote(m.label())));
        try {
            return execute(database.prepare("INSERT INTO " + quote(table) + columns + c.queryText), new Object[0],
                    maxRows);
        } catch (RuntimeException e) {
            database.db().dropTable(table, true);
            throw e;
        }
    }

    private static String quote(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /**
     * Runs a DML statement once per parameter set, with auto-commit on, as one transaction (re-run on conflict):
     * all the batch's writes take effect, or none. Returns each execution's result, in order.
     */
    public List<Result> executeBatch(CompiledStatement c, List<Object[]> paramSets) {
        if (!autoCommit) {
            throw new IllegalStateException("a batch runs as one transaction only with auto-commit on");
        }
        CompiledStatement s = database.isCurrent(c) ? c : database.prepare(c.sql());
        if (s.kind != CompiledStatement.Kind.DML) {
            throw new IllegalArgumentException("not a DML statement: " + s.sql);
        }
        List<Object[]> internal = new ArrayList<>(paramSets.size());
        for (Object[] params : paramSets) {
            internal.add(internalParams(s, params));
        }
        Result[] results = new Result[internal.size()];
        long now = database.db().clock().millis();
        database.db().transaction(t -> {
            for (int i = 0; i < results.length; i++) {
                results[i] = run(s, t, internal.get(i), 0, now);
            }
            return null;
        });
        return List.of(results);
    }

    private static Object[] internalParams(CompiledStatement s, Object[] params) {
        int n = s.params.size();
        if (params.length < n) {
            throw new SqlError("07001", "statement has " + n + " parameters, " + params.length + " given");
        }
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            ParamMeta p = s.params.get(i);
            out[i] = SqlValues.jdbcToInternal(params[i], p.type(), p.scale(), p.column());
            RowCounts.check(p, out[i]);
        }
        return out;
    }

    private Result run(CompiledStatement s, Transaction t, Object[] params, long maxRows, long now) {
        try {
            return runPlan(s, t, params, maxRows, now);
        } catch (ExceptionInInitializerError e) {
            s.markUnloadable();
            throw e;
        }
    }

    private Result runPlan(CompiledStatement s, Transaction t, Object[] params, long maxRows, long now) {
        MnemoDataContext ctx = new MnemoDataContext(database.rootSchema(), TYPES, t, database.sequences(),
                database.checks(), s.stashed, params, now, clockTimeZone());
        Enumerable<?> rows = s.plan.bind(ctx);
        if (s.kind == CompiledStatement.Kind.DML) {
            try (Enumerator<?> e = rows.enumerator()) {
                long n = 0;
                while (e.moveNext()) {
                    Object v = e.current();
                    n += ((Number) (v instanceof Object[] ? ((Object[]) v)[0] : v)).longValue();
                }
                return ctx.identity() == null ? Result.count(n) : withKeys(n, ctx);
            }
        }
        int width = s.columns.size();
        List<Object[]> out = new ArrayList<>();
        try (Enumerator<?> e = rows.enumerator()) {
            while ((maxRows <= 0 || out.size() < maxRows) && e.moveNext()) {
                Object v = e.current();
                // A row of several columns is an array, but one that UNNEST gives of several arrays a list.
                Object[] row = width == 1 && !(v instanceof Object[]) ? new Object[] {v}
                        : v instanceof List ? ((List<?>) v).toArray() : (Object[]) v;
                Object[] jdbc = new Object[width];
                for (int i = 0; i < width; i++) {
                    jdbc[i] = SqlValues.internalToJdbc(row[i], s.columns.get(i).type());
                }
                out.add(jdbc);
            }
        }
        return Result.rows(s.columns, out);
    }

    /** The clock's zone as a TimeZone, made again only when the zone changed; never changed by its readers. */
    private TimeZone clockTimeZone() {
        ZoneId zone = database.db().clock().getZone();
        if (!zone.equals(clockZone)) {
            clockTimeZone = TimeZone.getTimeZone(zone);
            clockZone = zone;
        }
        return clockTimeZone;
    }

    /** A DML statement's count with the identity values it generated, typed as their column. */
    private static Result withKeys(long n, MnemoDataContext ctx) {
        dev.mnemo.engine.ColumnDef c = ctx.identity();
        org.apache.calcite.sql.type.SqlTypeName type = dev.mnemo.sql.schema.SqlTypes.sqlTypeName(c.type().kind());
        int precision = type == org.apache.calcite.sql.type.SqlTypeName.BIGINT ? 19
                : type == org.apache.calcite.sql.type.SqlTypeName.INTEGER ? 10 : 5;
        List<Object[]> keys = new ArrayList<>();
        for (Object v : ctx.generated()) {
            keys.add(new Object[] {SqlValues.internalToJdbc(v, type)});
        }
        return Result.count(n, new ColumnMeta(c.name(), c.name(), "", type, precision, 0, false), keys);
    }

    /** Ends the session; an open transaction is rolled back. */
    public void close() {
        rollback();
    }
}
