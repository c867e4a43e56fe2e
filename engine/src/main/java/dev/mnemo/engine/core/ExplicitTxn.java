package dev.mnemo.engine.core;

import dev.mnemo.engine.ExplicitTransaction;
import dev.mnemo.engine.IndexScan;
import dev.mnemo.engine.KeyRange;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableScan;
import dev.mnemo.engine.TransactionConflictException;
import dev.mnemo.engine.txn.Outcome;

import java.util.List;
import java.util.function.Predicate;

/**
 * One {@link Txn} attempt that its caller drives and commits once: no re-run, a conflict is the caller's to
 * handle. Every operation after the end fails loudly, as a use of a finished transaction is a bug.
 */
final class ExplicitTxn implements ExplicitTransaction {
    private final Engine engine;
    private final Transactions.Counters counters;
    private Txn tx;

    ExplicitTxn(Engine engine, Transactions.Counters counters) {
        this.engine = engine;
        this.counters = counters;
        this.tx = new Txn(engine);
    }

    private Txn open() {
        if (tx == null) {
            throw new IllegalStateException("the transaction has already committed or rolled back");
        }
        return tx;
    }

    @Override
    public void commit() {
        Txn t = open();
        tx = null;
        if (t.isReadOnly()) {
            if (!t.readsStillValid()) {
                counters.conflict();
                throw conflict();
            }
            engine.awaitDurable(t.maxReadVersion());
            counters.readOnlyCommit();
            return;
        }
        Outcome o = t.submit();
        switch (o.status()) {
            case COMMITTED:
                counters.commit();
                return;
            case FAILED:
                throw o.error();
            default:
                counters.conflict();
                throw conflict();
        }
    }

    private static TransactionConflictException conflict() {
        return new TransactionConflictException("transaction conflicted with a concurrent one and was rolled back");
    }

    @Override
    public void rollback() {
        tx = null;
    }

    @Override
    public boolean isOpen() {
        return tx != null;
    }

    @Override
    public int savepoint() {
        return open().writeCount();
    }

    @Override
    public void rollbackTo(int savepoint) {
        open().truncateWrites(savepoint);
    }

    @Override
    public boolean tableExists(String table) {
        return open().tableExists(table);
    }

    @Override
    public Row read(String table, Object... key) {
        return open().read(table, key);
    }

    @Override
    public List<Row> readAll(String table, Object... key) {
        return open().readAll(table, key);
    }

    @Override
    public void write(String table, Row row) {
        open().write(table, row);
    }

    @Override
    public boolean insert(String table, Row row) {
        return open().insert(table, row);
    }

    @Override
    public boolean delete(String table, Object... key) {
        return open().delete(table, key);
    }

    @Override
    public boolean deleteObject(String table, Row row) {
        return open().deleteObject(table, row);
    }

    @Override
    public void moved(String table, Row old, Row updated) {
        open().moved(table, old, updated);
    }

    @Override
    public List<Row> select(String table, KeyRange range) {
        return open().select(table, range);
    }

    @Override
    public void forEach(String table, KeyRange range, Predicate<Row> visitor) {
        open().forEach(table, range, visitor);
    }

    @Override
    public void readLockTable(String table) {
        open().readLockTable(table);
    }

    @Override
    public TableScan scanInPieces(String table) {
        TableScan scan = open().scanInPieces(table);
        return visitor -> {
            open();
            return scan.readPiece(visitor);
        };
    }

    @Override
    public List<Row> indexRead(String table, String index, Object... values) {
        return open().indexRead(table, index, values);
    }

    @Override
    public List<Row> indexRange(String table, String index, KeyRange range) {
        return open().indexRange(table, index, range);
    }

    @Override
    public IndexScan indexScan(String table, String index, KeyRange range) {
        IndexScan scan = open().indexScan(table, index, range);
        return (rowsMax, visitor) -> {
            open();
            return scan.readPiece(rowsMax, visitor);
        };
    }

    @Override
    public Row newRow(String table) {
        return open().newRow(table);
    }

    @Override
    public void abort(String reason) {
        open().abort(reason);
    }
}
