package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.Storage;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.util.List;

/**
 * A Raft node's stable log: what the core reads ({@link Storage}) plus the writes a driver makes. Thread-safe: the
 * thread holding the Raft turn saves and reads while the applying thread may {@link #createSnapshot} and
 * {@link #compact}.
 *
 * <p>Contract beyond {@link dev.mnemo.replication.raft.Ready}'s: a batch never replaces an entry at or below the
 * latest snapshot's index (those are applied, hence committed, and Raft never rewrites a committed entry). Both
 * implementations refuse such a batch whole, before changing anything, with {@link IllegalArgumentException}.
 *
 * <p>Snapshot data never passes through the store as bytes: a {@link Snapshot}'s {@code data} is empty (no
 * application state) or a {@link SnapshotRef} descriptor of a file from {@link #newSnapshot}, which the store takes
 * over when the snapshot is saved or created, and deletes once a newer snapshot supersedes it. {@link #snapshot()}
 * hands out such a descriptor, whose file stays readable at least until the next snapshot replaces it.
 */
public interface LogStore extends Storage, AutoCloseable {
    /**
     * Persists one Ready's writes as one atomic batch (after a crash: whole or absent, batches in order).
     * {@code hardState} may be {@link HardState#EMPTY} (unchanged), {@code snapshot} may be {@link Snapshot#EMPTY},
     * {@code entries} may be empty. A snapshot replaces the whole log up to its index (it must be newer than the
     * latest one; its file, if any, becomes the store's); entries then replace stored entries from their first index
     * on and must leave no gap. Not durable until {@link #sync()}.
     *
     * @throws IllegalArgumentException if the batch breaks these rules; nothing is written then
     */
    void save(HardState hardState, List<Entry> entries, Snapshot snapshot);

    /** Makes every batch saved so far durable (fsync); cheap when nothing is pending. */
    void sync();

    /** The hard state last saved ({@link HardState#EMPTY} if never). */
    HardState hardState();

    /**
     * A new file in this store's space for the data of a snapshot at {@code index}: the driver streams the
     * application's snapshot into it, the transport a snapshot from the leader. Finished, its descriptor goes to
     * {@link #createSnapshot} or, inside a {@link Snapshot}, to {@link #save}; a file never handed over is deleted
     * once a snapshot at or above {@code index} is stored (or when the store next opens).
     *
     * @throws java.io.UncheckedIOException if the file cannot be created
     */
    SnapshotOutput newSnapshot(long index);

    /**
     * Records the application's snapshot at applied index {@code index} with {@code confState}, taking over the
     * finished file {@code data} (from {@link #newSnapshot}); durable on return (together with every batch saved
     * before). Entries stay until {@link #compact}.
     *
     * @throws IllegalArgumentException if {@code index} is not above the latest snapshot's or beyond the last entry
     */
    Snapshot createSnapshot(long index, ConfState confState, SnapshotRef data);

    /**
     * Discards entries up to and including {@code index}, which must not exceed the latest snapshot's index. An
     * {@code index} the log has already discarded is a compaction done, and changes nothing: a leader's snapshot
     * saved between an applying thread's own snapshot and its compaction replaces every entry that compaction meant
     * to discard, and that thread cannot see it coming.
     *
     * @throws IllegalArgumentException if {@code index} is beyond the snapshot or the last entry
     */
    void compact(long index);

    /** Whether this store survives a process restart (file: true, memory: false). */
    boolean durable();

    /** Releases the store; a durable store syncs pending batches first. Later calls fail. */
    @Override
    void close();
}
