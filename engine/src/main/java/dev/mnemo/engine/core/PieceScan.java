package dev.mnemo.engine.core;

import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableScan;
import dev.mnemo.engine.TransactionConflictException;
import dev.mnemo.engine.codec.ByteKey;
import dev.mnemo.engine.table.OffHeapMap;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.txn.WriteOp;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.function.Consumer;

/**
 * A {@link TableScan} of a set or bag table inside one transaction attempt: first the stored rows, one segment of
 * the table's map a piece, leaving out the keys the transaction wrote; then those keys' rows as its writes (as they
 * were when the scan began) leave them, a bounded number of keys a piece. Each row is so given exactly once.
 */
final class PieceScan implements TableScan {
    /** The most keys of the transaction's own writes whose rows one piece gives. */
    static final int OWN_KEYS_PER_PIECE_MAX = 1024;

    private final Txn tx;
    private final Table table;
    private final OffHeapMap.SegmentWalk stored;
    /** The transaction's writes to the table when the scan began, by key. */
    private final NavigableMap<ByteKey, List<WriteOp>> own;
    private final Iterator<Map.Entry<ByteKey, List<WriteOp>>> ownLeft;
    private final List<byte[]> copied = new ArrayList<>();

    PieceScan(Txn tx, Table table, NavigableMap<ByteKey, List<WriteOp>> own) {
        this.tx = tx;
        this.table = table;
        this.stored = table.storedSegments();
        this.own = own;
        this.ownLeft = own.entrySet().iterator();
    }

    @Override
    public boolean readPiece(Consumer<Row> visitor) {
        while (stored.hasNext()) {
            if (readSegment(visitor)) {
                return true;
            }
        }
        return readOwn(visitor);
    }

    /** Gives the stored rows of the next segment whose keys the transaction did not write; whether there were any. */
    private boolean readSegment(Consumer<Row> visitor) {
        copied.clear();
        if (!stored.copyNext(copied)) {
            tx.doom();
            throw new TransactionConflictException("table " + table.schema().name() + " moved to a larger map, or was"
                    + " dropped, while a scan of it was read in pieces: the transaction must run again");
        }
        boolean any = false;
        for (int i = 0; i < copied.size(); i += 2) {
            if (own.containsKey(new ByteKey(copied.get(i)))) {
                continue;
            }
            for (Object[] v : table.decodeStored(copied.get(i + 1))) {
                visitor.accept(table.toRow(v));
                any = true;
            }
        }
        copied.clear();
        return any;
    }

    /** Gives the rows under the next keys the transaction wrote; whether there were any. */
    private boolean readOwn(Consumer<Row> visitor) {
        boolean any = false;
        for (int keys = 0; ownLeft.hasNext() && (!any || keys < OWN_KEYS_PER_PIECE_MAX); keys++) {
            Map.Entry<ByteKey, List<WriteOp>> e = ownLeft.next();
            for (Object[] v : tx.view(table, e.getKey().bytes(), e.getValue())) {
                visitor.accept(table.toRow(v));
                any = true;
            }
        }
        return any;
    }
}
