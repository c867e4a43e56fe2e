package dev.mnemo.benchmarks.harness;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.MnemoConfig;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

/**
 * The engine in this process, through its public API: every operation is one {@link Mnemo#transaction} (or, for
 * asynchronous clients, one {@link Mnemo#transactionAsync}), which re-runs on conflict as Mnesia's transactions do
 * (the re-runs are counted and reported, see {@link #internalRetries()}). One database, or the members of a
 * cluster in this JVM (see {@link InJvmCluster}): tables are created and loaded through the first, and worker
 * sessions go to the members in turn.
 */
public final class EmbeddedTarget implements Target {
    /**
     * The databases under load, first the one that creates and loads the tables.
     *
     * @param catchUp waits until member i has applied everything committed so far (nothing to do on one database)
     * @param owner   closes every database at the end
     */
    record Members(List<Mnemo> dbs, IntConsumer catchUp, AutoCloseable owner) {
        Members {
            if (dbs.isEmpty()) {
                throw new IllegalArgumentException("a target needs at least one database");
            }
            dbs = List.copyOf(dbs);
        }
    }

    private final String label;
    private final Members members;
    private final Mnemo db;
    private final int fields;
    private final int fieldChars;
    private final Tables.KindChoice kindChoice;
    private final List<String> notes = new ArrayList<>();
    private final AtomicInteger nextMember = new AtomicInteger();
    private TableKind userTableKind = TableKind.SET;
    private final long retriesAtOpen;

    /** One database in this JVM; {@code inFlight} as {@link BenchConfig#inFlight()}. */
    public EmbeddedTarget(int fields, int fieldChars, Tables.KindChoice kindChoice, int inFlight) {
        this(TargetChoice.EMBEDDED, single(Mnemo.open(MnemoConfig.builder().build())), fields, fieldChars,
                kindChoice, inFlight);
        addNote(0, "Mnemo engine API in this JVM (single member, in-process commit log, ram tables)");
    }

    EmbeddedTarget(String label, Members members, int fields, int fieldChars, Tables.KindChoice kindChoice,
                   int inFlight) {
        this.label = label;
        this.members = members;
        this.db = members.dbs().get(0);
        this.fields = fields;
        this.fieldChars = fieldChars;
        this.kindChoice = kindChoice;
        this.retriesAtOpen = conflicts();
        notes.add("each operation is one " + (inFlight > 0 ? "Mnemo.transactionAsync" : "Mnemo.transaction")
                + " (re-run on conflict up to " + MnemoConfig.builder().build().retriesMax() + " times)");
    }

    private static Members single(Mnemo db) {
        return new Members(List.of(db), member -> { }, db);
    }

    /** Adds what a reader needs to know about these databases at {@code index} of the notes. */
    void addNote(int index, String note) {
        notes.add(index, note);
    }

    /** The database, for tests that tamper with it. */
    Mnemo database() {
        return db;
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public void createTables(Workload workload) {
        if (workload.isBank()) {
            db.createTable(TableDef.named(Tables.ACCOUNTS)
                    .column("id", ColumnType.BIGINT).notNull()
                    .column("balance", ColumnType.BIGINT).notNull()
                    .primaryKey("id"));
            notes.add("table " + Tables.ACCOUNTS + ": kind set");
            return;
        }
        userTableKind = kindChoice.ordered(workload) ? TableKind.ORDERED_SET : TableKind.SET;
        createUserTable();
        notes.add("table " + Tables.USERTABLE + ": kind " + userTableKind.name().toLowerCase(Locale.ROOT));
    }

    private void createUserTable() {
        TableDef def = TableDef.named(Tables.USERTABLE)
                .column(Tables.KEY_COLUMN, ColumnType.varchar(Tables.KEY_CHARS_DECLARED)).notNull();
        for (int i = 0; i < fields; i++) {
            def.column(Tables.field(i), ColumnType.varchar(fieldChars));
        }
        db.createTable(def.primaryKey(Tables.KEY_COLUMN).kind(userTableKind));
    }

    @Override
    public void recreateUserTable() {
        db.dropTable(Tables.USERTABLE);
        createUserTable();
    }

    @Override
    public void loadAccounts(long accounts, long balance) {
        final long batch = 1_000;
        for (long first = 0; first < accounts; first += batch) {
            long from = first;
            long to = Math.min(accounts, first + batch);
            db.transaction(tx -> {
                for (long id = from; id < to; id++) {
                    tx.insert(Tables.ACCOUNTS, Row.of(id, balance));
                }
                return null;
            });
        }
    }

    @Override
    public Session openSession() {
        return new EmbeddedSession(nextMember());
    }

    @Override
    public AsyncSession openAsyncSession() {
        return new EmbeddedAsyncSession(nextMember());
    }

    /** The member the next session goes to, once it has applied what was committed before (the loaded data). */
    private Mnemo nextMember() {
        int i = Math.floorMod(nextMember.getAndIncrement(), members.dbs().size());
        members.catchUp().accept(i);
        return members.dbs().get(i);
    }

    @Override
    public BankCheck.Totals bankTotals() {
        members.catchUp().accept(0);
        return db.transaction(tx -> {
            long[] sumCountNegative = new long[3];
            tx.forEach(Tables.ACCOUNTS, KeyRange.all(), row -> {
                long balance = ((Number) row.get(1)).longValue();
                sumCountNegative[0] += balance;
                sumCountNegative[1]++;
                sumCountNegative[2] += balance < 0 ? 1 : 0;
                return true;
            });
            return new BankCheck.Totals(sumCountNegative[0], sumCountNegative[1], sumCountNegative[2]);
        });
    }

    @Override
    public long internalRetries() {
        return conflicts() - retriesAtOpen;
    }

    private long conflicts() {
        return members.dbs().stream().mapToLong(m -> m.stats().conflicts()).sum();
    }

    @Override
    public void close() throws Exception {
        members.owner().close();
    }

    /** A worker's view of the engine: stateless apart from the database, since transactions are per call. */
    private static final class EmbeddedSession implements Session {
        private final Mnemo db;

        EmbeddedSession(Mnemo db) {
            this.db = db;
        }

        @Override
        public boolean read(String key) {
            return db.transaction(EngineOps.read(key));
        }

        @Override
        public boolean update(String key, int field, String value) {
            return db.transaction(EngineOps.update(key, field, value));
        }

        @Override
        public int scan(String startKey, int rows) {
            return db.transaction(EngineOps.scan(startKey, rows));
        }

        @Override
        public void insert(String key, String[] values) {
            db.transaction(EngineOps.insert(EngineOps.userRow(key, values)));
        }

        @Override
        public void insertBatch(String[] keys, String[][] values) {
            db.transaction(tx -> {
                for (int i = 0; i < keys.length; i++) {
                    tx.insert(Tables.USERTABLE, EngineOps.userRow(keys[i], values[i]));
                }
                return null;
            });
        }

        @Override
        public boolean readModifyWrite(String key, int field, String value) {
            return db.transaction(EngineOps.readModifyWrite(key, field, value));
        }

        @Override
        public boolean transfer(long from, long to, long amount) {
            return db.transaction(EngineOps.transfer(from, to, amount));
        }

        @Override
        public void close() {
        }
    }

    /** The same operations, each submitted with {@link Mnemo#transactionAsync} and answered on its future. */
    private static final class EmbeddedAsyncSession implements AsyncSession {
        private final Mnemo db;

        EmbeddedAsyncSession(Mnemo db) {
            this.db = db;
        }

        @Override
        public CompletionStage<Boolean> read(String key) {
            return db.transactionAsync(EngineOps.read(key));
        }

        @Override
        public CompletionStage<Boolean> update(String key, int field, String value) {
            return db.transactionAsync(EngineOps.update(key, field, value));
        }

        @Override
        public CompletionStage<Integer> scan(String startKey, int rows) {
            return db.transactionAsync(EngineOps.scan(startKey, rows));
        }

        @Override
        public CompletionStage<?> insert(String key, String[] values) {
            return db.transactionAsync(EngineOps.insert(EngineOps.userRow(key, values)));
        }

        @Override
        public CompletionStage<Boolean> readModifyWrite(String key, int field, String value) {
            return db.transactionAsync(EngineOps.readModifyWrite(key, field, value));
        }

        @Override
        public CompletionStage<Boolean> transfer(long from, long to, long amount) {
            return db.transactionAsync(EngineOps.transfer(from, to, amount));
        }

        @Override
        public void close() {
        }
    }
}
