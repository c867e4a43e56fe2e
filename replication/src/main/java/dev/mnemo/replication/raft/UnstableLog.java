package dev.mnemo.replication.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The tail of the log the driver has not yet persisted: entries from {@code offset} on, and possibly a snapshot
 * received from the leader that precedes them. Lookups answer -1 for "not here, ask the storage".
 */
final class UnstableLog {
    private Snapshot snapshot;
    private final ArrayList<Entry> entries = new ArrayList<>();
    private long offset;

    UnstableLog(long offset) {
        this.offset = offset;
    }

    long offset() {
        return offset;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    List<Entry> entries() {
        return entries;
    }

    /** The first log index if a snapshot is pending here, else -1. */
    long maybeFirstIndex() {
        return snapshot != null ? snapshot.index() + 1 : -1;
    }

    /** The last log index if entries or a snapshot are pending here, else -1. */
    long maybeLastIndex() {
        if (!entries.isEmpty()) {
            return offset + entries.size() - 1;
        }
        return snapshot != null ? snapshot.index() : -1;
    }

    /** The term at {@code index} if this part of the log knows it, else -1. */
    long maybeTerm(long index) {
        if (index < offset) {
            return snapshot != null && snapshot.index() == index ? snapshot.term() : -1;
        }
        long last = maybeLastIndex();
        if (last < 0 || index > last) {
            return -1;
        }
        return entries.get((int) (index - offset)).term();
    }

    /** The driver persisted entries up to (index, term); they leave the unstable part if still the same. */
    void stableTo(long index, long term) {
        long known = maybeTerm(index);
        if (known != term || index < offset) {
            return; // superseded by a newer leader's entries since the Ready was taken, or already stable
        }
        entries.subList(0, (int) (index + 1 - offset)).clear();
        offset = index + 1;
    }

    void stableSnapTo(long index) {
        if (snapshot != null && snapshot.index() == index) {
            snapshot = null;
        }
    }

    void restore(Snapshot snap) {
        offset = snap.index() + 1;
        entries.clear();
        snapshot = snap;
    }

    /** Appends {@code newEntries}, replacing whatever this part of the log held from their first index on. */
    void truncateAndAppend(List<Entry> newEntries) {
        long from = newEntries.get(0).index();
        if (from == offset + entries.size()) {
            entries.addAll(newEntries);
        } else if (from <= offset) {
            offset = from; // replaces the whole unstable part (and shadows stored entries from `from` on)
            entries.clear();
            entries.addAll(newEntries);
        } else {
            entries.subList((int) (from - offset), entries.size()).clear();
            entries.addAll(newEntries);
        }
    }

    /** Entries in {@code [lo, hi)}, which must lie within this part. */
    List<Entry> slice(long lo, long hi) {
        long upper = offset + entries.size();
        Invariants.check(lo >= offset && lo <= hi && hi <= upper, "unstable slice within bounds", lo, hi, upper);
        return entries.subList((int) (lo - offset), (int) (hi - offset)); // the caller copies
    }
}
