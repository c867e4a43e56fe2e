package dev.mnemo.benchmarks.cluster;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.Storage;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TxFunction;

/**
 * The data of the cluster benchmarks: {@value #ROWS} accounts {@code (id BIGINT, balance BIGINT)}, ids
 * 1..ROWS, and the one-row read-modify-write transaction every write benchmark runs on them.
 */
final class Accounts {
    static final String TABLE = "account";
    static final int ROWS = 100_000;
    static final long OPENING_BALANCE = 1_000;
    /** Rows per loading transaction: one Raft entry of about 20 KB. */
    private static final int LOAD_BATCH_ROWS = 1_000;

    private Accounts() {
    }

    /** Creates the table on {@code db} (any member) and fills it; fails if it ends up with another size. */
    static void load(Mnemo db, Storage storage) {
        db.createTable(TableDef.named(TABLE).column("id", ColumnType.BIGINT).notNull()
                .column("balance", ColumnType.BIGINT).notNull().primaryKey("id").storage(storage));
        for (long from = 1; from <= ROWS; from += LOAD_BATCH_ROWS) {
            long first = from;
            db.transaction(tx -> {
                for (long id = first; id < first + LOAD_BATCH_ROWS && id <= ROWS; id++) {
                    tx.insert(TABLE, Row.of(id, OPENING_BALANCE));
                }
                return null;
            });
        }
        if (db.size(TABLE) != ROWS) {
            throw new IllegalStateException("loaded " + db.size(TABLE) + " accounts, expected " + ROWS);
        }
    }

    /** Reads account {@code id} and writes it back with its balance plus one, in one transaction. */
    static long addOne(Mnemo db, long id) {
        return db.transaction(addOne(id));
    }

    /** The transaction of {@link #addOne(Mnemo, long)}, for running it another way. */
    static TxFunction<Long> addOne(long id) {
        return tx -> {
            Row row = tx.read(TABLE, id);
            long balance = row.getLong("balance") + 1;
            tx.write(TABLE, row.with("balance", balance));
            return balance;
        };
    }
}
