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
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A {@link LogStore} in memory, around {@link MemoryStorage}: for {@code ram} tables, whose durability comes from
 * the other replicas, and as the model the file store is tested against. {@link #sync()} has nothing to do.
 *
 * <p>Snapshot data alone lives in files, in a private temporary directory deleted on {@link #close()} (nothing in
 * it is ever read back after a restart). A process that dies without closing its store (killed, or a crash) leaves
 * its directory behind; the directory's name carries the owning process id, and the first store of a later
 * process deletes the directories whose owner is gone, so crashed members do not fill the disk.
 *
 * <p>A snapshot is as large as the whole database, which a {@code ram} member already holds off-heap: keeping a
 * second copy off-heap too would double the member's resident memory at its largest, while a file is written once,
 * read sequentially when sent or installed, and costs only page cache the kernel can reclaim. Files are neither
 * synced nor kept: durability is not their purpose.
 */
public final class MemoryLogStore implements LogStore {
    private static final String DIR_PREFIX = "mnemo-snapshots-p";
    private static final Object SWEEP_LOCK = new Object();
    /** The roots in which this process has already deleted the directories of dead processes. */
    private static final Set<Path> SWEPT = new HashSet<>();

    /** Locked by every method here, and by MemoryStorage's own synchronized methods, so a batch is atomic. */
    private final MemoryStorage storage;
    /** The snapshot files' directory, created on first use; guarded by {@code storage}. */
    private Path snapshotDir;
    /** The file of the latest snapshot, null when it has none; guarded by {@code storage}. */
    private Path snapshotFile;
    private volatile boolean closed;
    /** Where the snapshot directory is made: the system's temporary directory, or a test's. */
    private final Path tempRoot;

    public MemoryLogStore() {
        this(new MemoryStorage(), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** A store whose snapshot directory is made in {@code tempRoot}. */
    MemoryLogStore(Path tempRoot) {
        this(new MemoryStorage(), tempRoot);
    }

    private MemoryLogStore(MemoryStorage storage, Path tempRoot) {
        this.storage = storage;
        this.tempRoot = tempRoot;
    }

    /** A founding member's log: the {@link Snapshot#bootstrap bootstrap snapshot} and term 1. */
    public static MemoryLogStore bootstrap(ConfState initial) {
        return new MemoryLogStore(MemoryStorage.bootstrap(initial), Path.of(System.getProperty("java.io.tmpdir")));
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
                    sweepDeadOwners(tempRoot);
                    String prefix = DIR_PREFIX + ProcessHandle.current().pid() + "-";
                    snapshotDir = Files.createTempDirectory(tempRoot, prefix);
                }
                return SnapshotFile.newPart(snapshotDir, index);
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
                SnapshotFile.deletePartsThrough(snapshotDir, snapshot.index(), file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete a superseded snapshot file", e);
        }
    }

    @Override
    public void compact(long index) {
        checkOpen();
        storage.compact(index);
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
                deleteSnapshotDir(snapshotDir);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the snapshot files in " + snapshotDir, e);
            }
        }
    }

    /**
     * Deletes, once per process and root, the snapshot directories in {@code root} whose owning process no longer
     * runs. A directory whose owner is alive, or whose name this class did not make, is left alone.
     */
    private static void sweepDeadOwners(Path root) {
        synchronized (SWEEP_LOCK) {
            if (!SWEPT.add(root)) {
                return;
            }
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(root, DIR_PREFIX + "*")) {
            for (Path dir : dirs) {
                String name = dir.getFileName().toString();
                int end = name.indexOf('-', DIR_PREFIX.length());
                long owner;
                try {
                    owner = Long.parseLong(name.substring(DIR_PREFIX.length(), end < 0 ? name.length() : end));
                } catch (NumberFormatException notOurs) {
                    continue;
                }
                if (ProcessHandle.of(owner).isEmpty() && Files.isDirectory(dir)) {
                    deleteSnapshotDir(dir);
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // Best effort: a directory that cannot be listed or deleted now is tried again by the next process.
        }
    }

    /** Deletes {@code dir} and the files in it (a snapshot directory holds no subdirectories). */
    private static void deleteSnapshotDir(Path dir) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
        }
        Files.deleteIfExists(dir);
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
