package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.Snapshot;
import java.util.List;
import java.util.Objects;

/** The checks every {@link LogStore#save} makes before it changes anything, so that a refused batch leaves no trace. */
final class BatchRules {
    private BatchRules() {
    }

    /**
     * Checks a batch against the store's current snapshot index and last index.
     *
     * @throws IllegalArgumentException naming the broken rule
     */
    static void check(List<Entry> entries, Snapshot snapshot, long snapshotIndex, long lastIndex) {
        Objects.requireNonNull(entries, "entries");
        Objects.requireNonNull(snapshot, "snapshot");
        if (!snapshot.isEmpty()) {
            if (snapshot.index() <= snapshotIndex) {
                throw new IllegalArgumentException("snapshot " + snapshot.index() + " is not newer than "
                        + snapshotIndex);
            }
            snapshotIndex = snapshot.index();
            lastIndex = snapshot.index();
        }
        if (entries.isEmpty()) {
            return;
        }
        for (int i = 1; i < entries.size(); i++) {
            Entry prev = entries.get(i - 1);
            Entry e = entries.get(i);
            if (e.index() != prev.index() + 1 || e.term() < prev.term()) {
                throw new IllegalArgumentException("entries must have consecutive indexes and non-decreasing terms: "
                        + prev + " then " + e);
            }
        }
        long first = entries.get(0).index();
        if (first <= snapshotIndex) {
            throw new IllegalArgumentException("entries from " + first
                    + " would replace entries covered by the snapshot at " + snapshotIndex);
        }
        if (first > lastIndex + 1) {
            throw new IllegalArgumentException("entries from " + first + " would leave a gap after the last index "
                    + lastIndex);
        }
    }
}
