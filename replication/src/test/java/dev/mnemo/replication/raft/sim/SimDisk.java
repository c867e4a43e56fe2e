package dev.mnemo.replication.raft.sim;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.MemoryStorage;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One node's simulated disk. Each {@link dev.mnemo.replication.raft.Ready} is written as one batch (snapshot,
 * entries, hard state) that is durable only once synced. A crash keeps the synced state plus a random prefix of
 * the unsynced batches: the tail of the write-behind is torn off at a batch boundary (batches are checksummed,
 * so a torn batch is discarded whole on recovery). Like the file log, it may keep entries behind its snapshot.
 */
final class SimDisk {
    /** One Ready's writes. */
    record Batch(Snapshot snapshot, List<Entry> entries, HardState hardState) {
    }

    private Snapshot snapshot = Snapshot.EMPTY;
    /** The compaction point: entries start after it; at or below the snapshot's index. */
    private long offsetIndex;
    private long offsetTerm;
    private final ArrayList<Entry> entries = new ArrayList<>(); // contiguous, after the offset
    private HardState hardState = HardState.EMPTY;
    private final List<Batch> unsynced = new ArrayList<>();

    static SimDisk bootstrapped(Snapshot bootstrap) {
        SimDisk disk = new SimDisk();
        disk.snapshot = bootstrap;
        disk.offsetIndex = bootstrap.index();
        disk.offsetTerm = bootstrap.term();
        disk.hardState = new HardState(1, 0, 1);
        return disk;
    }

    void write(Batch batch) {
        unsynced.add(batch);
    }

    boolean hasUnsynced() {
        return !unsynced.isEmpty();
    }

    /** Makes every written batch durable. */
    void sync() {
        for (Batch b : unsynced) {
            applyDurably(b);
        }
        unsynced.clear();
    }

    /** Loses the unsynced tail, keeping a random prefix of it; returns how many batches survived. */
    int crash(SplittableRandom random) {
        int kept = unsynced.isEmpty() ? 0 : random.nextInt(unsynced.size() + 1);
        for (int i = 0; i < kept; i++) {
            applyDurably(unsynced.get(i));
        }
        unsynced.clear();
        return kept;
    }

    private void applyDurably(Batch b) {
        if (!b.snapshot().isEmpty()) {
            snapshot = b.snapshot();
            offsetIndex = snapshot.index();
            offsetTerm = snapshot.term();
            entries.clear();
        }
        appendDurably(b.entries());
        if (!b.hardState().isEmpty()) {
            hardState = b.hardState();
        }
    }

    private void appendDurably(List<Entry> newEntries) {
        for (Entry e : newEntries) {
            if (e.index() <= offsetIndex) {
                continue;
            }
            int pos = (int) (e.index() - offsetIndex - 1);
            if (pos > entries.size()) {
                throw new AssertionError("disk write leaves a gap at " + e.index());
            }
            if (pos < entries.size()) {
                entries.subList(pos, entries.size()).clear();
            }
            entries.add(e);
        }
    }

    /** Records the application's snapshot {@code snap} and discards the entries up to {@code compactIndex}. */
    void compact(Snapshot snap, long compactIndex) {
        if (!unsynced.isEmpty()) {
            throw new AssertionError("compaction with unsynced writes");
        }
        if (compactIndex < offsetIndex || compactIndex > snap.index()) {
            throw new AssertionError("compaction to " + compactIndex + " outside [" + offsetIndex + ", "
                    + snap.index() + "]");
        }
        if (compactIndex > offsetIndex) {
            int drop = (int) (compactIndex - offsetIndex);
            offsetTerm = entries.get(drop - 1).term();
            entries.subList(0, drop).clear();
            offsetIndex = compactIndex;
        }
        snapshot = snap;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** A fresh in-memory storage with this disk's durable contents, as a restarted process would load it. */
    MemoryStorage load() {
        MemoryStorage storage = new MemoryStorage();
        if (offsetIndex == snapshot.index() && !snapshot.isEmpty()) {
            storage.applySnapshot(snapshot);
        } else if (offsetIndex > 0) {
            storage.applySnapshot(new Snapshot(new SnapshotMetadata(offsetIndex, offsetTerm, ConfState.EMPTY),
                    new byte[0]));
        }
        storage.append(entries);
        if (snapshot.index() > offsetIndex) {
            storage.createSnapshot(snapshot.index(), snapshot.metadata().confState(), snapshot.data());
        }
        storage.setHardState(hardState);
        return storage;
    }
}
