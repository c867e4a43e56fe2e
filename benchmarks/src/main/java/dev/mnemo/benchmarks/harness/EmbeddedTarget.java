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

/**
 * The engine in this process, through its public API: every operation is one {@link Mnemo#transaction}, which
 * re-runs on conflict as Mnesia's transactions do (the re-runs are counted and reported, see
 * {@link #internalRetries()}).
 */
public final class EmbeddedTarget implements Target {
    private final Mnemo db;
    private final int fields;
    private final int fieldChars;
    private final Tables.KindChoice kindChoice;
    private final List<String> notes = new ArrayList<>();
    private TableKind userTableKind = TableKind.SET;
    private final long retriesAtOpen;

    public EmbeddedTarget(int fields, int fieldChars, Tables.KindChoice kindChoice) {
        this.db = Mnemo.open(MnemoConfig.builder().build());
        this.fields = fields;
        this.fieldChars = fieldChars;
        this.kindChoice = kindChoice;
        this.retriesAtOpen = db.stats().conflicts();
        notes.add("Mnemo engine API in this JVM (single member, in-process commit log, ram tables)");
        notes.add("each operation is one Mnemo.transaction (re-run on conflict up to "
                + MnemoConfig.builder().build().retriesMax() + " times)");
    }

    /** The database, for tests that tamper with it. */
    Mnemo database() {
        return db;
    }

    @Override
    public String label() {
        return "embedded";
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
        return new EmbeddedSession(db);
    }

    @Override
    public BankCheck.Totals bankTotals() {
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
        return db.stats().conflicts() - retriesAtOpen;
    }

    @Override
    public void close() {
        db.close();
    }

    /** A worker's view of the engine: stateless apart from the database, since transactions are per call. */
    private static final class EmbeddedSession implements Session {
        private final Mnemo db;

        EmbeddedSession(Mnemo db) {
            this.db = db;
        }

        @Override
        public boolean read(String key) {
            return db.transaction(tx -> tx.read(Tables.USERTABLE, key)) != null;
        }

        @Override
        public boolean update(String key, int field, String value) {
            return db.transaction(tx -> {
                Row row = tx.read(Tables.USERTABLE, key);
                if (row == null) {
                    return false;
                }
                tx.write(Tables.USERTABLE, row.with(field + 1, value));
                return true;
            });
        }

        @Override
        public int scan(String startKey, int rows) {
            return db.transaction(tx -> tx.select(Tables.USERTABLE, KeyRange.all().from(true, startKey).limit(rows)))
                    .size();
        }

        @Override
        public void insert(String key, String[] values) {
            Row row = userRow(key, values);
            db.transaction(tx -> {
                tx.insert(Tables.USERTABLE, row);
                return null;
            });
        }

        @Override
        public void insertBatch(String[] keys, String[][] values) {
            db.transaction(tx -> {
                for (int i = 0; i < keys.length; i++) {
                    tx.insert(Tables.USERTABLE, userRow(keys[i], values[i]));
                }
                return null;
            });
        }

        @Override
        public boolean readModifyWrite(String key, int field, String value) {
            return db.transaction(tx -> {
                Row row = tx.read(Tables.USERTABLE, key);
                if (row == null) {
                    return false;
                }
                // The client reads the whole record and writes it back with one field changed.
                Object[] values = row.values();
                values[field + 1] = value;
                tx.write(Tables.USERTABLE, Row.of(values));
                return true;
            });
        }

        @Override
        public boolean transfer(long from, long to, long amount) {
            return db.transaction(tx -> {
                Row source = tx.read(Tables.ACCOUNTS, from);
                Row target = tx.read(Tables.ACCOUNTS, to);
                if (source == null || target == null) {
                    throw new IllegalStateException("account " + (source == null ? from : to) + " is missing");
                }
                long available = ((Number) source.get(1)).longValue();
                if (available < amount) {
                    return false;
                }
                tx.write(Tables.ACCOUNTS, source.with(1, available - amount));
                tx.write(Tables.ACCOUNTS, target.with(1, ((Number) target.get(1)).longValue() + amount));
                return true;
            });
        }

        private static Row userRow(String key, String[] values) {
            Object[] row = new Object[values.length + 1];
            row[0] = key;
            System.arraycopy(values, 0, row, 1, values.length);
            return Row.of(row);
        }

        @Override
        public void close() {
        }
    }
}
