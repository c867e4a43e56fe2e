package dev.mnemo.engine.index;

import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.Bytes;
import dev.mnemo.engine.offheap.OffHeapSortedSet;
import dev.mnemo.engine.table.OffHeapMap;
import dev.mnemo.engine.table.Reclaimer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A secondary index from encoded index values to the primary keys of the rows that hold them, kept off-heap.
 * A hash index maps each index key to its list of primary keys; an ordered index keeps the composite
 * (index key, primary key) in a sorted set, so both prefix lookups and range scans walk it in order.
 * The applier thread alone writes; readers never lock.
 */
public final class SecondaryIndex implements AutoCloseable {

    private final IndexDef def;
    private final OffHeapMap hash;
    private final OffHeapSortedSet sorted;
    private final int keyBytesMax;

    public SecondaryIndex(String tableName, IndexDef def, int keyBytesMax, long entriesMax, Reclaimer reclaimer) {
        this.def = def;
        this.keyBytesMax = keyBytesMax;
        if (def.isOrdered()) {
            int compositeBytesMax = keyBytesMax * 2;
            this.sorted = new OffHeapSortedSet(OffHeapSortedSet.pageBytesFor(compositeBytesMax), compositeBytesMax);
            this.hash = null;
        } else {
            this.hash = new OffHeapMap(tableName + "." + def.name(), 16, 24, entriesMax, reclaimer);
            this.sorted = null;
        }
    }

    public IndexDef def() {
        return def;
    }

    /** Adds the entry (indexKey → primaryKey). */
    public void add(byte[] indexKey, byte[] primaryKey) {
        if (sorted != null) {
            sorted.add(concat(indexKey, primaryKey));
            return;
        }
        byte[] old = hash.get(indexKey);
        List<byte[]> keys = old == null ? new ArrayList<>(1) : unpack(old);
        for (byte[] k : keys) {
            if (Arrays.equals(k, primaryKey)) {
                return;
            }
        }
        keys.add(primaryKey);
        hash.put(indexKey, pack(keys), old);
    }

    /** Removes the entry (indexKey → primaryKey) if present. */
    public void remove(byte[] indexKey, byte[] primaryKey) {
        if (sorted != null) {
            sorted.remove(concat(indexKey, primaryKey));
            return;
        }
        byte[] old = hash.get(indexKey);
        if (old == null) {
            return;
        }
        List<byte[]> keys = unpack(old);
        keys.removeIf(k -> Arrays.equals(k, primaryKey));
        if (keys.isEmpty()) {
            hash.remove(indexKey);
        } else {
            hash.put(indexKey, pack(keys), old);
        }
    }

    /** The primary keys of rows whose index values encode exactly to {@code indexKey}. */
    public List<byte[]> lookup(byte[] indexKey) {
        if (sorted == null) {
            byte[] packed = hash.get(indexKey);
            return packed == null ? new ArrayList<>() : unpack(packed);
        }
        List<byte[]> out = new ArrayList<>();
        sorted.forEach(indexKey, true, false, composite -> {
            if (!startsWith(composite, indexKey)) {
                return false;
            }
            out.add(Arrays.copyOfRange(composite, indexKey.length, composite.length));
            return true;
        });
        return out;
    }

    /**
     * Visits composite entries (index key followed by primary key) of an ordered index in order, starting at
     * {@code from} (an encoded index-key prefix; null for an end), until the visitor returns false.
     */
    public void scan(byte[] from, boolean fromInclusive, boolean descending, Predicate<byte[]> visitor) {
        if (sorted == null) {
            throw new IllegalStateException("index " + def.name() + " is a hash index and has no order");
        }
        sorted.forEach(from, fromInclusive, descending, visitor);
    }

    public void clear() {
        if (sorted != null) {
            sorted.clear();
        } else {
            hash.clear();
        }
    }

    /** The longest index key accepted, in encoded bytes. */
    public int keyBytesMax() {
        return keyBytesMax;
    }

    static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] pack(List<byte[]> keys) {
        ByteSink out = new ByteSink(keys.size() * 12 + 2);
        out.putVarint(keys.size());
        for (byte[] k : keys) {
            out.putBlob(k);
        }
        return out.toByteArray();
    }

    private static List<byte[]> unpack(byte[] packed) {
        Bytes.Reader r = new Bytes.Reader(packed);
        int n = (int) r.getVarint();
        List<byte[]> out = new ArrayList<>(n + 1);
        for (int i = 0; i < n; i++) {
            out.add(r.getBlob());
        }
        return out;
    }

    @Override
    public void close() {
        if (sorted != null) {
            sorted.close();
        } else {
            hash.close();
        }
    }
}
