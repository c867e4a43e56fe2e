package dev.mnemo.engine.core;

import dev.mnemo.engine.codec.ByteKey;
import dev.mnemo.engine.table.Bounds;
import dev.mnemo.engine.table.OffHeapMap;
import dev.mnemo.engine.table.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The rows of a set or bag table as one transaction sees them, each once, in hash order, a piece at a time: first
 * the stored rows, one segment of the table's map a piece, leaving out the keys the transaction wrote; then those
 * keys' rows as its writes (as they were when the walk began, {@link OwnWritesAtStart}) leave them, a bounded number
 * of keys a piece, each next key found by lookup, so that writes made meanwhile break no iterator. Keys outside the
 * walk's bounds are left out. Both hash-order scans are this walk: {@link Txn#forEach} reads it to its end or until
 * the visitor stops it, {@link PieceScan} a piece a call, however long its caller waits between them.
 *
 * <p>Once the table's map is replaced by a larger one or closed (the table grew, or was dropped), its rows no longer
 * stand where the walk expects them: the walk is then stale, gives no more rows, and dooms the transaction.
 */
final class HashOrderWalk {
    /** The most keys of the transaction's own writes whose rows one piece gives. */
    static final int OWN_KEYS_PER_PIECE_MAX = 1024;

    private final Txn tx;
    private final Table table;
    private final Bounds bounds;
    private final OffHeapMap.SegmentWalk stored;
    private final OwnWritesAtStart own;
    /** The next own key whose rows to give; null before the first is looked up, and past the last. */
    private ByteKey ownNext;
    private boolean ownBegun;
    private final List<byte[]> copied = new ArrayList<>();
    /** Set once the walk gives no more rows before its end: the visitor stopped it, or it went stale. */
    private boolean cut;
    private boolean stale;

    /**
     * @param own the transaction's writes to the table as they were when the walk began
     * @param bounds which keys the walk gives the rows of
     */
    HashOrderWalk(Txn tx, Table table, OwnWritesAtStart own, Bounds bounds) {
        this.tx = tx;
        this.table = table;
        this.bounds = bounds;
        this.stored = table.storedSegments();
        this.own = own;
    }

    /**
     * Hands the rows of the next piece that has any to {@code emit}, until it returns false. Returns true when it
     * gave rows and more may follow; false, having given none, when no rows remain or the walk went stale; false
     * also once {@code emit} stopped the walk.
     */
    boolean readPiece(Predicate<Object[]> emit) {
        boolean any = false;
        while (!any && !cut && stored.hasNext()) {
            any = readSegment(emit);
        }
        if (!any && !cut) {
            any = readOwn(emit);
        }
        return any && !cut;
    }

    /** True once a segment could not be read because the table's map was replaced or closed since the walk began. */
    boolean isStale() {
        return stale;
    }

    /** Gives the stored rows of the next segment whose keys the transaction did not write; whether there were any. */
    private boolean readSegment(Predicate<Object[]> emit) {
        copied.clear();
        if (!stored.copyNext(copied)) {
            stale = true;
            cut = true;
            tx.doom(); // what was given may miss or repeat rows
            return false;
        }
        boolean any = false;
        for (int i = 0; i < copied.size() && !cut; i += 2) {
            byte[] key = copied.get(i);
            if (bounds.contains(key) && own.ops(new ByteKey(key)) == null) {
                any |= give(table.decodeStored(copied.get(i + 1)), emit);
            }
        }
        copied.clear();
        return any;
    }

    /** Gives the rows under the next keys the transaction wrote; whether there were any. */
    private boolean readOwn(Predicate<Object[]> emit) {
        if (!ownBegun) {
            ownBegun = true;
            ownNext = own.first(bounds);
        }
        boolean any = false;
        for (int keys = 0; !cut && ownNext != null && (!any || keys < OWN_KEYS_PER_PIECE_MAX); keys++) {
            ByteKey key = ownNext;
            ownNext = own.after(key, bounds);
            any |= give(tx.view(table, key.bytes(), own.ops(key)), emit);
        }
        return any;
    }

    /** Hands rows to {@code emit} until it stops the walk; whether there were any. */
    private boolean give(List<Object[]> rows, Predicate<Object[]> emit) {
        for (Object[] v : rows) {
            if (!emit.test(v)) {
                cut = true;
                return true;
            }
        }
        return !rows.isEmpty();
    }
}
