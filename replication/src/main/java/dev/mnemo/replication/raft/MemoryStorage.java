package dev.mnemo.replication.raft;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link Storage} held in memory: for tests, the simulator, and {@code ram} tables, whose durability comes from
 * the other replicas. Methods are synchronized so that an applying thread may compact while the Raft turn reads.
 */
public final class MemoryStorage implements Storage {
    private HardState hardState = HardState.EMPTY;
    private Snapshot snapshot = Snapshot.EMPTY;
    /** {@code entries.get(0)} is a placeholder carrying the snapshot's index and term; real entries follow. */
    private final ArrayList<Entry> entries = new ArrayList<>();

    public MemoryStorage() {
        entries.add(Entry.empty(0, 0));
    }

    /** A founding member's storage: the {@link Snapshot#bootstrap bootstrap snapshot} and term 1. */
    public static MemoryStorage bootstrap(ConfState initial) {
        MemoryStorage storage = new MemoryStorage();
        storage.applySnapshot(Snapshot.bootstrap(initial));
        storage.setHardState(new HardState(1, 0, 1));
        return storage;
    }

    @Override
    public synchronized InitialState initialState() {
        return new InitialState(hardState, snapshot.metadata().confState(), snapshot.index());
    }

    public synchronized HardState hardState() {
        return hardState;
    }

    public synchronized void setHardState(HardState state) {
        hardState = Objects.requireNonNull(state, "state");
    }

    private long offset() {
        return entries.get(0).index();
    }

    @Override
    public synchronized long firstIndex() {
        return offset() + 1;
    }

    @Override
    public synchronized long lastIndex() {
        return offset() + entries.size() - 1;
    }

    @Override
    public synchronized long term(long index) {
        long offset = offset();
        if (index < offset) {
            throw new LogCompactedException(index, offset);
        }
        if (index > lastIndex()) {
            throw new LogUnavailableException(index, lastIndex());
        }
        return entries.get((int) (index - offset)).term();
    }

    @Override
    public synchronized List<Entry> entries(long lo, long hi, long maxBytes) {
        long offset = offset();
        if (lo <= offset) {
            throw new LogCompactedException(lo, offset);
        }
        if (hi > lastIndex() + 1 || lo > hi) {
            throw new IllegalArgumentException("entries [" + lo + ", " + hi + ") out of bounds, last index "
                    + lastIndex());
        }
        List<Entry> slice = entries.subList((int) (lo - offset), (int) (hi - offset));
        return new ArrayList<>(Entries.limitSize(slice, maxBytes));
    }

    @Override
    public synchronized Snapshot snapshot() {
        return snapshot;
    }

    /** Replaces the whole log with {@code snap} (a snapshot received from the leader, or loaded at start). */
    public synchronized void applySnapshot(Snapshot snap) {
        if (snap.index() <= snapshot.index()) {
            throw new IllegalArgumentException("snapshot " + snap.index() + " is not newer than " + snapshot.index());
        }
        snapshot = snap;
        entries.clear();
        entries.add(Entry.empty(snap.term(), snap.index()));
    }

    /**
     * Records a snapshot of the application state at {@code index} (which the application has applied) with the
     * configuration in force there; entries are kept until {@link #compact}.
     */
    public synchronized Snapshot createSnapshot(long index, ConfState confState, byte[] data) {
        if (index <= snapshot.index()) {
            throw new IllegalArgumentException("snapshot " + index + " is not newer than " + snapshot.index());
        }
        if (index > lastIndex()) {
            throw new IllegalArgumentException("snapshot " + index + " is beyond the last index " + lastIndex());
        }
        snapshot = new Snapshot(new SnapshotMetadata(index, term(index), confState), data);
        return snapshot;
    }

    /**
     * Discards entries up to and including {@code compactIndex}, which must be applied and covered by a snapshot
     * the application can still serve.
     */
    public synchronized void compact(long compactIndex) {
        long offset = offset();
        if (compactIndex <= offset) {
            throw new LogCompactedException(compactIndex, offset);
        }
        if (compactIndex > lastIndex()) {
            throw new IllegalArgumentException("compact " + compactIndex + " beyond last index " + lastIndex());
        }
        if (compactIndex > snapshot.index()) {
            throw new IllegalArgumentException("compact " + compactIndex + " beyond the snapshot at "
                    + snapshot.index() + ": followers could no longer catch up");
        }
        int cut = (int) (compactIndex - offset);
        Entry placeholder = Entry.empty(entries.get(cut).term(), compactIndex);
        entries.subList(0, cut + 1).clear();
        entries.add(0, placeholder);
    }

    /**
     * Appends {@code newEntries}, first discarding any stored entries from the first new index on (they lost to
     * a newer leader). Entries at or below the compaction point are skipped.
     */
    public synchronized void append(List<Entry> newEntries) {
        if (newEntries.isEmpty()) {
            return;
        }
        Entries.checkContiguous(newEntries, "appended entries are contiguous");
        long offset = offset();
        long first = newEntries.get(0).index();
        long last = newEntries.get(newEntries.size() - 1).index();
        if (last <= offset) {
            return;
        }
        List<Entry> fresh = first <= offset ? newEntries.subList((int) (offset + 1 - first), newEntries.size())
                : newEntries;
        long from = fresh.get(0).index();
        Invariants.check(from <= lastIndex() + 1, "storage appends leave no gap", from, lastIndex());
        entries.subList((int) (from - offset), entries.size()).clear();
        entries.addAll(fresh);
    }
}
