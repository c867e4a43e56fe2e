package dev.mnemo.replication.raft;

import java.util.List;

/**
 * The stable part of a node's log, as the core reads it. The driver writes to it (from each {@link Ready}) and
 * the core only reads. Indexes below {@link #firstIndex()} are compacted into {@link #snapshot()}; the entry just
 * before the first one (the snapshot's index) still has a known {@link #term}.
 */
public interface Storage {
    /** The persisted hard state and the configuration of the latest snapshot. */
    InitialState initialState();

    /**
     * Entries with indexes in {@code [lo, hi)}, stopping before the total would exceed {@code maxBytes} (counted
     * by {@link Entry#sizeBytes()}) but always returning at least one entry when the range is not empty.
     *
     * @throws LogCompactedException if {@code lo < firstIndex()}
     * @throws IllegalArgumentException if {@code hi > lastIndex() + 1} or {@code lo > hi}
     */
    List<Entry> entries(long lo, long hi, long maxBytes);

    /**
     * The term of the entry at {@code index}, for {@code index} in {@code [firstIndex() - 1, lastIndex()]}.
     *
     * @throws LogCompactedException below that range
     * @throws LogUnavailableException above it
     */
    long term(long index);

    /**
     * The index of the first entry still available: the snapshot's index + 1, or less when the log keeps entries
     * behind its snapshot for followers to catch up from (a restarted node does not apply those again).
     */
    long firstIndex();

    /** The index of the last entry (the snapshot's index when there are no entries). */
    long lastIndex();

    /**
     * The most recent snapshot.
     *
     * @throws SnapshotUnavailableException if it is temporarily unavailable
     */
    Snapshot snapshot();
}
