package dev.mnemo.engine;

import dev.mnemo.engine.core.Engine;
import dev.mnemo.engine.core.Transactions;
import dev.mnemo.engine.log.CommitLog;
import dev.mnemo.engine.log.LocalCommitLog;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.txn.CommitRecord;
import dev.mnemo.engine.txn.DdlOp;
import dev.mnemo.engine.txn.Outcome;
import dev.mnemo.engine.txn.WriteOp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * An embedded Mnemo database: tables off-heap, transactions that re-run on conflict, dirty operations,
 * secondary indexes and change subscriptions — Mnesia's model for the JVM.
 *
 * <pre>{@code
 * try (Mnemo db = Mnemo.open(MnemoConfig.builder().dataDir(Path.of("data")).build())) {
 *     db.createTable(TableDef.named("account").column("id", ColumnType.BIGINT).column("balance", ColumnType.BIGINT)
 *         .primaryKey("id").storage(Storage.DISC));
 *     db.transaction(tx -> { tx.write("account", Row.of(1L, 100L)); return null; });
 *     long balance = db.transaction(tx -> tx.read("account", 1L).getLong("balance"));
 * }
 * }</pre>
 */
public final class Mnemo implements AutoCloseable {
    private final Engine engine;
    private final Transactions transactions;
    private volatile boolean closed;

    private Mnemo(MnemoConfig config, CommitLog log) {
        this.engine = new Engine(config, log);
        this.transactions = new Transactions(engine);
    }

    /** Opens a single-member database with the in-process commit log. */
    public static Mnemo open(MnemoConfig config) {
        return new Mnemo(config, new LocalCommitLog(config.commitBatchRecordsMax()));
    }

    /** Opens a database whose writes are ordered by {@code log} (the replicated log makes it a cluster member). */
    public static Mnemo open(MnemoConfig config, CommitLog log) {
        return new Mnemo(config, log);
    }

    /** A memory-only single-member database with default settings. */
    public static Mnemo inMemory() {
        return open(MnemoConfig.builder().build());
    }

    // ---- schema -----------------------------------------------------------------------------------------------

    public TableSchema createTable(TableDef def) {
        return createTable(def, false);
    }

    /** Creates a table; with {@code ifNotExists}, an existing table of that name is left as it is. */
    public TableSchema createTable(TableDef def, boolean ifNotExists) {
        TableSchema validated = TableSchema.create(0, def);
        ddl(DdlOp.createTable(validated, ifNotExists));
        return schema(def.name());
    }

    /**
     * Creates a table if {@code precondition} lets it: a read-only transaction function that throws to refuse. The
     * creation is ordered with what the precondition read, and applies only if none of it has changed by then (else
     * the precondition runs again): every member reaches the same verdict, so a check such as "no sequence has this
     * name" and the creation are one step, whatever other members do meanwhile.
     */
    public TableSchema createTable(TableDef def, boolean ifNotExists, Consumer<Transaction> precondition) {
        TableSchema validated = TableSchema.create(0, def);
        checkOpen();
        throwIfFailed(transactions.schemaChange(DdlOp.createTable(validated, ifNotExists), precondition));
        return schema(def.name());
    }

    /**
     * Creates a table and makes the writes of {@code alongside} in the same step of the log: a transaction function
     * whose reads guard the creation (it runs again if they change before it is ordered) and whose writes, to other
     * tables, apply with it or not at all. With {@code ifNotExists} and the table there, the writes still apply:
     * read {@link Transaction#tableExists} in the function to leave them out.
     */
    public TableSchema createTableWithWrites(TableDef def, boolean ifNotExists, Consumer<Transaction> alongside) {
        TableSchema validated = TableSchema.create(0, def);
        checkOpen();
        throwIfFailed(transactions.schemaChangeWithWrites(DdlOp.createTable(validated, ifNotExists), alongside));
        return schema(def.name());
    }

    public void dropTable(String table, boolean ifExists) {
        ddl(DdlOp.dropTable(Names.check("table", table), ifExists));
    }

    public void dropTable(String table) {
        dropTable(table, false);
    }

    /**
     * Drops a table and makes the writes of {@code alongside} in the same step of the log: a transaction function
     * whose reads guard the drop (it runs again if they change before it is ordered) and whose writes, to other
     * tables, apply with it or not at all.
     */
    public void dropTable(String table, boolean ifExists, Consumer<Transaction> alongside) {
        checkOpen();
        throwIfFailed(transactions.schemaChangeWithWrites(DdlOp.dropTable(Names.check("table", table), ifExists),
                alongside));
    }

    /**
     * Drops a table together with the foreign keys of other tables that reference it (SQL's {@code DROP TABLE ...
     * CASCADE}) and the indexes made for them, as one schema change: no member ever holds the table without those
     * foreign keys, and the ones dropped are those that reference it when the change applies, on every member alike.
     * The other tables keep their rows and their other foreign keys.
     */
    public void dropTableCascade(String table, boolean ifExists) {
        ddl(DdlOp.dropTableCascade(Names.check("table", table), ifExists));
    }

    /**
     * {@link #dropTableCascade(String, boolean)} with the writes of {@code alongside} in the same step, as
     * {@link #dropTable(String, boolean, Consumer)} makes them; they may not write to a table the drop changes.
     */
    public void dropTableCascade(String table, boolean ifExists, Consumer<Transaction> alongside) {
        checkOpen();
        throwIfFailed(transactions.schemaChangeWithWrites(DdlOp.dropTableCascade(Names.check("table", table),
                ifExists), alongside));
    }

    /**
     * Adds a column online; existing rows read it as its default (Mnesia's transform_table). A default that is the
     * time of the write gives them the time of this call, read here from {@link MnemoConfig#clock()}, before the
     * change is proposed, so that every member gives them the same value. A column whose default is a random UUID
     * or a sequence's next value is added to an empty table only ({@link UnsupportedChangeException} otherwise, in
     * log order): a change cannot draw one for each row already there.
     */
    public TableSchema addColumn(String table, ColumnDef column) {
        ddl(DdlOp.addColumn(Names.check("table", table), column.stampedAt(ZonedDateTime.now(clock())), false));
        return schema(table);
    }

    /** The clock this member reads the time of a write from ({@link MnemoConfig#clock()}). */
    public Clock clock() {
        return engine.config().clock();
    }

    public TableSchema dropColumn(String table, String column) {
        ddl(DdlOp.dropColumn(Names.check("table", table), Names.check("column", column), false));
        return schema(table);
    }

    /**
     * Drops a column and makes the writes of {@code alongside} in the same step of the log, as
     * {@link #dropTable(String, boolean, Consumer)} does: its reads guard the drop, its writes go to other tables.
     */
    public TableSchema dropColumn(String table, String column, Consumer<Transaction> alongside) {
        checkOpen();
        DdlOp op = DdlOp.dropColumn(Names.check("table", table), Names.check("column", column), false);
        throwIfFailed(transactions.schemaChangeWithWrites(op, alongside));
        return schema(table);
    }

    /**
     * Gives a column a constant default (null for none) for the rows written from now on; the rows already there
     * keep their values, and so do rows that predate the column, which read the default it was added with.
     */
    public TableSchema setColumnDefault(String table, String column, Object value) {
        return ddlOnColumn(DdlOp.setDefault(Names.check("table", table), columnNow(table, column).withDefault(value)));
    }

    /** Makes a column's default the time of the write, for the rows written from now on. */
    public TableSchema setColumnDefault(String table, String column, TimeDefault kind) {
        return ddlOnColumn(DdlOp.setDefault(Names.check("table", table),
                columnNow(table, column).withTimeDefault(kind)));
    }

    /**
     * Makes a (UUID) column's default a new random UUID for each row written from now on; the member that makes a
     * write draws it.
     */
    public TableSchema setColumnRandomUuidDefault(String table, String column) {
        return ddlOnColumn(DdlOp.setDefault(Names.check("table", table),
                columnNow(table, column).withRandomUuidDefault()));
    }

    /**
     * Makes a column's default the next value of sequence {@code sequence} for each row written from now on; the SQL
     * layer, which keeps the sequences, draws it ({@link ColumnDef#withSequenceDefault}).
     */
    public TableSchema setColumnSequenceDefault(String table, String column, String sequence) {
        return ddlOnColumn(DdlOp.setDefault(Names.check("table", table),
                columnNow(table, column).withSequenceDefault(sequence)));
    }

    /** Removes a column's default: a row written from now on without a value there holds NULL. */
    public TableSchema dropColumnDefault(String table, String column) {
        return ddlOnColumn(DdlOp.dropDefault(Names.check("table", table), Names.check("column", column)));
    }

    /**
     * Makes a column NOT NULL ({@code notNull}) or nullable. NOT NULL is checked against the rows when the change is
     * applied, in log order, and fails with {@link NotNullViolationException} if one holds NULL there; a write
     * ordered after it that leaves NULL there fails. Primary key columns cannot be made nullable.
     */
    public TableSchema setColumnNotNull(String table, String column, boolean notNull) {
        return ddlOnColumn(DdlOp.setNotNull(Names.check("table", table), Names.check("column", column), notNull));
    }

    /**
     * Renames a table; its rows, indexes and column names stay as they are. A name another table has fails with
     * {@link TableExistsException}. Change subscriptions follow the name they were made with: one made with the
     * old name sees no changes after the rename (subscribe again with the new name), one to every table sees the
     * table's changes under its new name.
     */
    public TableSchema renameTable(String table, String newName) {
        ddl(DdlOp.rename(Names.check("table", table), null, Names.check("table", newName)));
        return schema(newName);
    }

    /**
     * Renames a table and makes the writes of {@code alongside} in the same step of the log: a transaction function
     * whose reads guard the rename (it runs again if they change before it is ordered) and whose writes, to other
     * tables, apply with it or not at all. No transaction is ordered between the rename and those writes.
     */
    public TableSchema renameTable(String table, String newName, Consumer<Transaction> alongside) {
        checkOpen();
        DdlOp op = DdlOp.rename(Names.check("table", table), null, Names.check("table", newName));
        throwIfFailed(transactions.schemaChangeWithWrites(op, alongside));
        return schema(newName);
    }

    /**
     * Sets a table's check mark (see {@link CheckMark}) to what {@code alongside} returns, in one step of the log
     * with that function's writes: a transaction function whose reads guard the change (it runs again if they
     * change before it is ordered) and whose writes, to other tables, apply with it or not at all. Writes of rows to
     * the table encoded before the change conflict with it. A function that returns null changes nothing.
     */
    public TableSchema setChecks(String table, Function<Transaction, String> alongside) {
        checkOpen();
        String name = Names.check("table", table);
        throwIfFailed(transactions.schemaChangeWithWrites(tx -> {
            String mark = alongside.apply(tx);
            return mark == null ? null : DdlOp.setChecks(name, mark);
        }));
        return schema(table);
    }

    /**
     * Renames a column; rows keep their values, and the primary key and indexes follow it. A name another column of
     * the table has fails with {@link ColumnExistsException}.
     */
    public TableSchema renameColumn(String table, String column, String newName) {
        return ddlOnColumn(DdlOp.rename(Names.check("table", table), Names.check("column", column),
                Names.check("column", newName)));
    }

    /**
     * Renames a column and makes the writes of {@code alongside} in the same step of the log, as
     * {@link #renameTable(String, String, Consumer)} does: no transaction is ordered between the two.
     */
    public TableSchema renameColumn(String table, String column, String newName, Consumer<Transaction> alongside) {
        checkOpen();
        DdlOp op = DdlOp.rename(Names.check("table", table), Names.check("column", column),
                Names.check("column", newName));
        throwIfFailed(transactions.schemaChangeWithWrites(op, alongside));
        return schema(table);
    }

    /**
     * Changes a column's type ({@code ALTER COLUMN ... SET DATA TYPE}). Every row is converted when the change applies,
     * in log order, on every member alike, and the indexes on the column are rebuilt; one row whose value the new
     * type cannot hold fails the change ({@link ValueTooLargeException} or {@link TypeMismatchException}, naming the
     * row's key) and changes nothing. The default is converted too. A conversion Mnemo does not make, or one that
     * would change how a primary key column's keys encode, or a change of a column a foreign key compares (as child
     * or parent), fails with {@link UnsupportedChangeException}. A write to the table made under the old type and
     * ordered after the change conflicts: a transaction then runs again under the new one, dirty writes are encoded
     * again.
     */
    public TableSchema setColumnType(String table, String column, ColumnType type) {
        return ddlOnColumn(DdlOp.setType(Names.check("table", table), ColumnDef.of(column, type)));
    }

    /**
     * {@link #setColumnType(String, String, ColumnType)} guarded by the reads of {@code precondition} (read-only; it
     * throws to refuse): a write to what it read, committed before the change is ordered, makes it run again.
     */
    public TableSchema setColumnType(String table, String column, ColumnType type, Consumer<Transaction> precondition) {
        checkOpen();
        throwIfFailed(transactions.schemaChange(DdlOp.setType(Names.check("table", table), ColumnDef.of(column, type)),
                precondition));
        return schema(table);
    }

    /**
     * Re-keys a table on {@code columns}, which become NOT NULL: every row moves to its new key when the change
     * applies, in log order, on every member alike, and the indexes are rebuilt. {@code dropped}, a column of the old
     * key that the new one leaves out, goes with the change (null: every column stays). A row holding NULL in a new
     * key column fails the change with {@link NotNullViolationException}, two rows with one new key with
     * {@link DuplicateKeyException} naming it, a foreign key that references the old key columns as a key with
     * {@link StillReferencedException}, a bag, whose key groups its rows, with {@link UnsupportedChangeException},
     * and a {@code dropped} the table no longer has (another change re-keyed it first) with
     * {@link KeyChangedException}; each changes nothing. A write to the table made under the old key and
     * ordered after the change conflicts, as after {@link #setColumnType}.
     */
    public TableSchema setPrimaryKey(String table, List<String> columns, String dropped) {
        List<String> checked = new ArrayList<>();
        for (String column : columns) {
            checked.add(Names.check("column", column));
        }
        String drop = dropped == null ? null : Names.check("column", dropped);
        return ddlOnColumn(DdlOp.setPrimaryKey(Names.check("table", table), checked, drop));
    }

    /** The column as it is now, without its default: the template of a change to it. */
    private ColumnDef columnNow(String table, String column) {
        TableSchema s = schema(table);
        return ColumnDef.of(column, s.column(s.position(column)).type());
    }

    private TableSchema ddlOnColumn(DdlOp op) {
        ddl(op);
        return schema(op.table());
    }

    /** Creates an index online, built from the rows already there; a unique index the rows violate fails. */
    public TableSchema createIndex(String table, IndexDef index, boolean ifNotExists) {
        ddl(DdlOp.createIndex(Names.check("table", table), index, ifNotExists));
        return schema(table);
    }

    public TableSchema createIndex(String table, IndexDef index) {
        return createIndex(table, index, false);
    }

    public TableSchema dropIndex(String table, String index, boolean ifExists) {
        ddl(DdlOp.dropIndex(Names.check("table", table), Names.check("index", index), ifExists));
        return schema(table);
    }

    public TableSchema dropIndex(String table, String index) {
        return dropIndex(table, index, false);
    }

    /**
     * Adds a foreign key to a table online: every row already there must reference a parent row (or hold a NULL in
     * one of its columns), else it fails with {@link ForeignKeyViolationException} (23503) and changes nothing.
     * Columns that no index covers exactly get a hash index named as the foreign key, which goes with it.
     */
    public TableSchema addForeignKey(String table, ForeignKeyDef foreignKey) {
        ddl(DdlOp.addForeignKey(Names.check("table", table), foreignKey));
        return schema(table);
    }

    /**
     * Drops a foreign key by name, with the index made for it (unless another foreign key on its columns uses it);
     * an index a user created stays.
     */
    public TableSchema dropForeignKey(String table, String foreignKey, boolean ifExists) {
        ddl(DdlOp.dropForeignKey(Names.check("table", table), Names.check("foreign key", foreignKey), ifExists));
        return schema(table);
    }

    public TableSchema dropForeignKey(String table, String foreignKey) {
        return dropForeignKey(table, foreignKey, false);
    }

    /** A table's foreign keys, each naming its parent table and referenced columns as they are called now. */
    public List<ForeignKeyDef> foreignKeys(String table) {
        List<ForeignKeyDef> out = new ArrayList<>();
        for (ForeignKeyDef fk : schema(table).foreignKeys()) {
            out.add(engine.catalog().describe(fk));
        }
        return out;
    }

    private void ddl(DdlOp op) {
        checkOpen();
        throwIfFailed(engine.commitLog().append(CommitRecord.schemaChange(op)));
    }

    private static void throwIfFailed(Outcome o) {
        if (o.status() == Outcome.Status.FAILED) {
            throw o.error();
        }
    }

    /** The current schema of a table, or throws {@link UnknownTableException}. */
    public TableSchema schema(String table) {
        return engine.catalog().require(table).schema();
    }

    /** Every table's current schema, in creation order. */
    public List<TableSchema> tables() {
        List<TableSchema> out = new ArrayList<>();
        for (Table t : engine.catalog().tables()) {
            out.add(t.schema());
        }
        return out;
    }

    /** How many keys a table holds right now. */
    public long size(String table) {
        return engine.catalog().require(table).size();
    }

    // ---- transactions -----------------------------------------------------------------------------------------

    /**
     * Runs {@code fn} as a serializable transaction and returns its value. On conflict the function runs again
     * (up to {@link MnemoConfig#retriesMax()} times, with back-off), then {@link TransactionConflictException}.
     * Exceptions from the function (including {@link Transaction#abort}) abort it and propagate; nothing it
     * wrote is applied. Read-only functions never touch the commit log.
     */
    public <T> T transaction(TxFunction<T> fn) {
        checkOpen();
        return transactions.run(fn);
    }

    /**
     * Runs {@code fn} as {@link #transaction} does, without blocking the caller while its commit is ordered and
     * applied: for applications with many transactions in flight and few threads. The function's first run is on
     * the calling thread; the commit, any re-run after a conflict (with the same retries and back-off), and the
     * completion of the returned future happen on this database's callback thread ({@code mnemo-async}), one per
     * database, so actions chained without an executor run there too and must not block: chain with an executor
     * of your own for slow work. A completion may start the next asynchronous transaction at once. On a single
     * member, as with {@link #transaction}, the calling thread may apply the commits queued with its own before
     * this returns; a read-only function that keeps conflicting re-runs on the callback thread with applies held
     * off. The future completes with the function's value once this member has applied the commit, or
     * exceptionally with what {@link #transaction} would throw ({@link TransactionConflictException} when the
     * retries run out, the function's own exception, a cluster's {@code NoQuorumException}, …). Closing the
     * database answers every future it returned: commits ordered before the close complete with their outcome, and
     * a run that cannot finish (its function overtaken by the close, a re-run waiting out its back-off, a commit
     * not answered by then) fails with {@link DatabaseClosedException}; the callback thread then ends.
     */
    public <T> CompletableFuture<T> transactionAsync(TxFunction<T> fn) {
        checkOpen();
        return transactions.runAsync(fn);
    }

    /**
     * Starts a transaction that the caller drives statement by statement and ends with
     * {@link ExplicitTransaction#commit} or {@link ExplicitTransaction#rollback}. Unlike {@link #transaction}, it
     * is never re-run: a conflict at commit throws {@link TransactionConflictException}.
     */
    public ExplicitTransaction begin() {
        checkOpen();
        return transactions.begin();
    }

    // ---- dirty operations -------------------------------------------------------------------------------------

    /** Reads the committed row under a key without a transaction (Mnesia's dirty_read). */
    public Row dirtyRead(String table, Object... key) {
        checkOpen();
        return engine.catalog().require(table).readFirst(key);
    }

    /** Every committed row under a key (several for a bag). */
    public List<Row> dirtyReadAll(String table, Object... key) {
        checkOpen();
        return engine.catalog().require(table).readAll(key);
    }

    /** Writes a row through the commit log without a read set: ordered, atomic, but not isolated. */
    public void dirtyWrite(String table, Row row) {
        dirty(tx -> {
            tx.write(table, row);
            return null;
        });
    }

    /** Deletes every row under a key without a transaction's isolation. */
    public void dirtyDelete(String table, Object... key) {
        checkOpen();
        Table t = engine.catalog().require(table);
        submitDirty(CommitRecord.transaction(List.of(), List.of(new WriteOp(t.tableId(),
                WriteOp.Type.DELETE, t.encodeKey(key), 0, null))));
    }

    private void dirty(TxFunction<Void> writes) {
        checkOpen();
        engine.dirtyWrites(writes);
    }

    private void submitDirty(CommitRecord record) {
        throwIfFailed(engine.commitLog().append(record));
    }

    // ---- events, snapshots, lifecycle ---------------------------------------------------------------------------

    /** Subscribes to row changes of one table, or of all tables with a null name. */
    public Subscription subscribe(String table, ChangeListener listener) {
        checkOpen();
        if (table != null) {
            engine.catalog().require(table);
        }
        return engine.events().subscribe(table, listener);
    }

    /** Writes a consistent snapshot of every table at one commit version; returns that version. */
    public long snapshot(OutputStream out) throws IOException {
        checkOpen();
        return engine.snapshot(out);
    }

    /** Replaces the whole database with a snapshot; returns the snapshot's version. */
    public long loadSnapshot(InputStream in) throws IOException {
        checkOpen();
        return engine.loadSnapshot(in);
    }

    /** The version of the last commit applied here. */
    public long version() {
        return engine.version();
    }

    public MnemoStats stats() {
        return transactions.stats();
    }

    /**
     * Sets what judges each child row a foreign key's action rewrites as the parent's change applies (SQL's check
     * constraints). Every member of a cluster must set the same one before it applies records, or members could
     * reach different verdicts: set it before the log starts feeding the member (a cluster member's services are
     * made before it does). A member without one stops applying ({@link ChecksNotJudgedException}) when an action
     * rewrites rows of a table with checks, which it cannot judge.
     */
    public void validateActions(ActionValidator validator) {
        engine.validateActions(validator);
    }

    /** The engine behind this facade, for the modules that build on it (SQL, replication). */
    public Engine engine() {
        return engine;
    }

    private void checkOpen() {
        if (closed) {
            throw new DatabaseClosedException("the database is closed");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            engine.close();
            transactions.close();
        }
    }
}
