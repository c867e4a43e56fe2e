package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * One snapshot on disk, {@code snap-<index>-<term>.snap}: the data, then a checksummed trailer with the metadata,
 * the data's length and its checksum. Data is streamed into a part file ({@code snap-<index>.part<n>}, from
 * {@link #newPart}), which {@link #adopt} completes with the trailer, syncs and renames, so the name only ever
 * points at a whole snapshot and the data never passes through the heap.
 */
final class SnapshotFile {
    static final String PREFIX = "snap-";
    static final String SUFFIX = ".snap";
    private static final String PART = ".part";
    private static final byte[] MAGIC = "MNSNAP02".getBytes(StandardCharsets.US_ASCII);
    /** Ends the trailer instead of {@link #MAGIC} when the metadata lists removed ids. */
    private static final byte[] MAGIC_REMOVED = "MNSNAP03".getBytes(StandardCharsets.US_ASCII);
    /** After the metadata: {@code int metadataLength, long dataLength, int dataCrc, int trailerCrc}, the magic. */
    private static final int TAIL_BYTES = 4 + 8 + 4 + 4 + 8;
    /** Distinguishes the part files of writers racing in one process. */
    private static final AtomicLong PART_SEQUENCE = new AtomicLong();

    private SnapshotFile() {
    }

    static Path path(Path dir, SnapshotMetadata metadata) {
        return dir.resolve(String.format("%s%020d-%020d%s", PREFIX, metadata.index(), metadata.term(), SUFFIX));
    }

    /** Whether {@code name} is a snapshot file or a leftover part file. */
    static boolean isSnapshotName(String name) {
        return name.startsWith(PREFIX);
    }

    /** A new part file in {@code dir} for the data of a snapshot at {@code index}. */
    static SnapshotOutput newPart(Path dir, long index) throws IOException {
        return SnapshotOutput.create(dir.resolve(String.format("%s%020d%s%d", PREFIX, index, PART,
                PART_SEQUENCE.incrementAndGet())));
    }

    /**
     * Deletes the part files in {@code dir} for snapshots at or below {@code index}: a snapshot at {@code index}
     * has been adopted, and Raft never stores an older one after it, so they are leftovers (a transfer the core
     * refused, a snapshot abandoned midway). {@code keep}, if not null, is spared: a store that keeps its current
     * snapshot in its part file.
     */
    static void deletePartsThrough(Path dir, long index, Path keep) throws IOException {
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, PREFIX + "*" + PART + "*")) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                int end = name.indexOf(PART);
                try {
                    if (Long.parseLong(name.substring(PREFIX.length(), end)) <= index && !file.equals(keep)) {
                        Files.deleteIfExists(file);
                    }
                } catch (NumberFormatException notOurs) {
                    // Left alone: only names this class made are deleted.
                }
            }
        }
    }

    /**
     * Makes the snapshot data {@code data} (empty, or the descriptor of a finished part file, which is moved into
     * {@code dir} if it is elsewhere) the durable snapshot file for {@code metadata}: appends the trailer, syncs,
     * renames it into place and syncs the directory. Returns the snapshot as the store hands it out.
     */
    static Snapshot adopt(Path dir, SnapshotMetadata metadata, byte[] data) throws IOException {
        Path part;
        long size;
        int crc;
        if (data.length == 0) {
            part = newPart(dir, metadata.index()).finish().file();
            size = 0;
            crc = 0;
        } else {
            SnapshotRef ref = SnapshotRef.decode(data);
            part = ref.file();
            size = ref.sizeBytes();
            crc = ref.crc32c();
            if (!dir.equals(part.getParent())) {
                Path moved = dir.resolve(PREFIX + metadata.index() + PART + "-" + PART_SEQUENCE.incrementAndGet());
                Files.move(part, moved); // a copy and a delete if it crosses file systems
                part = moved;
            }
        }
        Path target = path(dir, metadata);
        try (FileChannel ch = FileChannel.open(part, StandardOpenOption.WRITE)) {
            if (ch.size() != size) {
                throw new IOException("snapshot part file " + part + " holds " + ch.size() + " bytes, its descriptor"
                        + " says " + size);
            }
            writeFully(ch, trailer(metadata, size, crc), size);
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        }
        Files.move(part, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(dir);
        return snapshot(metadata, target, size, crc);
    }

    /**
     * Checks the snapshot in {@code file}, which must hold {@code expected}, reading its data once to verify the
     * checksum (in a fixed buffer), and returns it as the store hands it out.
     *
     * @throws CorruptLogException if the file is missing, torn, damaged or holds another snapshot
     */
    static Snapshot read(Path file, SnapshotMetadata expected) throws IOException {
        if (!Files.exists(file)) {
            throw new CorruptLogException(file, 0, "the snapshot the log refers to is missing");
        }
        long fileSize;
        ByteBuffer tail;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            fileSize = ch.size();
            if (fileSize < TAIL_BYTES) {
                throw new CorruptLogException(file, 0, "snapshot file too short for its trailer");
            }
            tail = readFully(ch, fileSize - TAIL_BYTES, TAIL_BYTES, file);
            byte[] magic = new byte[MAGIC.length];
            tail.get(TAIL_BYTES - MAGIC.length, magic);
            int metadataLength = tail.getInt(0);
            long dataLength = tail.getLong(4);
            boolean withRemoved = Arrays.equals(magic, MAGIC_REMOVED);
            if (!withRemoved && !Arrays.equals(magic, MAGIC) || metadataLength < 0 || metadataLength > 1 << 24
                    || dataLength < 0 || dataLength + metadataLength + TAIL_BYTES != fileSize) {
                throw new CorruptLogException(file, fileSize - TAIL_BYTES, "not a whole snapshot file trailer");
            }
            ByteBuffer trailer = readFully(ch, dataLength, metadataLength + TAIL_BYTES, file);
            CRC32C crc = new CRC32C();
            crc.update(trailer.duplicate().limit(metadataLength + 16));
            if ((int) crc.getValue() != trailer.getInt(metadataLength + 16)) {
                throw new CorruptLogException(file, dataLength, "snapshot trailer checksum mismatch");
            }
            SnapshotMetadata metadata = RecordCodec.getMetadata(trailer.duplicate().limit(metadataLength),
                    withRemoved);
            if (!metadata.equals(expected)) {
                throw new CorruptLogException(file, 0, "holds snapshot " + metadata + ", the log expects " + expected);
            }
            Snapshot snapshot = snapshot(metadata, file, dataLength, trailer.getInt(metadataLength + 12));
            verifyData(snapshot, file);
            return snapshot;
        }
    }

    private static void verifyData(Snapshot snapshot, Path file) throws IOException {
        byte[] skip = new byte[1 << 16];
        try (InputStream in = SnapshotRef.open(snapshot.data())) {
            while (in.read(skip) >= 0) {
                // reading to the end makes the stream check the checksum
            }
        } catch (IOException e) {
            throw new CorruptLogException(file, 0, "snapshot data damaged: " + e.getMessage());
        }
    }

    private static Snapshot snapshot(SnapshotMetadata metadata, Path file, long size, int crc) {
        return new Snapshot(metadata, size == 0 ? Recovery.NO_DATA : new SnapshotRef(file, size, crc).encode());
    }

    private static ByteBuffer trailer(SnapshotMetadata metadata, long dataLength, int dataCrc) {
        int metadataLength = RecordCodec.metadataBytes(metadata);
        ByteBuffer trailer = ByteBuffer.allocate(metadataLength + TAIL_BYTES);
        RecordCodec.putMetadata(metadata, trailer);
        trailer.putInt(metadataLength).putLong(dataLength).putInt(dataCrc);
        CRC32C crc = new CRC32C();
        crc.update(trailer.array(), 0, trailer.position());
        trailer.putInt((int) crc.getValue()).put(RecordCodec.listsRemoved(metadata) ? MAGIC_REMOVED : MAGIC);
        return trailer.flip();
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new CorruptLogException(file, position, "snapshot file ends inside its trailer");
            }
        }
        return buf.flip();
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf, long position) throws IOException {
        while (buf.hasRemaining()) {
            position += ch.write(buf, position);
        }
    }
}
