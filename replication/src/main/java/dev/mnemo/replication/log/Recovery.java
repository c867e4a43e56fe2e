package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.ConfState;
import dev.mnemo.replication.raft.MemoryStorage;
import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Rebuilds a {@link FileLogStore}'s state from its directory: replays every record of every segment in order into
 * a {@link MemoryStorage} (snapshots as metadata only), cuts a torn tail off the last segment (a bad record with
 * no whole record after it; one with a whole record after it is corruption), finishes a checkpoint's interrupted
 * segment deletion, loads the data of the snapshot the log ends with and deletes every other snapshot file.
 */
final class Recovery {
    /** What a store opens with; {@code live} is the segment appends go to. */
    record Result(MemoryStorage log, Snapshot snapshot, Path snapshotFile, List<Segment> closed, Segment live,
                  RecoveryReport report) {
    }

    /** Snapshots replay without their data, which only the latest one's file still holds. */
    static final byte[] NO_DATA = new byte[0];
    /** How much of a damaged segment's tail is read at once while looking for whole records after the damage. */
    private static final int SCAN_WINDOW_BYTES = 1 << 20;

    private final Path dir;
    private final FileLogOptions options;
    private MemoryStorage log = new MemoryStorage();
    /** Position in the segment list of the segment that begins with the latest checkpoint, -1 if none. */
    private int checkpointSegment = -1;
    private long records;
    private long truncatedBytes;
    private Path truncatedFile;
    private ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    private Recovery(Path dir, FileLogOptions options) {
        this.dir = dir;
        this.options = options;
    }

    static Result run(Path dir, FileLogOptions options) throws IOException {
        return new Recovery(dir, options).run();
    }

    private Result run() throws IOException {
        List<Segment> segments = listSegments();
        if (segments.isEmpty()) {
            Segment first = new Segment(1, Segment.path(dir, 1), 0);
            Files.createFile(first.path());
            deleteSnapshotFilesExcept(null);
            Fsync.directory(dir);
            return new Result(log, Snapshot.EMPTY, null, List.of(), first, new RecoveryReport(0, 0, 0, null));
        }
        int scanned = segments.size();
        for (int i = 0; i < scanned; i++) {
            Segment s = segments.get(i);
            boolean afterGap = i == 0 ? s.sequence() != 1 : s.sequence() != segments.get(i - 1).sequence() + 1;
            segments.set(i, scan(s, i, i == segments.size() - 1, afterGap));
        }
        if (checkpointSegment > 0) {
            for (int i = checkpointSegment - 1; i >= 0; i--) { // newest first: a crash leaves a replayable prefix
                Files.delete(segments.get(i).path());
            }
            Fsync.directory(dir);
            segments = new ArrayList<>(segments.subList(checkpointSegment, segments.size()));
        }
        Snapshot snapshot = log.snapshot();
        Path snapshotFile = null;
        if (!snapshot.isEmpty()) {
            snapshotFile = SnapshotFile.path(dir, snapshot.metadata());
            snapshot = SnapshotFile.read(snapshotFile, snapshot.metadata());
        }
        deleteSnapshotFilesExcept(snapshotFile);
        RecoveryReport report = new RecoveryReport(scanned, records, truncatedBytes, truncatedFile);
        Segment live = segments.get(segments.size() - 1);
        return new Result(log, snapshot, snapshotFile, List.copyOf(segments.subList(0, segments.size() - 1)), live,
                report);
    }

    private List<Segment> listSegments() throws IOException {
        List<Segment> segments = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                long sequence = Segment.sequenceOf(file.getFileName().toString());
                if (sequence > 0) {
                    segments.add(new Segment(sequence, file, Files.size(file)));
                }
            }
        }
        segments.sort(Comparator.comparingLong(Segment::sequence));
        return segments;
    }

    /** Replays one segment; returns it with the size of its whole records. */
    private Segment scan(Segment segment, int position, boolean last, boolean afterGap) throws IOException {
        Path file = segment.path();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long offset = 0;
            while (offset < size) {
                String damage = readFrame(ch, offset, size);
                if (damage != null) {
                    if (!last) {
                        throw new CorruptLogException(file, offset, damage + " in a segment followed by others");
                    }
                    long next = wholeRecordAfter(ch, offset, size);
                    if (next >= 0) {
                        throw new CorruptLogException(file, offset, damage + ", yet a whole record follows at byte"
                                + " offset " + next + ": not a write a crash interrupted but damage to records already"
                                + " written, whose batches may have been acknowledged. Restore this member from a"
                                + " peer: remove its data directory and let it join again");
                    }
                    ch.truncate(offset);
                    ch.force(true);
                    truncatedBytes = size - offset;
                    truncatedFile = file;
                    size = offset;
                    break;
                }
                int length = buffer.getInt(0);
                LogRecord record = decode(file, offset, length);
                if (offset == 0 && record instanceof LogRecord.Checkpoint) {
                    checkpointSegment = position;
                } else if (offset == 0 && afterGap) {
                    throw new CorruptLogException(file, 0, "the segment before it is missing and it does not begin"
                            + " with a checkpoint");
                }
                replay(record, file, offset);
                records++;
                offset += Segment.HEADER_BYTES + length;
            }
            if (size == 0 && afterGap) {
                throw new CorruptLogException(file, 0, "the segment before it is missing and it is empty");
            }
            return segment.withSize(size);
        }
    }

    /** Reads the frame at {@code offset} into {@code buffer}; returns what is wrong with it, or null. */
    private String readFrame(FileChannel ch, long offset, long size) throws IOException {
        if (size - offset < Segment.HEADER_BYTES) {
            return "a record header cut short";
        }
        ByteBuffer header = ByteBuffer.allocate(Segment.HEADER_BYTES);
        readFully(ch, header, offset);
        int length = header.getInt(0);
        if (length <= 0 || length > options.recordBytesMax()) {
            return "record length " + length + " outside (0, " + options.recordBytesMax() + "]";
        }
        if (length > size - offset - Segment.HEADER_BYTES) {
            return "record length " + length + " runs past the end of the file";
        }
        int frameBytes = Segment.HEADER_BYTES + length;
        if (buffer.capacity() < frameBytes) {
            buffer = ByteBuffer.allocate(frameBytes);
        }
        buffer.clear().limit(frameBytes);
        readFully(ch, buffer, offset);
        if (Segment.checksum(buffer, length) != buffer.getInt(4)) {
            return "record checksum mismatch";
        }
        return null;
    }

    /**
     * Where the first whole record (a length in range that fits, and a matching checksum) starting after {@code
     * from} is, or -1. Every byte offset is tried (a damaged length cannot say where the next record starts),
     * through a window, so a long tail costs no read per offset.
     */
    private long wholeRecordAfter(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate((int) Math.min(SCAN_WINDOW_BYTES, size - from));
        long windowStart = from;
        window.limit(0);
        for (long at = from + 1; at + Segment.HEADER_BYTES <= size; at++) {
            if (at + Segment.HEADER_BYTES > windowStart + window.limit()) {
                windowStart = at;
                window.clear().limit((int) Math.min(window.capacity(), size - at));
                readFully(ch, window, at);
            }
            int i = (int) (at - windowStart);
            int length = window.getInt(i);
            if (length <= 0 || length > options.recordBytesMax() || length > size - at - Segment.HEADER_BYTES) {
                continue;
            }
            int crc = window.getInt(i + 4);
            int frameEnd = i + Segment.HEADER_BYTES + length;
            boolean whole = frameEnd <= window.limit()
                    ? Segment.checksum(window.duplicate().position(i).limit(frameEnd).slice(), length) == crc
                    : checksumOf(ch, at, length) == crc;
            if (whole) {
                return at;
            }
        }
        return -1;
    }

    /** {@link Segment#checksum} of the frame at {@code offset}, its payload read in pieces. */
    private static int checksumOf(FileChannel ch, long offset, int length) throws IOException {
        CRC32C crc = new CRC32C();
        crc.update(ByteBuffer.allocate(4).putInt(0, length));
        ByteBuffer piece = ByteBuffer.allocate((int) Math.min(SCAN_WINDOW_BYTES, length));
        for (long done = 0; done < length; done += piece.limit()) {
            piece.clear().limit((int) Math.min(piece.capacity(), length - done));
            readFully(ch, piece, offset + Segment.HEADER_BYTES + done);
            crc.update(piece.flip());
        }
        return (int) crc.getValue();
    }

    private LogRecord decode(Path file, long offset, int length) {
        try {
            return RecordCodec.decode(buffer.duplicate().limit(Segment.HEADER_BYTES + length)
                    .position(Segment.HEADER_BYTES).slice());
        } catch (RuntimeException e) {
            throw new CorruptLogException(file, offset, "a record with a valid checksum does not decode", e);
        }
    }

    private void replay(LogRecord record, Path file, long offset) {
        try {
            if (record instanceof LogRecord.Batch b) {
                if (b.snapshot() != null) {
                    log.applySnapshot(new Snapshot(b.snapshot(), NO_DATA));
                }
                log.append(b.entries());
                if (!b.hardState().isEmpty()) {
                    log.setHardState(b.hardState());
                }
            } else if (record instanceof LogRecord.SnapshotTaken t) {
                SnapshotMetadata m = t.metadata();
                Snapshot taken = log.createSnapshot(m.index(), m.confState(), NO_DATA);
                if (taken.term() != m.term()) {
                    throw new IllegalStateException("snapshot term " + m.term() + " but the log has " + taken.term());
                }
            } else if (record instanceof LogRecord.Compaction c) {
                log.compact(c.index());
            } else {
                log = restore((LogRecord.Checkpoint) record);
            }
        } catch (RuntimeException e) {
            throw new CorruptLogException(file, offset, "the record contradicts the records before it", e);
        }
    }

    /** The log a checkpoint describes. */
    static MemoryStorage restore(LogRecord.Checkpoint c) {
        MemoryStorage restored = new MemoryStorage();
        SnapshotMetadata snapshot = c.snapshot();
        if (c.offsetIndex() > 0) {
            SnapshotMetadata base = c.offsetIndex() == snapshot.index() ? snapshot
                    : new SnapshotMetadata(c.offsetIndex(), c.offsetTerm(), ConfState.EMPTY);
            restored.applySnapshot(new Snapshot(base, NO_DATA));
        }
        restored.append(c.entries());
        if (snapshot.index() > c.offsetIndex()) {
            restored.createSnapshot(snapshot.index(), snapshot.confState(), NO_DATA);
        }
        if (restored.term(c.offsetIndex()) != c.offsetTerm() || restored.snapshot().term() != snapshot.term()) {
            throw new IllegalStateException("checkpoint terms disagree with its entries");
        }
        restored.setHardState(c.hardState());
        return restored;
    }

    private void deleteSnapshotFilesExcept(Path keep) throws IOException {
        boolean deleted = false;
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path file : files) {
                if (SnapshotFile.isSnapshotName(file.getFileName().toString()) && !file.equals(keep)) {
                    Files.delete(file);
                    deleted = true;
                }
            }
        }
        if (deleted) {
            Fsync.directory(dir);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long offset) throws IOException {
        long position = offset;
        while (buf.hasRemaining()) {
            int n = ch.read(buf, position);
            if (n < 0) {
                throw new IOException("unexpected end of file at " + position);
            }
            position += n;
        }
    }
}
