package dev.mnemo.engine.index;

import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.offheap.OffHeapSortedSet;
import dev.mnemo.engine.table.OffHeapMap;
import dev.mnemo.engine.table.Reclaimer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

/**
 * A secondary index from encoded index values to the primary keys of the rows that hold them, kept off-heap.
 * Entries are (index key, primary key) pairs in an off-heap sorted set, so a lookup is a prefix walk and an
 * ordered index also answers ranges; any number of rows may share a value at O(log n) per change. A unique
 * hash index also keeps a hash map from index key to primary key for its entries without NULLs, so its
 * equality lookups are one hash probe. The applier thread alone writes; readers never lock.
 */
public final class SecondaryIndex implements AutoCloseable {
    private final IndexDef def;
    private final OffHeapSortedSet sorted;
    private final OffHeapMap unique;
    private final Reclaimer reclaimer;

    public SecondaryIndex(String tableName, IndexDef def, int keyBytesMax, long entriesMax, Reclaimer reclaimer) {
        this.def = def;
        this.reclaimer = reclaimer;
        int compositeBytesMax = keyBytesMax * 2;
        this.sorted = new OffHeapSortedSet(OffHeapSortedSet.pageBytesFor(compositeBytesMax), compositeBytesMax);
        this.unique = def.isUnique() && !def.isOrdered()
                ? new OffHeapMap(tableName + "." + def.name(), 16, 16, entriesMax, reclaimer) : null;
    }

    public IndexDef def() {
        return def;
    }

    private boolean hashed(boolean hasNull) {
        return unique != null && !hasNull;
    }

    /** Adds the entry (indexKey → primaryKey); {@code hasNull} says whether an indexed value is NULL. */
    public void add(byte[] indexKey, boolean hasNull, byte[] primaryKey) {
        if (hashed(hasNull)) {
            unique.reserve(1);
            unique.put(indexKey, primaryKey, unique.get(indexKey));
        } else {
            sorted.add(concat(indexKey, primaryKey));
        }
    }

    /** Removes the entry (indexKey → primaryKey) if present. */
    public void remove(byte[] indexKey, boolean hasNull, byte[] primaryKey) {
        if (hashed(hasNull)) {
            byte[] holder = unique.get(indexKey);
            if (holder != null && Arrays.equals(holder, primaryKey)) {
                unique.remove(indexKey);
            }
        } else {
            sorted.remove(concat(indexKey, primaryKey));
        }
    }

    /** The primary keys of rows whose index values encode exactly to {@code indexKey}. */
    public List<byte[]> lookup(byte[] indexKey, boolean hasNull) {
        List<byte[]> out = new ArrayList<>(1);
        if (hashed(hasNull)) {
            byte[] holder = unique.get(indexKey);
            if (holder != null) {
                out.add(holder);
            }
            return out;
        }
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
     * Whether the equality lookups of index keys so ({@code hasNull}: with a NULL value) are one hash probe of
     * {@link #lookup} (a unique hash index, no NULL) rather than a walk of {@link #entries}, which holds none of them.
     */
    public boolean isProbed(boolean hasNull) {
        return hashed(hasNull);
    }

    /**
     * Copies up to {@code max} composite entries (index key followed by primary key) into {@code out} in order,
     * ascending or descending, starting at {@code from} (an encoded index-key prefix, or null for an end; with
     * {@code fromInclusive} an entry equal to it is copied), and returns how many: a walk its caller resumes after
     * the last entry copied, holding no lock in between. A hash index keeps its entries in order too (all but a
     * unique one's without NULL, see {@link #isProbed}), so a walk within one index key is its equality lookup.
     */
    public int entries(byte[] from, boolean fromInclusive, boolean descending, int max, List<byte[]> out) {
        return sorted.next(from, fromInclusive, descending, max, out);
    }

    /**
     * Visits the composite entries of the sorted part (every entry but a unique hash index's without NULL, see
     * {@link #isProbed}) in ascending order from {@code from} ({@link #entries} bounds), until the visitor returns
     * false: validation re-walks a range so, with applies held off.
     */
    public void forEachEntry(byte[] from, boolean fromInclusive, Predicate<byte[]> visitor) {
        sorted.forEach(from, fromInclusive, false, visitor);
    }

    public void clear() {
        sorted.clear();
        if (unique != null) {
            unique.clear();
        }
    }

    static boolean startsWith(byte[] a, byte[] prefix) {
        return a.length >= prefix.length && Arrays.equals(a, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Hands the off-heap parts to the reclaimer: readers that still hold this index finish safely. */
    @Override
    public void close() {
        reclaimer.retire(sorted);
        if (unique != null) {
            unique.close();
        }
    }
}
