package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.InitialState;
import dev.mnemo.replication.raft.MemoryStorage;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A {@link LogStore} in memory, around {@link MemoryStorage}: for {@code ram} tables, whose durability comes from
 * the other replicas, and as the model the file store is tested against. {@link #sync()} has nothing to do.
 *
 * <p>Snapshot data alone lives in files, in a private temporary directory deleted on {@link #close()} (nothing in
 * it is ever read back after a restart). A process that dies without closing its store (killed, or a crash) leaves
 * its directory behind; the first store of a later process deletes the directories no live process owns
 * ({@link SnapshotTempDir}), so crashed members do not fill the disk.
 *
 * <p>A snapshot is as large as the whole database, which a {@code ram} member already holds off-heap: keeping a
 * second copy off-heap too would double the member's resident memory at its largest, while a file is written once,
 * read sequentially when sent or installed, and costs only page cache the kernel can reclaim. Files are neither
 * synced nor kept: durability is not their purpose.
 */
public final class MemoryLogStore implements LogStore {
    /** Locked by every method here, and by MemoryStorage's own synchronized methods, so a batch is atomic. */
    private final MemoryStorage storage;
    /** The snapshot files' directory, created on first use; guarded by {@code storage}. */
    private SnapshotTempDir snapshotDir;
    /** The file of the latest snapshot, null when it has none; guarded by {@code storage}. */
    private Path snapshotFile;
    private volatile boolean closed;
    /** Where the snapshot directory is made: the system's temporary directory, or a test's. */
    private final Path tempRoot;

    public MemoryLogStore() {
        this(new MemoryStorage(), systemTemp());
    }

    /** A store whose snapshot directory is made in {@code tempRoot}. */
    MemoryLogStore(Path tempRoot) {
        this(new MemoryStorage(), tempRoot);
    }

    private MemoryLogStore(MemoryStorage storage, Path tempRoot) {
        this.storage = storage;
        this.tempRoot = tempRoot;
        SnapshotTempDir.sweep(tempRoot); // once per process, before any lock of the store's is held
    }

    /** A founding member's log: the {@link Snapshot#bootstrap bootstrap snapshot} and term 1. */
    public static MemoryLogStore bootstrap(ConfState initial) {
        return new MemoryLogStore(MemoryStorage.bootstrap(initial), systemTemp());
    }

    private static Path systemTemp() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    @Override
    public void save(HardState hardState, List<Entry> entries, Snapshot snapshot) {
        Objects.requireNonNull(hardState, "hardState");
        synchronized (storage) {
            checkOpen();
            BatchRules.check(entries, snapshot, storage.snapshot().index(), storage.lastIndex());
            if (!snapshot.isEmpty()) {
                storage.applySnapshot(snapshot);
                replaceSnapshotFile(snapshot);
            }
            storage.append(entries);
            if (!hardState.isEmpty()) {
                storage.setHardState(hardState);
            }
        }
    }

    @Override
    public void sync() {
        checkOpen();
    }

    @Override
    public HardState hardState() {
        return storage.hardState();
    }

    @Override
    public SnapshotOutput newSnapshot(long index) {
        synchronized (storage) {
            checkOpen();
            try {
                if (snapshotDir == null) {
                    snapshotDir = SnapshotTempDir.create(tempRoot);
                }
                return SnapshotFile.newPart(snapshotDir.dir(), index);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create a snapshot file", e);
            }
        }
    }

    @Override
    public Snapshot createSnapshot(long index, ConfState confState, SnapshotRef data) {
        Objects.requireNonNull(data, "data");
        synchronized (storage) {
            Snapshot created;
            try {
                checkOpen();
                created = storage.createSnapshot(index, confState, data.encode());
            } catch (RuntimeException e) {
                try {
                    Files.deleteIfExists(data.file()); // taken over, and refused
                } catch (IOException notDeleted) {
                    e.addSuppressed(notDeleted);
                }
                throw e;
            }
            replaceSnapshotFile(created);
            return created;
        }
    }

    /** Deletes the superseded snapshot's file and leftover part files: {@code snapshot} is the store's now. */
    private void replaceSnapshotFile(Snapshot snapshot) {
        Path file = snapshot.data().length == 0 ? null : SnapshotRef.decode(snapshot.data()).file();
        try {
            if (snapshotFile != null && !snapshotFile.equals(file)) {
                Files.deleteIfExists(snapshotFile);
            }
            snapshotFile = file;
            if (snapshotDir != null) {
                SnapshotFile.deletePartsThrough(snapshotDir.dir(), snapshot.index(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a superseded snapshot file", e);
        }
    }

    @Override
    public void compact(long index) {
        synchronized (storage) {
            checkOpen();
            if (index < storage.firstIndex()) {
                return; // already discarded (see LogStore#compact)
            }
            storage.compact(index);
        }
    }

    @Override
    public boolean durable() {
        return false;
    }

    /** Deletes the snapshot files. */
    @Override
    public void close() {
        synchronized (storage) {
            if (closed) {
                return;
            }
            closed = true;
            if (snapshotDir == null) {
                return;
            }
            try {
                snapshotDir.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the snapshot files in " + snapshotDir.dir(), e);
            }
        }
    }

    @Override
    public InitialState initialState() {
        return storage.initialState();
    }

    @Override
    public List<Entry> entries(long lo, long hi, long maxBytes) {
        return storage.entries(lo, hi, maxBytes);
    }

    @Override
    public long term(long index) {
        return storage.term(index);
    }

    @Override
    public long firstIndex() {
        return storage.firstIndex();
    }

    @Override
    public long lastIndex() {
        return storage.lastIndex();
    }

    @Override
    public Snapshot snapshot() {
        return storage.snapshot();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("log store is closed");
        }
    }
}
