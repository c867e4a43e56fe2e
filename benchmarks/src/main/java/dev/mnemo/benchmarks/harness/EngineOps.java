package dev.mnemo.benchmarks.harness;

import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TxFunction;

/**
 * The workloads' operations as engine transactions, the same for a worker that waits for each
 * ({@code Mnemo.transaction}) and one that keeps several in flight ({@code Mnemo.transactionAsync}).
 */
final class EngineOps {
    private EngineOps() {
    }

    static TxFunction<Boolean> read(String key) {
        return tx -> tx.read(Tables.USERTABLE, key) != null;
    }

    static TxFunction<Boolean> update(String key, int field, String value) {
        return tx -> {
            Row row = tx.read(Tables.USERTABLE, key);
            if (row == null) {
                return false;
            }
            tx.write(Tables.USERTABLE, row.with(field + 1, value));
            return true;
        };
    }

    static TxFunction<Integer> scan(String startKey, int rows) {
        return tx -> tx.select(Tables.USERTABLE, KeyRange.all().from(true, startKey).limit(rows)).size();
    }

    static TxFunction<Void> insert(Row row) {
        return tx -> {
            tx.insert(Tables.USERTABLE, row);
            return null;
        };
    }

    static TxFunction<Boolean> readModifyWrite(String key, int field, String value) {
        return tx -> {
            Row row = tx.read(Tables.USERTABLE, key);
            if (row == null) {
                return false;
            }
            // The client reads the whole record and writes it back with one field changed.
            Object[] values = row.values();
            values[field + 1] = value;
            tx.write(Tables.USERTABLE, Row.of(values));
            return true;
        };
    }

    static TxFunction<Boolean> transfer(long from, long to, long amount) {
        return tx -> {
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
        };
    }

    /** A usertable row: the key, then the fields. */
    static Row userRow(String key, String[] values) {
        Object[] row = new Object[values.length + 1];
        row[0] = key;
        System.arraycopy(values, 0, row, 1, values.length);
        return Row.of(row);
    }
}
