package dev.mnemo.replication.raft;

import java.util.Arrays;
import java.util.Objects;

/**
 * One log entry, the unit Raft orders, replicates and commits. The payload array is shared, never copied: nobody
 * may modify it after the entry is created.
 */
public record Entry(long term, long index, EntryType type, byte[] data) {
    /** Bytes charged per entry on top of its payload (term, index, type) when limits are enforced. */
    public static final int OVERHEAD_BYTES = 24;

    private static final byte[] NO_DATA = new byte[0];

    public Entry {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(data, "data");
        if (term < 0 || index < 0) {
            throw new IllegalArgumentException("term and index must not be negative: " + term + "/" + index);
        }
    }

    /** A normal entry with {@code data}. */
    public static Entry normal(long term, long index, byte[] data) {
        return new Entry(term, index, EntryType.NORMAL, data);
    }

    /** The empty entry a new leader appends to commit the entries of earlier terms. */
    public static Entry empty(long term, long index) {
        return new Entry(term, index, EntryType.NORMAL, NO_DATA);
    }

    /** A membership change entry. */
    public static Entry confChange(long term, long index, ConfChange change) {
        return new Entry(term, index, EntryType.CONF_CHANGE, change.encode());
    }

    /** The size this entry is charged for against byte limits. */
    public long sizeBytes() {
        return OVERHEAD_BYTES + (long) data.length;
    }

    /** The same entry placed at another term and index (the leader stamps proposals this way). */
    Entry at(long newTerm, long newIndex) {
        return new Entry(newTerm, newIndex, type, data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Entry e && e.term == term && e.index == index && e.type == type
                && Arrays.equals(e.data, data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(term, index, type) * 31 + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Entry{" + index + "@" + term + (type == EntryType.NORMAL ? "" : " " + type) + ", "
                + data.length + "B}";
    }
}
