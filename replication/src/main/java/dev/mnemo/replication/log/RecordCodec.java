package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.EntryType;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.SnapshotMetadata;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The binary form of {@link LogRecord} payloads and of snapshot metadata (big-endian; layout in package-info).
 * Decoding throws {@link IllegalArgumentException} or a {@link java.nio.BufferUnderflowException} on a malformed
 * payload; the caller turns either into a {@link CorruptLogException}.
 */
final class RecordCodec {
    static final byte BATCH = 1;
    static final byte SNAPSHOT_TAKEN = 2;
    static final byte COMPACTION = 3;
    static final byte CHECKPOINT = 4;
    /** As {@link #SNAPSHOT_TAKEN} and {@link #CHECKPOINT}, with metadata that lists removed ids. */
    static final byte SNAPSHOT_TAKEN_REMOVED = 5;
    static final byte CHECKPOINT_REMOVED = 6;

    private static final int HAS_HARD_STATE = 1;
    private static final int HAS_SNAPSHOT = 2;
    /** The batch's snapshot metadata lists removed ids. */
    private static final int HAS_REMOVED_IDS = 4;
    /** term + type + data length, per entry. */
    private static final int ENTRY_HEADER_BYTES = 8 + 1 + 4;
    private static final EntryType[] ENTRY_TYPES = EntryType.values();

    private RecordCodec() {
    }

    /** The payload size of {@code record}, as a long so that oversized batches are caught, not wrapped. */
    static long sizeBytes(LogRecord record) {
        if (record instanceof LogRecord.Batch b) {
            return 2 + (b.hardState().isEmpty() ? 0 : 24) + (b.snapshot() == null ? 0 : metadataBytes(b.snapshot()))
                    + entriesBytes(b.entries());
        } else if (record instanceof LogRecord.SnapshotTaken s) {
            return 1 + metadataBytes(s.metadata());
        } else if (record instanceof LogRecord.Compaction) {
            return 1 + 8;
        }
        LogRecord.Checkpoint c = (LogRecord.Checkpoint) record;
        return 1 + 24 + metadataBytes(c.snapshot()) + 16 + entriesBytes(c.entries());
    }

    static void encode(LogRecord record, ByteBuffer out) {
        if (record instanceof LogRecord.Batch b) {
            out.put(BATCH);
            out.put((byte) ((b.hardState().isEmpty() ? 0 : HAS_HARD_STATE) | (b.snapshot() == null ? 0
                    : HAS_SNAPSHOT | (listsRemoved(b.snapshot()) ? HAS_REMOVED_IDS : 0))));
            if (!b.hardState().isEmpty()) {
                putHardState(b.hardState(), out);
            }
            if (b.snapshot() != null) {
                putMetadata(b.snapshot(), out);
            }
            putEntries(b.entries(), out);
        } else if (record instanceof LogRecord.SnapshotTaken s) {
            out.put(listsRemoved(s.metadata()) ? SNAPSHOT_TAKEN_REMOVED : SNAPSHOT_TAKEN);
            putMetadata(s.metadata(), out);
        } else if (record instanceof LogRecord.Compaction c) {
            out.put(COMPACTION).putLong(c.index());
        } else {
            LogRecord.Checkpoint c = (LogRecord.Checkpoint) record;
            out.put(listsRemoved(c.snapshot()) ? CHECKPOINT_REMOVED : CHECKPOINT);
            putHardState(c.hardState(), out);
            putMetadata(c.snapshot(), out);
            out.putLong(c.offsetIndex()).putLong(c.offsetTerm());
            putEntries(c.entries(), out);
        }
    }

    static LogRecord decode(ByteBuffer in) {
        byte type = in.get();
        LogRecord record = switch (type) {
            case BATCH -> {
                int flags = in.get();
                if ((flags & ~(HAS_HARD_STATE | HAS_SNAPSHOT | HAS_REMOVED_IDS)) != 0
                        || (flags & (HAS_SNAPSHOT | HAS_REMOVED_IDS)) == HAS_REMOVED_IDS) {
                    throw new IllegalArgumentException("unknown batch flags " + flags);
                }
                HardState hs = (flags & HAS_HARD_STATE) != 0 ? getHardState(in) : HardState.EMPTY;
                SnapshotMetadata snap = (flags & HAS_SNAPSHOT) != 0
                        ? getMetadata(in, (flags & HAS_REMOVED_IDS) != 0) : null;
                yield new LogRecord.Batch(hs, snap, getEntries(in));
            }
            case SNAPSHOT_TAKEN, SNAPSHOT_TAKEN_REMOVED ->
                    new LogRecord.SnapshotTaken(getMetadata(in, type == SNAPSHOT_TAKEN_REMOVED));
            case COMPACTION -> new LogRecord.Compaction(in.getLong());
            case CHECKPOINT, CHECKPOINT_REMOVED -> new LogRecord.Checkpoint(getHardState(in),
                    getMetadata(in, type == CHECKPOINT_REMOVED), in.getLong(), in.getLong(), getEntries(in));
            default -> throw new IllegalArgumentException("unknown record type " + type);
        };
        if (in.hasRemaining()) {
            throw new IllegalArgumentException(in.remaining() + " bytes after the end of the record");
        }
        return record;
    }

    /**
     * Whether {@code m} is written in the layout that lists removed ids. Metadata without any keeps the earlier
     * layout, so a log that never removed a member stays as earlier versions wrote and read it.
     */
    static boolean listsRemoved(SnapshotMetadata m) {
        return !m.confState().removed().isEmpty();
    }

    static int metadataBytes(SnapshotMetadata m) {
        ConfState conf = m.confState();
        return 16 + 4 + 8 * conf.voters().size() + 4 + 8 * conf.learners().size()
                + (listsRemoved(m) ? 4 + 8 * conf.removed().size() : 0);
    }

    /** Writes {@code m}, its removed ids last if it {@link #listsRemoved lists them}. */
    static void putMetadata(SnapshotMetadata m, ByteBuffer out) {
        out.putLong(m.index()).putLong(m.term());
        putIds(m.confState().voters(), out);
        putIds(m.confState().learners(), out);
        if (listsRemoved(m)) {
            putIds(m.confState().removed(), out);
        }
    }

    /** Reads metadata that lists removed ids ({@code withRemoved}) or was written before they were kept. */
    static SnapshotMetadata getMetadata(ByteBuffer in, boolean withRemoved) {
        long index = in.getLong();
        long term = in.getLong();
        Set<Long> voters = getIds(in);
        Set<Long> learners = getIds(in);
        Set<Long> removed = withRemoved ? getIds(in) : Set.of();
        return new SnapshotMetadata(index, term, ConfState.of(voters, learners, removed));
    }

    private static void putIds(Set<Long> ids, ByteBuffer out) {
        out.putInt(ids.size());
        for (long id : ids) {
            out.putLong(id);
        }
    }

    private static Set<Long> getIds(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining() / 8) {
            throw new IllegalArgumentException("member count " + n + " exceeds the record");
        }
        Set<Long> ids = new TreeSet<>();
        for (int i = 0; i < n; i++) {
            ids.add(in.getLong());
        }
        return ids;
    }

    private static void putHardState(HardState hs, ByteBuffer out) {
        out.putLong(hs.term()).putLong(hs.vote()).putLong(hs.commit());
    }

    private static HardState getHardState(ByteBuffer in) {
        return new HardState(in.getLong(), in.getLong(), in.getLong());
    }

    private static long entriesBytes(List<Entry> entries) {
        long size = 4 + (entries.isEmpty() ? 0 : 8);
        for (Entry e : entries) {
            size += ENTRY_HEADER_BYTES + e.data().length;
        }
        return size;
    }

    /** Count, first index, then per entry term, type and data: indexes are consecutive (BatchRules checks). */
    private static void putEntries(List<Entry> entries, ByteBuffer out) {
        out.putInt(entries.size());
        if (entries.isEmpty()) {
            return;
        }
        out.putLong(entries.get(0).index());
        for (Entry e : entries) {
            out.putLong(e.term()).put((byte) e.type().ordinal()).putInt(e.data().length).put(e.data());
        }
    }

    private static List<Entry> getEntries(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining() / ENTRY_HEADER_BYTES) {
            throw new IllegalArgumentException("entry count " + n + " exceeds the record");
        }
        List<Entry> entries = new ArrayList<>(n);
        if (n == 0) {
            return entries;
        }
        long index = in.getLong();
        for (int i = 0; i < n; i++) {
            long term = in.getLong();
            int type = in.get();
            if (type < 0 || type >= ENTRY_TYPES.length) {
                throw new IllegalArgumentException("unknown entry type " + type);
            }
            int length = in.getInt();
            if (length < 0 || length > in.remaining()) {
                throw new IllegalArgumentException("entry length " + length + " exceeds the record");
            }
            byte[] data = new byte[length];
            in.get(data);
            entries.add(new Entry(term, index + i, ENTRY_TYPES[type], data));
        }
        return entries;
    }
}
