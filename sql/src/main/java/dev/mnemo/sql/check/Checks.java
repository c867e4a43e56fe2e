package dev.mnemo.sql.check;

import dev.mnemo.engine.CheckMark;
import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.ForeignKeyAction;
import dev.mnemo.engine.ForeignKeyDef;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.Transaction;
import dev.mnemo.engine.table.Table;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.sequence.Sequences;
import dev.mnemo.sql.view.ViewDef;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The check constraints of one database, kept as rows of the system table {@value #TABLE}, one a table: an ordinary
 * engine table, replicated and made durable like any other (as views are), that SQL does not show. Every change of
 * a table's checks also sets the table's check mark ({@link CheckMark}) in the same step of the log, which makes a
 * new schema version, and a row stored under an older version conflicts: so a statement that writes to a table takes
 * the checks of the version it writes under from this member, compiled once per version, and reads nothing in its
 * transaction; a check added meanwhile makes it conflict and run again under the new checks. A table whose schema
 * was recorded before schemas held a mark has its row read in the statement's transaction instead, which orders it
 * alike. A row also names the engine's id of its table, so that checks left behind by a table dropped outside SQL
 * never apply to a later table of that name.
 */
public final class Checks {
    /** The system table of check constraints. */
    public static final String TABLE = Sequences.RESERVED_PREFIX + "CHECKS";

    /** Compiles a check for one version of its table; a condition that does not compile fails with its error. */
    @FunctionalInterface
    public interface Compiler {
        RowCheck compile(TableSchema table, CheckDef check);
    }

    private final Mnemo db;
    private final Compiler compiler;
    /** By table name: the checks of the last version of the table a statement wrote under. */
    private final ConcurrentHashMap<String, TableChecks> compiled = new ConcurrentHashMap<>();
    /** By table name: what a compile of the table's checks holds, so that a version's are compiled once. */
    private final ConcurrentHashMap<String, Object> compileLocks = new ConcurrentHashMap<>();
    /** By table name: the version of each table whose checks {@link #prepare} is to compile, at most one a table. */
    private final ConcurrentHashMap<String, TableSchema> preparing = new ConcurrentHashMap<>();
    /** The one thread that compiles checks ahead; it ends when idle, so an unused database keeps no thread. */
    private final ThreadPoolExecutor compiling = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(), task -> {
                Thread t = new Thread(task, "mnemo-check-compiler");
                t.setDaemon(true);
                return t;
            });

    public Checks(Mnemo db, Compiler compiler) {
        this.db = db;
        this.compiler = compiler;
    }

    /**
     * The checks that rows a statement planned for {@code planned} writes in {@code tx} must pass: those of the
     * table's version now, if it lays rows out as {@code planned} does (a plan run again after a check was added
     * meets the new check), learnt without a read in {@code tx}; else those read in {@code tx} and compiled for
     * {@code planned}. Call {@link #confirm} after the writes.
     */
    public TableChecks of(Transaction tx, TableSchema planned) {
        TableChecks c = compiled.get(planned.name());
        if (c != null && c.table != null && c.schema == planned && c.table.schema() == planned) {
            return c;
        }
        while (true) {
            Table t = db.engine().catalog().find(planned.name());
            TableSchema now = t == null ? null : t.schema();
            if (now == null || now.checks() == null || !sameColumns(planned, now)) {
                return readIn(tx, planned);
            }
            if (now.checks().isEmpty()) {
                return remember(new TableChecks(t, now, "", List.of(), List.of()));
            }
            // Held, so that the row is the one of that version: a change writes it just after the new version.
            String encoded = db.engine().withAppliesHeld(() -> t.schema() == now ? stored(now) : null);
            if (encoded != null) {
                return compiled(t, now, encoded);
            }
        }
    }

    /**
     * After a statement's writes with {@code used}: its rows were stored under versions of the table from the one
     * {@code used} is for to the one now, and each such row conflicts at commit unless stored under the table's last
     * check mark; so a mark changed since {@code used} (a change between learning the checks and a write) means a
     * row may have skipped a check: 40001, to run the statement again.
     */
    public static void confirm(TableChecks used) {
        if (used.table == null) {
            return; // read in the transaction: a change of the checks makes it conflict
        }
        CheckMark now = used.table.schema().checks();
        if (now == null || now.version() != used.schema.checks().version()) {
            throw new SqlError("40001", "the checks of table " + used.schema.name() + " changed while the statement"
                    + " ran; run the statement again");
        }
    }

    private TableChecks remember(TableChecks c) {
        compiled.put(c.schema.name(), c);
        return c;
    }

    /** Whether rows of {@code a} and of {@code b} hold the same columns, of the same types, in the same order. */
    private static boolean sameColumns(TableSchema a, TableSchema b) {
        if (a == b) {
            return true;
        }
        if (a.columnCount() != b.columnCount()) {
            return false;
        }
        for (int i = 0; i < a.columnCount(); i++) {
            if (a.columnId(i) != b.columnId(i) || !a.column(i).type().equals(b.column(i).type())) {
                return false;
            }
        }
        return true;
    }

    /** The checks of {@code schema}'s table as stored now, encoded; applies held (see {@link #of}). */
    private String stored(TableSchema schema) {
        if (db.engine().catalog().find(TABLE) == null) {
            return "";
        }
        Row r = owned(db.dirtyRead(TABLE, schema.name()), schema);
        return r == null ? "" : r.getString("CHECKS");
    }

    /** The checks of the table, read in {@code tx} (so a change makes it conflict) and compiled for {@code schema}. */
    private TableChecks readIn(Transaction tx, TableSchema schema) {
        Row r = row(tx, schema);
        return r == null ? TableChecks.NONE : compiled(null, schema, r.getString("CHECKS"));
    }

    /**
     * Fails with 23514, as {@link TableChecks#verify} does, when a check is FALSE for a child row that a foreign key's
     * action rewrites: the engine asks where the parent's change applies ({@link Mnemo#validateActions}), and the
     * checks are read as the log has them there (a dirty read, on the applier's thread), so every member gives the
     * same verdict. The checks kept for the same version and definitions serve (see {@link #compiled}).
     */
    public void verifyRewritten(TableSchema schema, Object[] engineRow) {
        Row r = tableExists() ? owned(db.dirtyRead(TABLE, schema.name()), schema) : null;
        if (r != null) {
            compiled(null, schema, r.getString("CHECKS")).verify(engineRow);
        }
    }

    /** Whether {@code c} are the checks {@code encoded} compiled for {@code schema}, by a write or not. */
    private static boolean isFor(TableChecks c, TableSchema schema, String encoded) {
        return c != null && c.schema == schema && c.encoded.equals(encoded);
    }

    /**
     * Compiles, on a thread of its own, the checks of {@code schema}'s table as stored once it applied, if foreign
     * keys' actions may rewrite its rows: so that {@link #verifyRewritten} finds them compiled and the applier does
     * not wait on a compile. Called on the applier's thread; returns at once. Checks compiled so are those it would
     * compile for the same version and definitions, so the verdicts stay the same; one that fails to compile is left
     * to fail there.
     */
    public void prepare(TableSchema schema) {
        if (rewritable(schema) && preparing.put(schema.name(), schema) == null) {
            compiling.execute(() -> prepareNow(preparing.remove(schema.name())));
        }
    }

    /** {@link #prepare}s every table with checks there is now: those a member has when its SQL layer starts. */
    public void prepareAll() {
        for (TableSchema s : db.tables()) {
            if (s.hasChecks()) {
                prepare(s);
            }
        }
    }

    private void prepareNow(TableSchema schema) {
        try {
            if (!isCurrent(schema) || !tableExists()) {
                return; // changed again since: its own call prepares the new version
            }
            Row r = owned(db.dirtyRead(TABLE, schema.name()), schema);
            if (r != null) {
                compiled(null, schema, r.getString("CHECKS"));
            }
        } catch (RuntimeException e) {
            // Left to the apply that needs it, which meets the same error as its verdict.
        }
    }

    /** Whether a foreign key of the table has an action that rewrites its rows (CASCADE or SET NULL). */
    private static boolean rewritable(TableSchema schema) {
        for (ForeignKeyDef fk : schema.foreignKeys()) {
            if (fk.onDelete() == ForeignKeyAction.SET_NULL || !fk.onUpdate().refuses()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The checks stored as {@code encoded} compiled for {@code schema}, learnt from the mark of {@code table} or read
     * (null). They are compiled once per version and definitions, by whichever comes first of a write, the thread
     * that compiles ahead and an action's apply, and kept for the others.
     */
    private TableChecks compiled(Table table, TableSchema schema, String encoded) {
        TableChecks kept = compiled.get(schema.name());
        if (!isFor(kept, schema, encoded)) {
            // One at a time a table: a caller that comes while they compile (an action's apply while the thread that
            // compiles ahead is at it) waits for them, rather than compile them a second time.
            synchronized (compileLocks.computeIfAbsent(schema.name(), name -> new Object())) {
                kept = compiled.get(schema.name());
                if (!isFor(kept, schema, encoded)) {
                    List<CheckDef> defs = CheckDef.decode(encoded);
                    return remember(new TableChecks(table, schema, encoded, defs, compile(schema, defs)));
                }
            }
        }
        TableChecks c = kept.learntFrom(table);
        // Those learnt from the mark stay kept: a write's next statement finds them there without a read.
        return table == null ? c : remember(c);
    }

    /** The mark of a table with these checks: their names, or empty for none. */
    public static String mark(List<CheckDef> checks) {
        List<String> names = new ArrayList<>();
        for (CheckDef c : checks) {
            names.add(c.name());
        }
        return names.isEmpty() ? "" : ViewDef.encode(names);
    }

    /** Whether {@code schema} is the version of its table the catalog holds now. */
    public boolean isCurrent(TableSchema schema) {
        Table t = db.engine().catalog().find(schema.name());
        return t != null && t.schema() == schema;
    }

    /** The checks compiled for {@code schema}; one that does not compile fails with its error. */
    public List<RowCheck> compile(TableSchema schema, List<CheckDef> defs) {
        List<RowCheck> out = new ArrayList<>();
        for (CheckDef d : defs) {
            out.add(compiler.compile(schema, d));
        }
        return out;
    }

    /** The checks of a table as {@code tx} reads them, in the order they were declared. */
    public List<CheckDef> read(Transaction tx, TableSchema schema) {
        Row r = row(tx, schema);
        return r == null ? List.of() : CheckDef.decode(r.getString("CHECKS"));
    }

    /** The checks of a table as this member has them now. */
    public List<CheckDef> find(TableSchema schema) {
        return tableExists() ? db.transaction(tx -> read(tx, schema)) : List.of();
    }

    /** The checks of each table of {@code tables} that has any, read in {@code tx}, by table name. */
    public Map<String, List<CheckDef>> all(Transaction tx, List<TableSchema> tables) {
        Map<String, List<CheckDef>> out = new LinkedHashMap<>();
        for (TableSchema s : tables) {
            List<CheckDef> defs = read(tx, s);
            if (!defs.isEmpty()) {
                out.put(s.name(), defs);
            }
        }
        return out;
    }

    private Row row(Transaction tx, TableSchema schema) {
        return tx.tableExists(TABLE) ? owned(tx.read(TABLE, schema.name()), schema) : null;
    }

    /** {@code r} if it is the row of {@code schema}'s table (or of a table being created), else null. */
    private static Row owned(Row r, TableSchema schema) {
        long owner = r == null ? 0 : r.getLong("TABLE_ID");
        return r == null || owner != 0 && owner != schema.tableId() ? null : r;
    }

    /**
     * The writes that give a table being created its checks, in the creation's own step of the log (see
     * {@link Mnemo#createTableWithWrites}); none when a table of that name is there, which IF NOT EXISTS keeps.
     * The row names no table id until {@link #bind} gives it the new table's.
     */
    public Consumer<Transaction> created(String table, List<CheckDef> checks) {
        ensureTable();
        return tx -> {
            if (!tx.tableExists(table)) {
                write(tx, table, 0, checks);
            }
        };
    }

    /** Gives the checks of a table just created the engine's id of that table. */
    public void bind(String table) {
        if (!tableExists()) {
            return;
        }
        db.transaction(tx -> {
            Row r = tx.read(TABLE, table);
            if (r != null && r.getLong("TABLE_ID") == 0 && tx.tableExists(table)) {
                tx.write(TABLE, r.with("TABLE_ID", db.schema(table).tableId()));
            }
            return null;
        });
    }

    /**
     * Adds checks to a table after checking every row already there: in one step that read-locks the table, reads
     * its rows, stores the checks and sets the table's mark, so a write committed after the rows were read makes it
     * run again, and a write that ran under the old checks and is ordered after it conflicts. A row a check is FALSE
     * for fails it with 23514, and nothing changes. {@code named} gives the new checks their names, against those
     * taken.
     */
    public void add(String table, UnaryOperator<List<CheckDef>> named) {
        ensureTable();
        TableChecks[] last = {TableChecks.NONE};
        db.setChecks(table, tx -> {
            tx.readLockTable(table);
            TableSchema schema = db.schema(table);
            List<CheckDef> existing = read(tx, schema);
            List<CheckDef> added = named.apply(existing);
            String encoded = CheckDef.encode(added);
            if (last[0].schema != schema || !last[0].encoded.equals(encoded)) {
                // Compiled once, not on every run again after a conflict: the checks change only with the schema.
                last[0] = new TableChecks(null, schema, encoded, added, compile(schema, added));
            }
            TableChecks checks = last[0];
            tx.forEach(table, KeyRange.all(), row -> {
                checks.verify(row.values());
                return true;
            });
            List<CheckDef> all = new ArrayList<>(existing);
            all.addAll(added);
            write(tx, schema.name(), schema.tableId(), all);
            return mark(all);
        });
    }

    /** Drops a table's check by name, with the table's mark; returns whether it had one. */
    public boolean drop(String table, String name) {
        if (!tableExists()) {
            return false;
        }
        boolean[] had = {false};
        db.setChecks(table, tx -> {
            TableSchema schema = db.schema(table);
            List<CheckDef> kept = new ArrayList<>(read(tx, schema));
            had[0] = kept.removeIf(c -> c.name().equals(name));
            if (!had[0]) {
                return null;
            }
            write(tx, schema.name(), schema.tableId(), kept);
            return mark(kept);
        });
        return had[0];
    }

    /** The writes that drop a table's checks, in the table's own step of the log. */
    public Consumer<Transaction> dropped(String table) {
        return tx -> {
            if (tx.tableExists(TABLE) && tx.read(TABLE, table) != null) {
                tx.delete(TABLE, table);
            }
        };
    }

    /** The writes that move a table's checks to its new name, in the rename's own step of the log. */
    public Consumer<Transaction> renamed(String from, String to) {
        return tx -> {
            Row r = tx.tableExists(TABLE) ? tx.read(TABLE, from) : null;
            if (r != null) {
                tx.delete(TABLE, from);
                tx.write(TABLE, r.with("TABLE_NAME", to));
            }
        };
    }

    /**
     * The writes that change a table's checks as {@code change} does (for a column renamed or dropped, which may
     * refuse by throwing), in that change's own step of the log; it reads them there, so none is missed.
     */
    public Consumer<Transaction> changed(TableSchema schema, UnaryOperator<List<CheckDef>> change) {
        return tx -> {
            List<CheckDef> before = read(tx, schema);
            if (before.isEmpty()) {
                return;
            }
            List<CheckDef> after = change.apply(before);
            if (!after.equals(before)) {
                write(tx, schema.name(), schema.tableId(), after);
            }
        };
    }

    private static void write(Transaction tx, String table, long tableId, List<CheckDef> checks) {
        if (checks.isEmpty()) {
            if (tx.read(TABLE, table) != null) {
                tx.delete(TABLE, table);
            }
            return;
        }
        String encoded = CheckDef.encode(checks);
        if (encoded.length() > ColumnType.LENGTH_MAX) {
            throw new SqlError("54000", "the check constraints of table " + table + " are too long to store");
        }
        tx.write(TABLE, Row.of(table, tableId, encoded));
    }

    private boolean tableExists() {
        return Sequences.systemTableExists(db, TABLE);
    }

    private void ensureTable() {
        Sequences.ensureSystemTable(db, TableDef.named(TABLE).kind(TableKind.ORDERED_SET)
                .column(ColumnDef.of("TABLE_NAME", ColumnType.varchar(128)).notNull())
                .column(ColumnDef.of("TABLE_ID", ColumnType.BIGINT).notNull())
                .column(ColumnDef.of("CHECKS", ColumnType.varchar(ColumnType.LENGTH_MAX)).notNull())
                .primaryKey("TABLE_NAME"));
    }
}
