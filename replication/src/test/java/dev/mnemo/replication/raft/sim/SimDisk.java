package dev.mnemo.replication.raft.sim;

import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.MemoryStorage;
import dev.mnemo.replication.raft.Snapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One node's simulated disk. Each {@link dev.mnemo.replication.raft.Ready} is written as one batch (snapshot,
 * entries, hard state) that is durable only once synced. A crash keeps the synced state plus a random prefix of
 * the unsynced batches: the tail of the write-behind is torn off at a batch boundary (batches are checksummed,
 * so a torn batch is discarded whole on recovery).
 */
final class SimDisk {
    /** One Ready's writes. */
    record Batch(Snapshot snapshot, List<Entry> entries, HardState hardState) {
    }

    private Snapshot snapshot = Snapshot.EMPTY;
    private final ArrayList<Entry> entries = new ArrayList<>(); // contiguous, after the snapshot's index
    private HardState hardState = HardState.EMPTY;
    private final List<Batch> unsynced = new ArrayList<>();

    static SimDisk bootstrapped(Snapshot bootstrap) {
        SimDisk disk = new SimDisk();
        disk.snapshot = bootstrap;
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
            entries.clear();
        }
        appendDurably(b.entries());
        if (!b.hardState().isEmpty()) {
            hardState = b.hardState();
        }
    }

    private void appendDurably(List<Entry> newEntries) {
        for (Entry e : newEntries) {
            if (e.index() <= snapshot.index()) {
                continue;
            }
            long offset = snapshot.index() + 1;
            int pos = (int) (e.index() - offset);
            if (pos > entries.size()) {
                throw new AssertionError("disk write leaves a gap at " + e.index());
            }
            if (pos < entries.size()) {
                entries.subList(pos, entries.size()).clear();
            }
            entries.add(e);
        }
    }

    /** Replaces the log up to {@code snap}'s index by the snapshot (the application compacted its log). */
    void compact(Snapshot snap) {
        if (!unsynced.isEmpty()) {
            throw new AssertionError("compaction with unsynced writes");
        }
        long drop = snap.index() - snapshot.index();
        entries.subList(0, (int) Math.min(drop, entries.size())).clear();
        snapshot = snap;
    }

    Snapshot snapshot() {
        return snapshot;
    }

    /** A fresh in-memory storage with this disk's durable contents, as a restarted process would load it. */
    MemoryStorage load() {
        MemoryStorage storage = new MemoryStorage();
        if (!snapshot.isEmpty()) {
            storage.applySnapshot(snapshot);
        }
        storage.append(entries);
        storage.setHardState(hardState);
        return storage;
    }
}
