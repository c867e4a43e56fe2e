package dev.mnemo.engine.txn;

import dev.mnemo.engine.table.StoredValue;
import dev.mnemo.engine.table.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Applies bag writes to the rows under one key: adds keep rows distinct, removes take out the identical row. */
final class BagOps {
    private BagOps() {
    }

    private record Entry(Object[] values, StoredValue.Image image) {
    }

    /** The new stored value under the key (null if no row remains). */
    static byte[] apply(Table t, byte[] before, List<WriteOp> ops, long version) {
        List<Entry> rows = new ArrayList<>();
        if (before != null) {
            for (StoredValue.Image im : StoredValue.bagRows(before)) {
                rows.add(new Entry(t.decode(im.schemaVersion(), im.row(), 0, im.row().length), im));
            }
        }
        for (WriteOp w : ops) {
            switch (w.type()) {
                case DELETE:
                    rows.clear();
                    break;
                case BAG_REMOVE:
                    rows.removeIf(e -> Arrays.deepEquals(e.values(), decode(t, w)));
                    break;
                case BAG_ADD: case PUT: case INSERT:
                    Object[] v = decode(t, w);
                    if (rows.stream().noneMatch(e -> Arrays.deepEquals(e.values(), v))) {
                        rows.add(new Entry(v, new StoredValue.Image(w.schemaVersion(), w.row())));
                    }
                    break;
                default:
                    throw new IllegalStateException("unhandled write " + w.type());
            }
        }
        if (rows.isEmpty()) {
            return null;
        }
        List<StoredValue.Image> images = new ArrayList<>(rows.size());
        for (Entry e : rows) {
            images.add(e.image());
        }
        byte[] after = StoredValue.bag(version, images);
        if (before != null && Arrays.equals(before, 8, before.length, after, 8, after.length)) {
            return before; // same rows: the key is unchanged and keeps its version
        }
        return after;
    }

    private static Object[] decode(Table t, WriteOp w) {
        return t.decode(w.schemaVersion(), w.row(), 0, w.row().length);
    }
}
