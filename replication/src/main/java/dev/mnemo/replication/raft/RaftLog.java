package dev.mnemo.replication.raft;

import java.util.ArrayList;
import java.util.List;

/**
 * The log as the core sees it: the driver's {@link Storage} followed by the {@link UnstableLog}, with the commit
 * and applied indexes. Enforces that nothing committed is ever overwritten and that commit and applied only move
 * forward.
 */
final class RaftLog {
    private final Storage storage;
    private final UnstableLog unstable;
    private final long readyCommittedBytesMax;
    private long committed;
    private long applied;

    RaftLog(Storage storage, long readyCommittedBytesMax) {
        this.storage = storage;
        this.readyCommittedBytesMax = readyCommittedBytesMax;
        long first = storage.firstIndex();
        this.unstable = new UnstableLog(storage.lastIndex() + 1);
        this.committed = first - 1;
        this.applied = first - 1;
    }

    long committed() {
        return committed;
    }

    long applied() {
        return applied;
    }

    long firstIndex() {
        long index = unstable.maybeFirstIndex();
        return index >= 0 ? index : storage.firstIndex();
    }

    long lastIndex() {
        long index = unstable.maybeLastIndex();
        return index >= 0 ? index : storage.lastIndex();
    }

    long lastTerm() {
        return term(lastIndex());
    }

    /** The term at {@code index}, which must lie in {@code [firstIndex() - 1, lastIndex()]}. */
    long term(long index) {
        long dummy = firstIndex() - 1;
        if (index < dummy) {
            throw new LogCompactedException(index, dummy);
        }
        if (index > lastIndex()) {
            throw new LogUnavailableException(index, lastIndex());
        }
        long t = unstable.maybeTerm(index);
        return t >= 0 ? t : storage.term(index);
    }

    /** The term at {@code index}, or 0 when it is compacted or beyond the log. */
    long termOrZero(long index) {
        // Bounds first: these lookups sit on the append path, where exceptions would be costly control flow.
        if (index < firstIndex() - 1 || index > lastIndex()) {
            return 0;
        }
        long t = unstable.maybeTerm(index);
        if (t >= 0) {
            return t;
        }
        try {
            return storage.term(index);
        } catch (LogCompactedException e) {
            return 0; // compacted concurrently by the application
        }
    }

    boolean matchTerm(long index, long term) {
        if (index < firstIndex() - 1 || index > lastIndex()) {
            return false;
        }
        return termOrZero(index) == term;
    }

    /** Raft's election restriction: is a log ending at (lastIndex, lastTerm) at least as up to date as ours? */
    boolean isUpToDate(long lastIndex, long lastTerm) {
        long ourTerm = lastTerm();
        return lastTerm > ourTerm || (lastTerm == ourTerm && lastIndex >= lastIndex());
    }

    /**
     * A follower's half of AppendEntries: if our entry at {@code index} has {@code logTerm}, adopt
     * {@code entries} after it (dropping only entries that conflict) and the leader's commit as far as the
     * entries just verified reach. Returns the last index known to match the leader, or -1 to reject.
     */
    long maybeAppend(long index, long logTerm, long leaderCommit, List<Entry> entries) {
        if (!matchTerm(index, logTerm)) {
            return -1;
        }
        long lastNew = index + entries.size();
        long conflict = findConflict(entries);
        if (conflict != 0) {
            Invariants.check(conflict > committed, "a committed entry is never overwritten", conflict, committed);
            append(entries.subList((int) (conflict - (index + 1)), entries.size()));
        }
        commitTo(Math.min(leaderCommit, lastNew));
        return lastNew;
    }

    /** Appends entries (the first may replace an uncommitted suffix); returns the new last index. */
    long append(List<Entry> entries) {
        if (entries.isEmpty()) {
            return lastIndex();
        }
        Entries.checkContiguous(entries, "log entries are contiguous with non-decreasing terms");
        long after = entries.get(0).index() - 1;
        Invariants.check(after >= committed, "a committed entry is never overwritten", after, committed);
        Invariants.check(after <= lastIndex(), "appends leave no gap in the log", after, lastIndex());
        Invariants.check(entries.get(0).term() >= termOrZero(after), "log terms never decrease",
                entries.get(0).term(), termOrZero(after));
        unstable.truncateAndAppend(entries);
        return lastIndex();
    }

    /**
     * The index of the first entry that is new or conflicts with ours (same index, other term), or 0 if we hold
     * all of them already.
     */
    long findConflict(List<Entry> entries) {
        for (Entry e : entries) {
            if (!matchTerm(e.index(), e.term())) {
                return e.index();
            }
        }
        return 0;
    }

    /**
     * The largest index at or below {@code index} whose term is at most {@code term}: nothing above it can match
     * a log whose entry at {@code index} has {@code term}, so a leader can skip a whole term per round trip.
     */
    long findConflictByTerm(long index, long term) {
        long i = Math.min(index, lastIndex());
        for (; i > 0; i--) {
            long t;
            try {
                t = term(i);
            } catch (LogCompactedException e) {
                return i;
            }
            if (t <= term) {
                return i;
            }
        }
        return 0;
    }

    List<Entry> unstableEntries() {
        return List.copyOf(unstable.entries());
    }

    Snapshot unstableSnapshot() {
        return unstable.snapshot();
    }

    boolean hasUnstable() {
        return unstable.snapshot() != null || !unstable.entries().isEmpty();
    }

    /** Whether committed entries wait to be applied (never while a received snapshot is still to be applied). */
    boolean hasNextCommittedEntries() {
        if (unstable.snapshot() != null) {
            return false;
        }
        return committed > Math.max(applied, firstIndex() - 1);
    }

    /** Committed entries after the applied index, at most {@code readyCommittedBytesMax} of them (one at least). */
    List<Entry> nextCommittedEntries() {
        if (!hasNextCommittedEntries()) {
            return List.of();
        }
        long lo = Math.max(applied + 1, firstIndex());
        return slice(lo, committed + 1, readyCommittedBytesMax);
    }

    /** Entries from {@code lo} to the end, at most {@code maxBytes} of them (one at least). */
    List<Entry> entriesFrom(long lo, long maxBytes) {
        if (lo > lastIndex()) {
            return List.of();
        }
        return slice(lo, lastIndex() + 1, maxBytes);
    }

    Snapshot snapshot() {
        Snapshot pending = unstable.snapshot();
        return pending != null ? pending : storage.snapshot();
    }

    void commitTo(long index) {
        if (index > committed) {
            Invariants.check(index <= lastIndex(), "the commit index lies within the log", index, lastIndex());
            committed = index;
        }
    }

    /** Commits up to {@code maxIndex} if that entry is from {@code term}: only current-term entries by counting. */
    boolean maybeCommit(long maxIndex, long term) {
        if (maxIndex > committed && termOrZero(maxIndex) == term) {
            commitTo(maxIndex);
            return true;
        }
        return false;
    }

    void appliedTo(long index) {
        Invariants.check(index >= applied && index <= committed, "applied only moves forward, up to commit",
                index, applied, committed);
        applied = index;
    }

    /**
     * At start-up: the application restarts from the snapshot at {@code snapshotIndex}, so everything up to it counts
     * as applied (and committed), even where the log still holds the entries.
     */
    void restoreApplied(long snapshotIndex) {
        Invariants.check(snapshotIndex >= firstIndex() - 1 && snapshotIndex <= lastIndex(),
                "the snapshot lies within the log", snapshotIndex, firstIndex(), lastIndex());
        committed = Math.max(committed, snapshotIndex);
        applied = Math.max(applied, snapshotIndex);
    }

    /** Sets the commit index from persisted state at start-up. */
    void restoreCommit(long index) {
        Invariants.check(index >= committed && index <= lastIndex(), "persisted commit lies within the log",
                index, committed, lastIndex());
        committed = index;
    }

    void stableTo(long index, long term) {
        unstable.stableTo(index, term);
    }

    void stableSnapTo(long index) {
        unstable.stableSnapTo(index);
    }

    /** Replaces the log with a snapshot from the leader; everything up to its index counts as committed. */
    void restore(Snapshot snap) {
        Invariants.check(snap.index() > committed, "a snapshot never rolls back the commit index", snap.index(),
                committed);
        committed = snap.index();
        unstable.restore(snap);
    }

    /** Entries in {@code [lo, hi)} from storage and the unstable tail, at most {@code maxBytes} (one at least). */
    List<Entry> slice(long lo, long hi, long maxBytes) {
        long first = firstIndex();
        if (lo < first) {
            throw new LogCompactedException(lo, first - 1);
        }
        Invariants.check(lo <= hi && hi <= lastIndex() + 1, "log slice within bounds", lo, hi, lastIndex());
        if (lo == hi) {
            return List.of();
        }
        List<Entry> result = new ArrayList<>();
        long offset = unstable.offset();
        if (lo < offset) {
            long storedHi = Math.min(hi, offset);
            List<Entry> stored = storage.entries(lo, storedHi, maxBytes);
            if (stored.size() < storedHi - lo) {
                return List.copyOf(stored); // the byte limit cut the stored part short
            }
            result.addAll(stored);
        }
        if (hi > offset) {
            result.addAll(unstable.slice(Math.max(lo, offset), hi));
        }
        return List.copyOf(Entries.limitSize(result, maxBytes));
    }
}
