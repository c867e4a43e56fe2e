package dev.mnemo.engine.core;

import dev.mnemo.engine.codec.ByteKey;
import dev.mnemo.engine.table.Bounds;
import dev.mnemo.engine.txn.WriteOp;

import java.util.Collections;
import java.util.List;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * A transaction's writes to one table, by key, as they were when a walk of it began (in key order or hash order).
 * Until the transaction writes to that table again this is its live map of writes; just before that write,
 * {@link #keep} copies them, so a walk whose visitor writes nothing copies nothing, however many writes the
 * transaction holds. The walk moves from key to key by looking the next one up, never through an iterator a write
 * would break.
 */
final class OwnWritesAtStart {
    private final long tableId;
    private NavigableMap<ByteKey, List<WriteOp>> byKey;
    private boolean copied;

    /** @param live the transaction's writes to the table by key, or null when it wrote none */
    OwnWritesAtStart(long tableId, NavigableMap<ByteKey, List<WriteOp>> live) {
        this.tableId = tableId;
        this.byKey = live == null ? Collections.emptyNavigableMap() : live;
        this.copied = live == null;
    }

    /** The writes as they are now, copied at once: for a walk read across calls, which no write can tell about. */
    static OwnWritesAtStart copied(long tableId, NavigableMap<ByteKey, List<WriteOp>> live) {
        OwnWritesAtStart own = new OwnWritesAtStart(tableId, null);
        own.byKey = copyOf(live);
        return own;
    }

    long tableId() {
        return tableId;
    }

    /** Copies the writes as they are now: called before the transaction changes its writes to the table. */
    void keep() {
        if (copied) {
            return;
        }
        byKey = copyOf(byKey);
        copied = true;
    }

    /** A copy of a transaction's writes to a table by key (none: empty) that its later writes leave as it is. */
    static TreeMap<ByteKey, List<WriteOp>> copyOf(NavigableMap<ByteKey, List<WriteOp>> writes) {
        TreeMap<ByteKey, List<WriteOp>> copy = new TreeMap<>();
        if (writes != null) {
            writes.forEach((k, ops) -> copy.put(k, List.copyOf(ops)));
        }
        return copy;
    }

    /** The writes to {@code key} when the walk began, or null. */
    List<WriteOp> ops(ByteKey key) {
        return byKey.get(key);
    }

    /** The first written key within {@code b} in its walking order, or null. */
    ByteKey first(Bounds b) {
        byte[] start = b.startKey();
        ByteKey k;
        if (start == null) {
            k = byKey.isEmpty() ? null : b.descending() ? byKey.lastKey() : byKey.firstKey();
        } else {
            ByteKey s = new ByteKey(start);
            k = b.descending() ? (b.startInclusive() ? byKey.floorKey(s) : byKey.lowerKey(s))
                    : (b.startInclusive() ? byKey.ceilingKey(s) : byKey.higherKey(s));
        }
        return within(k, b);
    }

    /** The written key after {@code key} within {@code b} in its walking order, or null. */
    ByteKey after(ByteKey key, Bounds b) {
        return within(b.descending() ? byKey.lowerKey(key) : byKey.higherKey(key), b);
    }

    /** {@code k}, or the first key after it that has reached the start of {@code b}; null past its end. */
    private ByteKey within(ByteKey k, Bounds b) {
        while (k != null && b.beforeStart(k.bytes())) {
            k = b.descending() ? byKey.lowerKey(k) : byKey.higherKey(k);
        }
        return k == null || b.beyondEnd(k.bytes()) ? null : k;
    }
}
