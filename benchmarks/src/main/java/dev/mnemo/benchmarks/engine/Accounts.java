package dev.mnemo.benchmarks.engine;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.Mnemo;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableDef;
import dev.mnemo.engine.TableKind;

/**
 * The data every engine benchmark and its H2 baseline share: a table of {@value #ROWS} accounts
 * {@code (id BIGINT, balance BIGINT, name VARCHAR(32))} with ids 1..ROWS and 32-character names, so each row is
 * about 50 bytes encoded (60 stored with its version header, 9-byte key) and about 100 bytes as a Java row.
 */
final class Accounts {
    static final int ROWS = 100_000;
    static final String SET = "account";
    static final String ORDERED = "account_ordered";
    static final int NAME_CHARS = 32;
    private static final int LOAD_BATCH_ROWS = 1_000;

    private Accounts() {
    }

    static TableDef table(String name, TableKind kind) {
        return TableDef.named(name)
                .column("id", ColumnType.BIGINT).notNull()
                .column("balance", ColumnType.BIGINT).notNull()
                .column("name", ColumnType.varchar(NAME_CHARS))
                .primaryKey("id")
                .kind(kind);
    }

    /** Names made once, so that building strings is not part of any measured operation. */
    private static final String[] NAMES = makeNames();

    private static String[] makeNames() {
        String[] out = new String[ROWS + 1];
        for (int id = 1; id <= ROWS; id++) {
            out[id] = makeName(id);
        }
        return out;
    }

    /** Account {@code id}'s name: exactly {@value #NAME_CHARS} characters (made once for ids up to ROWS). */
    static String name(long id) {
        return id < NAMES.length ? NAMES[(int) id] : makeName(id);
    }

    private static String makeName(long id) {
        String s = "customer-" + id + "-";
        StringBuilder sb = new StringBuilder(NAME_CHARS).append(s);
        while (sb.length() < NAME_CHARS) {
            sb.append((char) ('a' + sb.length() % 26));
        }
        return sb.toString();
    }

    static long initialBalance(long id) {
        return 1_000 + id;
    }

    /** Creates {@code table} and fills it with ids 1..ROWS, in transactions of {@value #LOAD_BATCH_ROWS} rows. */
    static void load(Mnemo db, String table, TableKind kind) {
        load(db, table, kind, ROWS);
    }

    /** Creates {@code table} and fills it with ids 1..rows, in transactions of {@value #LOAD_BATCH_ROWS} rows. */
    static void load(Mnemo db, String table, TableKind kind, int rows) {
        db.createTable(table(table, kind));
        for (long from = 1; from <= rows; from += LOAD_BATCH_ROWS) {
            long first = from;
            db.transaction(tx -> {
                for (long id = first; id < first + LOAD_BATCH_ROWS && id <= rows; id++) {
                    tx.write(table, Row.of(id, initialBalance(id), name(id)));
                }
                return null;
            });
        }
        if (db.size(table) != rows) {
            throw new IllegalStateException("loaded " + db.size(table) + " rows into " + table + ", expected " + rows);
        }
    }
}
