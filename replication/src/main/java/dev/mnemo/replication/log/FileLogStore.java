package dev.mnemo.replication.log;

import dev.mnemo.engine.DiscWriteFailedException;
import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.InitialState;
import dev.mnemo.replication.raft.MemoryStorage;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A {@link LogStore} in a directory of checksummed, append-only segment files plus one snapshot file (format in
 * the package documentation). Every entry not yet compacted is also held in memory, so the core's reads never
 * touch the disk. The latest snapshot's data stays in its file: {@link #snapshot()} hands out its {@link
 * SnapshotRef descriptor}, and {@link #newSnapshot} creates the part files snapshot data is streamed into.
 *
 * <p>All writes and {@link #sync()} hold one lock, which the reads also take, so readers see whole batches. Only
 * the writing of {@link #createSnapshot}'s file happens outside it, so that a large snapshot does not stall the
 * Raft turn. An I/O error in a write or sync throws {@link DiscWriteFailedException} (58030) and leaves the store
 * failed: every later write throws, since what reached the disk is unknown (reopening recovers).
 */
public final class FileLogStore implements LogStore {
    /** Above this, the reusable record buffer is dropped after use rather than kept. */
    private static final int BUFFER_KEEP_BYTES = 4 << 20;

    private final Path dir;
    private final FileLogOptions options;
    private final FileChannel lockChannel;
    private final FileLock dirLock;
    private final RecoveryReport recovery;
    /** The log as the core reads it, snapshots without data; also the lock of every state change. */
    private final MemoryStorage log;
    private Snapshot snapshot;
    private Path snapshotFile;
    /** Snapshot files to delete once a sync has made the batch that superseded them durable. */
    private final List<Path> obsoleteSnapshotFiles = new ArrayList<>();
    private final List<Segment> closedSegments;
    private Segment live;
    private FileChannel liveChannel;
    private boolean dirty;
    private boolean closed;
    private DiscWriteFailedException failure;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    private FileLogStore(Path dir, FileLogOptions options, FileChannel lockChannel, FileLock dirLock,
                         Recovery.Result recovered) throws IOException {
        this.dir = dir;
        this.options = options;
        this.lockChannel = lockChannel;
        this.dirLock = dirLock;
        this.recovery = recovered.report();
        this.log = recovered.log();
        this.snapshot = recovered.snapshot();
        this.snapshotFile = recovered.snapshotFile();
        this.closedSegments = new ArrayList<>(recovered.closed());
        this.live = recovered.live();
        this.liveChannel = FileChannel.open(live.path(), StandardOpenOption.WRITE);
    }

    /**
     * Opens the log in {@code dir}, creating it (synced into its parent) if absent, and recovers it: every record's
     * checksum is verified; a torn tail of the last segment (a write a crash interrupted: a bad record with no whole
     * record after it) is cut off and reported by {@link #recovery()}; a bad record in an earlier segment, or with a
     * whole record after it, throws, since those batches may have been acknowledged.
     *
     * @throws CorruptLogException if the log cannot be recovered without losing synced batches
     * @throws IllegalStateException if another store (in this or another process) has the directory open
     * @throws UncheckedIOException on an I/O error
     */
    public static FileLogStore open(Path dir, FileLogOptions options) {
        Objects.requireNonNull(options, "options");
        FileChannel lockChannel = null;
        try {
            Fsync.createDirectories(dir);
            lockChannel = FileChannel.open(dir.resolve("LOCK"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock dirLock = tryLock(lockChannel, dir);
            return new FileLogStore(dir, options, lockChannel, dirLock, Recovery.run(dir, options));
        } catch (IOException e) {
            closeQuietly(lockChannel, e);
            throw new UncheckedIOException("cannot open the log in " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(lockChannel, e);
            throw e;
        }
    }

    /**
     * Opens the log in {@code dir} as a founding member's: the {@link Snapshot#bootstrap bootstrap snapshot} and
     * hard state {@code (1, 0, 1)}, synced.
     *
     * @throws IllegalStateException if the directory already holds a log
     */
    public static FileLogStore bootstrap(Path dir, FileLogOptions options, ConfState initial) {
        FileLogStore store = open(dir, options);
        try {
            if (store.lastIndex() != 0 || !store.hardState().isEmpty()) {
                throw new IllegalStateException("cannot bootstrap " + dir + ": it already holds a log (last index "
                        + store.lastIndex() + ", " + store.hardState() + ")");
            }
            store.save(new HardState(1, 0, 1), List.of(), Snapshot.bootstrap(initial));
            store.sync();
            return store;
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** What opening this store recovered and cut off. */
    public RecoveryReport recovery() {
        return recovery;
    }

    /** The directory holding this log. */
    public Path directory() {
        return dir;
    }

    @Override
    public void save(HardState hardState, List<Entry> entries, Snapshot newSnapshot) {
        Objects.requireNonNull(hardState, "hardState");
        synchronized (log) {
            checkWritable();
            BatchRules.check(entries, newSnapshot, log.snapshot().index(), log.lastIndex());
            if (hardState.isEmpty() && entries.isEmpty() && newSnapshot.isEmpty()) {
                return;
            }
            SnapshotMetadata reference = newSnapshot.isEmpty() ? null : newSnapshot.metadata();
            LogRecord.Batch batch = new LogRecord.Batch(hardState, reference, entries);
            checkSize(batch);
            try {
                Snapshot adopted = reference == null ? null : SnapshotFile.adopt(dir, reference, newSnapshot.data());
                append(batch);
                if (adopted != null) {
                    log.applySnapshot(new Snapshot(reference, Recovery.NO_DATA));
                    replaceSnapshot(adopted);
                }
            } catch (IOException e) {
                throw fail(e);
            }
            log.append(entries);
            if (!hardState.isEmpty()) {
                log.setHardState(hardState);
            }
        }
    }

    @Override
    public void sync() {
        synchronized (log) {
            checkWritable();
            try {
                syncLocked();
            } catch (IOException e) {
                throw fail(e);
            }
        }
    }

    @Override
    public HardState hardState() {
        return log.hardState();
    }

    @Override
    public SnapshotOutput newSnapshot(long index) {
        synchronized (log) {
            checkWritable();
        }
        try {
            return SnapshotFile.newPart(dir, index);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a snapshot file in " + dir, e);
        }
    }

    @Override
    public Snapshot createSnapshot(long index, ConfState confState, SnapshotRef data) {
        Objects.requireNonNull(confState, "confState");
        Objects.requireNonNull(data, "data");
        SnapshotMetadata metadata;
        synchronized (log) {
            try {
                checkWritable();
                checkSnapshotIndex(index);
            } catch (RuntimeException e) {
                deleteQuietly(data.file(), e); // taken over, and refused
                throw e;
            }
            metadata = new SnapshotMetadata(index, log.term(index), confState);
        }
        Snapshot created;
        try {
            created = SnapshotFile.adopt(dir, metadata, data.encode()); // outside the lock: it syncs the data
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write snapshot " + metadata + " in " + dir, e);
        }
        Path file = SnapshotFile.path(dir, metadata);
        synchronized (log) {
            try {
                checkWritable();
                checkSnapshotIndex(index);
                if (log.term(index) != metadata.term()) {
                    throw new IllegalStateException("the entry at " + index + " changed while its snapshot was"
                            + " written: entries under an applied index were replaced");
                }
            } catch (RuntimeException e) {
                deleteQuietly(file, e);
                throw e;
            }
            try {
                append(new LogRecord.SnapshotTaken(metadata));
                log.createSnapshot(index, confState, Recovery.NO_DATA);
                replaceSnapshot(created);
                syncLocked();
            } catch (IOException e) {
                throw fail(e);
            }
            return created;
        }
    }

    @Override
    public void compact(long index) {
        synchronized (log) {
            checkWritable();
            if (index < log.firstIndex()) {
                return; // already discarded (see LogStore#compact)
            }
            log.compact(index); // validates before it changes anything
            try {
                append(new LogRecord.Compaction(index));
                maybeCheckpoint();
            } catch (IOException e) {
                throw fail(e);
            }
        }
    }

    @Override
    public boolean durable() {
        return true;
    }

    @Override
    public void close() {
        synchronized (log) {
            if (closed) {
                return;
            }
            closed = true;
            IOException error = null;
            try {
                if (failure == null) {
                    syncLocked();
                }
            } catch (IOException e) {
                error = e;
            }
            error = closeAll(error, liveChannel, dirLock, lockChannel);
            if (error != null) {
                throw new UncheckedIOException("cannot close the log in " + dir, error);
            }
        }
    }

    @Override
    public InitialState initialState() {
        return log.initialState();
    }

    @Override
    public List<Entry> entries(long lo, long hi, long maxBytes) {
        return log.entries(lo, hi, maxBytes);
    }

    @Override
    public long term(long index) {
        return log.term(index);
    }

    @Override
    public long firstIndex() {
        return log.firstIndex();
    }

    @Override
    public long lastIndex() {
        return log.lastIndex();
    }

    @Override
    public Snapshot snapshot() {
        synchronized (log) {
            return snapshot;
        }
    }

    /** The number of segment files the log spans now. */
    public int segmentCount() {
        synchronized (log) {
            return closedSegments.size() + 1;
        }
    }

    // ---- writing ----------------------------------------------------------------------------------------------

    private void checkSize(LogRecord record) {
        long size = RecordCodec.sizeBytes(record);
        if (size > options.recordBytesMax()) {
            throw new IllegalArgumentException("a batch of " + size + " bytes exceeds recordBytesMax "
                    + options.recordBytesMax());
        }
    }

    /** Appends one framed record to the live segment, first starting a new segment if it would overflow. */
    private void append(LogRecord record) throws IOException {
        int length = (int) RecordCodec.sizeBytes(record);
        int frameBytes = Segment.HEADER_BYTES + length;
        if (live.sizeBytes() > 0 && live.sizeBytes() + frameBytes > options.segmentBytes()) {
            roll();
        }
        if (buffer.capacity() < frameBytes) {
            buffer = ByteBuffer.allocate(frameBytes);
        }
        ByteBuffer frame = buffer.clear();
        frame.putInt(length).putInt(0);
        RecordCodec.encode(record, frame);
        if (frame.position() != frameBytes) {
            throw new IllegalStateException("record codec wrote " + frame.position() + " bytes, sized "
                    + frameBytes);
        }
        frame.putInt(4, Segment.checksum(frame, length));
        frame.flip();
        long position = live.sizeBytes();
        while (frame.hasRemaining()) {
            position += liveChannel.write(frame, position);
        }
        live = live.withSize(position);
        dirty = true;
        if (buffer.capacity() > BUFFER_KEEP_BYTES) {
            buffer = ByteBuffer.allocate(1 << 16);
        }
    }

    /** Makes the live segment durable and starts the next one. */
    private void roll() throws IOException {
        liveChannel.force(false);
        liveChannel.close();
        closedSegments.add(live);
        long sequence = live.sequence() + 1;
        Path path = Segment.path(dir, sequence);
        liveChannel = FileChannel.open(path, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        live = new Segment(sequence, path, 0);
        Fsync.directory(dir);
    }

    private void syncLocked() throws IOException {
        if (dirty) {
            liveChannel.force(false);
            dirty = false;
        }
        if (!obsoleteSnapshotFiles.isEmpty()) {
            for (Path file : obsoleteSnapshotFiles) {
                Files.deleteIfExists(file);
            }
            obsoleteSnapshotFiles.clear();
            Fsync.directory(dir);
        }
    }

    /** Makes {@code newSnapshot} (just adopted into its file) the store's; older files go once a sync is done. */
    private void replaceSnapshot(Snapshot newSnapshot) throws IOException {
        Path file = SnapshotFile.path(dir, newSnapshot.metadata());
        if (snapshotFile != null && !snapshotFile.equals(file)) {
            obsoleteSnapshotFiles.add(snapshotFile);
        }
        snapshot = newSnapshot;
        snapshotFile = file;
        SnapshotFile.deletePartsThrough(dir, newSnapshot.index(), null);
    }

    /**
     * Once the closed segments outweigh what is left of the log, writes the whole log (hard state, snapshot
     * reference, compaction point, remaining entries) as a checkpoint at the start of a new segment, syncs it and
     * deletes every older segment. Each checkpoint frees at least the bytes it writes.
     */
    private void maybeCheckpoint() throws IOException {
        if (closedSegments.isEmpty()) {
            return;
        }
        long closedBytes = 0;
        for (Segment s : closedSegments) {
            closedBytes += s.sizeBytes();
        }
        long offset = log.firstIndex() - 1;
        List<Entry> remaining = log.lastIndex() > offset ? log.entries(offset + 1, log.lastIndex() + 1,
                Long.MAX_VALUE) : List.of();
        LogRecord.Checkpoint checkpoint = new LogRecord.Checkpoint(log.hardState(), log.snapshot().metadata(),
                offset, log.term(offset), remaining);
        long size = RecordCodec.sizeBytes(checkpoint);
        if (size > closedBytes || size > options.recordBytesMax()) {
            return;
        }
        roll();
        append(checkpoint);
        syncLocked();
        for (int i = closedSegments.size() - 1; i >= 0; i--) { // newest first: a crash leaves a replayable prefix
            Files.delete(closedSegments.get(i).path());
        }
        closedSegments.clear();
        Fsync.directory(dir);
    }

    // ---- state and errors -------------------------------------------------------------------------------------

    private void checkSnapshotIndex(long index) {
        if (index <= log.snapshot().index()) {
            throw new IllegalArgumentException("snapshot " + index + " is not newer than " + log.snapshot().index());
        }
        if (index > log.lastIndex()) {
            throw new IllegalArgumentException("snapshot " + index + " is beyond the last index " + log.lastIndex());
        }
    }

    private void checkWritable() {
        if (closed) {
            throw new IllegalStateException("the log in " + dir + " is closed");
        }
        if (failure != null) {
            // Typed as the first failure (58030), so whichever write a member fails on, its committers learn why.
            throw new DiscWriteFailedException("the log in " + dir + " failed earlier and takes no more writes: "
                    + failure.getMessage(), failure);
        }
    }

    /**
     * Leaves the store failed. The message reaches whoever waited on the write (a member that fails passes it on to
     * its committers): it says that the disc write failed, where (the log and its live segment) and why.
     */
    private DiscWriteFailedException fail(IOException e) {
        // A file system error's message may be no more than the file's name: its type says what happened.
        String reason = e instanceof FileSystemException || e.getMessage() == null ? e.toString() : e.getMessage();
        failure = new DiscWriteFailedException("the disc write failed: writing or syncing the log in " + dir + " (live"
                + " segment " + live.path().getFileName() + "): " + reason + "; it is not durable, and the log takes"
                + " no more writes (reopen it to recover)", e);
        return failure;
    }

    private static FileLock tryLock(FileChannel channel, Path dir) throws IOException {
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            throw new IllegalStateException("the log in " + dir + " is already open");
        }
        return lock;
    }

    private static IOException closeAll(IOException error, AutoCloseable... resources) {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                IOException io = e instanceof IOException x ? x : new IOException(e);
                if (error == null) {
                    error = io;
                } else {
                    error.addSuppressed(io);
                }
            }
        }
        return error;
    }

    private static void closeQuietly(FileChannel channel, Exception cause) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                cause.addSuppressed(e);
            }
        }
    }

    private static void deleteQuietly(Path file, Exception cause) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
