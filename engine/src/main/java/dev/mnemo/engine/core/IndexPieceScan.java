package dev.mnemo.engine.core;

import dev.mnemo.engine.IndexScan;
import dev.mnemo.engine.Row;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.engine.TransactionConflictException;
import dev.mnemo.engine.codec.ByteKey;
import dev.mnemo.engine.index.SecondaryIndex;
import dev.mnemo.engine.table.Bounds;
import dev.mnemo.engine.table.Catalog;
import dev.mnemo.engine.table.Table;
import dev.mnemo.engine.txn.ReadItem;
import dev.mnemo.engine.txn.WriteOp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * An {@link IndexScan} inside one transaction attempt. It walks the index's entries in order a bounded run at a
 * time, resuming after the last entry copied, and reads each entry's row by its primary key, leaving out the keys the
 * transaction wrote; the rows those keys hold as its writes leave them (computed when the scan begins: they are as
 * many as its writes, which are on the heap already) are merged in at their place in index order. The heap holds a
 * run of entries and a piece of rows, never every row matched.
 *
 * <p>After each piece the transaction records what the scan covered so far, as one read that the next piece widens:
 * the entries from the start of the range up to the last one it took from the index (all of the range once it took
 * them all), how many those were, and the table's version when the scan began. Every entry it took counts, whether
 * or not its row was given (an own write hides it, a limit stopped before it, a change since left it out), so the
 * read stays valid exactly while that part of the index holds as many entries, none of them newer than the scan.
 */
final class IndexPieceScan implements IndexScan {
    /** Entries the first walk of the index copies: a lookup of one row or a small LIMIT copies few. */
    private static final int WALK_ENTRIES_FIRST = 16;
    /** The most entries one walk copies; each later walk copies four times the last, up to this. */
    private static final int WALK_ENTRIES_MAX = 256;

    private final Txn tx;
    private final Catalog catalog;
    private final Table table;
    private final Table.Shape shape;
    private final int index;
    private final SecondaryIndex ix;
    private final Bounds bounds;
    /** The index key a unique hash index answers by one probe, or null when the scan walks the entries. */
    private final byte[] probed;
    /** The primary keys the transaction had written when the scan began: their rows come from {@link #own}. */
    private final Set<ByteKey> ownKeys;
    /** The rows those writes leave in the range, in walking order. */
    private final Iterator<Map.Entry<ByteKey, Object[]>> own;
    private Map.Entry<ByteKey, Object[]> nextOwn;

    private final List<byte[]> walked = new ArrayList<>();
    private int walkedNext;
    private byte[] walkFrom;
    private boolean walkFromInclusive;
    private int walkEntries = WALK_ENTRIES_FIRST;
    private boolean walkOver;
    /** The next committed entry in the range, taken from {@link #walked} but not yet merged. */
    private byte[] nextEntry;
    /** Rows merged and not yet given: an entry's rows (a bag key's may be several), or an own row. */
    private final ArrayDeque<Object[]> ready = new ArrayDeque<>();
    /** Rows the range's limit still allows. */
    private long left;
    /** The table's version when the scan began: the version of the read it records. */
    private final long seen;
    /** The entries within the bounds taken from the index so far, and the last of them. */
    private long taken;
    private byte[] lastTaken;
    private final Txn.WalkSlot slot = new Txn.WalkSlot();

    IndexPieceScan(Txn tx, Catalog catalog, Table table, Table.Shape shape, int index, Bounds bounds, long limit,
                   NavigableMap<ByteKey, List<WriteOp>> ownWrites, boolean hasNull) {
        this.tx = tx;
        this.catalog = catalog;
        this.table = table;
        this.seen = table.modVersion(); // before any entry is taken, as a key walk reads it
        this.shape = shape;
        this.index = index;
        this.ix = shape.indexes().get(index);
        this.bounds = bounds;
        this.left = limit;
        this.probed = ix.isProbed(hasNull) ? bounds.from() : null;
        // A copy: the keys written while the scan is read must not hide their committed rows from it.
        this.ownKeys = ownWrites == null ? Set.of() : new HashSet<>(ownWrites.keySet());
        TreeMap<ByteKey, Object[]> ownRows = ownWrites == null ? new TreeMap<>() : ownRows(ownWrites);
        this.own = (bounds.descending() ? ownRows.descendingMap() : ownRows).entrySet().iterator();
        this.nextOwn = own.hasNext() ? own.next() : null;
        this.walkFrom = bounds.startKey();
        this.walkFromInclusive = bounds.startInclusive();
    }

    @Override
    public boolean readPiece(int rowsMax, Consumer<Row> visitor) {
        if (rowsMax <= 0) {
            throw new IllegalArgumentException("a piece must allow at least one row, got " + rowsMax);
        }
        checkCurrent();
        int given = 0;
        try {
            for (Object[] v; given < rowsMax && left > 0 && (v = nextRow()) != null; given++, left--) {
                visitor.accept(table.toRow(v));
            }
        } finally {
            recordRead();
        }
        return given > 0;
    }

    /** Records the part of the index taken so far (see the class comment), once the scan took any of it. */
    private void recordRead() {
        boolean whole = walkOver && walkedNext == walked.size();
        if (!whole && lastTaken == null) {
            return;
        }
        Bounds covered = bounds.coveredUpTo(whole ? null : lastTaken);
        tx.recordIndexWalk(table, ReadItem.indexRange(table.tableId(), ix.def().name(), shape.schema().version(),
                probed != null, covered, taken, seen), slot);
    }

    /**
     * Fails the scan, and dooms its transaction, once its table was dropped or altered: the index walked may then be
     * retired (and soon closed), and rows decode in another schema than the one its keys were made in. Checked before
     * each piece, so that a piece runs within the reclaimer's grace period of the index it walks.
     */
    private void checkCurrent() {
        if (catalog.byId(table.tableId()) != table || table.shape() != shape) {
            tx.doom();
            throw new TransactionConflictException("table " + shape.schema().name() + " was dropped or altered while"
                    + " an index scan of it was read in pieces: the transaction must run again");
        }
    }

    /** The next row in walking order, the committed entries and the own rows merged; null after the last. */
    private Object[] nextRow() {
        while (ready.isEmpty()) {
            if (nextEntry == null) {
                nextEntry = nextCommittedEntry();
            }
            if (nextOwn != null && (nextEntry == null || bounds.precedes(nextOwn.getKey().bytes(), nextEntry))) {
                ready.add(nextOwn.getValue());
                nextOwn = own.hasNext() ? own.next() : null;
            } else if (nextEntry != null) {
                addCommittedRows(nextEntry);
                nextEntry = null;
            } else {
                return null;
            }
        }
        return ready.poll();
    }

    /** The next entry of the index within the bounds, walking on when the entries copied are used up; or null. */
    private byte[] nextCommittedEntry() {
        while (true) {
            if (walkedNext == walked.size()) {
                if (walkOver) {
                    return null;
                }
                walkOn();
                continue;
            }
            byte[] composite = walked.get(walkedNext++);
            if (bounds.beforeStart(composite)) {
                continue;
            }
            if (bounds.beyondEnd(composite)) {
                walkOver = true;
                walked.clear();
                walkedNext = 0;
                return null;
            }
            taken++;
            lastTaken = composite;
            return composite;
        }
    }

    /** Copies the next run of entries: the one probe of a unique hash index, or entries after the last copied. */
    private void walkOn() {
        walked.clear();
        walkedNext = 0;
        if (probed != null) {
            for (byte[] pk : ix.lookup(probed, false)) {
                walked.add(concat(probed, pk));
            }
            walkOver = true;
            return;
        }
        int n = ix.entries(walkFrom, walkFromInclusive, bounds.descending(), walkEntries, walked);
        if (n > 0) {
            walkFrom = walked.get(n - 1);
            walkFromInclusive = false;
        }
        walkOver = n < walkEntries;
        walkEntries = Math.min(WALK_ENTRIES_MAX, walkEntries * 4);
    }

    /**
     * Adds the committed rows of an entry: those stored under its primary key whose index key is the entry's (a bag
     * key's rows may have other values, each with an entry of its own), unless the transaction wrote that key.
     */
    private void addCommittedRows(byte[] composite) {
        TableSchema s = shape.schema();
        int split = Table.indexKeyLength(s, index, composite);
        byte[] pk = Arrays.copyOfRange(composite, split, composite.length);
        if (ownKeys.contains(new ByteKey(pk))) {
            return;
        }
        byte[] stored = table.stored(pk);
        if (stored == null) {
            return; // deleted since the entry was copied: the table's version, read when the scan began, has moved
        }
        List<Object[]> rows = table.decodeStored(stored);
        for (int r = 0; r < rows.size(); r++) {
            Object[] v = rows.get(bounds.descending() ? rows.size() - 1 - r : r);
            byte[] ik = table.indexKeyOf(s, index, v);
            if (Arrays.equals(ik, 0, ik.length, composite, 0, split)) {
                ready.add(v);
            }
        }
    }

    /** The rows the transaction's writes leave in the range, by index key, primary key and place under that key. */
    private TreeMap<ByteKey, Object[]> ownRows(NavigableMap<ByteKey, List<WriteOp>> ownWrites) {
        TableSchema s = shape.schema();
        TreeMap<ByteKey, Object[]> found = new TreeMap<>();
        for (Map.Entry<ByteKey, List<WriteOp>> e : ownWrites.entrySet()) {
            byte[] pk = e.getKey().bytes();
            int n = 0;
            for (Object[] v : tx.view(table, pk, e.getValue())) {
                byte[] ik = table.indexKeyOf(s, index, v);
                if (bounds.contains(ik)) {
                    found.put(sortKey(ik, pk, n++), v);
                }
            }
        }
        return found;
    }

    /**
     * Index key, primary key, then the row's place under that key: an entry's composite followed by the place. A
     * committed entry never has an own row's primary key, and encoded keys never extend one another, so the two
     * compare by their first differing byte, as the index orders them.
     */
    private static ByteKey sortKey(byte[] indexKey, byte[] pk, int n) {
        byte[] out = Arrays.copyOf(concat(indexKey, pk), indexKey.length + pk.length + Integer.BYTES);
        for (int b = 0; b < Integer.BYTES; b++) {
            out[out.length - 1 - b] = (byte) (n >>> (8 * b));
        }
        return new ByteKey(out);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
