package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.Snapshot;
import dev.mnemo.replication.raft.SnapshotMetadata;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * One snapshot on disk, {@code snap-<index>-<term>.snap}: a checksummed header with the metadata, then the data as
 * given, then the data's checksum. Written to a temporary file, synced and renamed, so the name only ever points at
 * a whole snapshot. The data is written from and read into the caller's array, never copied on the way.
 */
final class SnapshotFile {
    static final String PREFIX = "snap-";
    static final String SUFFIX = ".snap";
    private static final byte[] MAGIC = "MNSNAP01".getBytes(StandardCharsets.US_ASCII);
    /** Distinguishes the temporary files of writers racing in one process. */
    private static final AtomicLong TEMP_SEQUENCE = new AtomicLong();

    private SnapshotFile() {
    }

    static Path path(Path dir, SnapshotMetadata metadata) {
        return dir.resolve(String.format("%s%020d-%020d%s", PREFIX, metadata.index(), metadata.term(), SUFFIX));
    }

    /** Whether {@code name} is a snapshot file or a leftover temporary one. */
    static boolean isSnapshotName(String name) {
        return name.startsWith(PREFIX);
    }

    /** Writes {@code metadata} and {@code data} durably (file and directory entry) and returns the file. */
    static Path write(Path dir, SnapshotMetadata metadata, byte[] data) throws IOException {
        Path target = path(dir, metadata);
        Path temp = dir.resolve(target.getFileName() + ".tmp" + TEMP_SEQUENCE.incrementAndGet());
        try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            writeFully(ch, header(metadata, data.length));
            writeFully(ch, ByteBuffer.wrap(data));
            CRC32C crc = new CRC32C();
            crc.update(data, 0, data.length);
            writeFully(ch, ByteBuffer.allocate(4).putInt(0, (int) crc.getValue()));
            ch.force(true);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        Fsync.directory(dir);
        return target;
    }

    /**
     * Reads the snapshot in {@code file}, which must hold {@code expected}.
     *
     * @throws CorruptLogException if the file is missing, damaged or holds another snapshot
     */
    static Snapshot read(Path file, SnapshotMetadata expected) throws IOException {
        if (!Files.exists(file)) {
            throw new CorruptLogException(file, 0, "the snapshot the log refers to is missing");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer fixed = readFully(ch, 0, MAGIC.length + 4, file);
            byte[] magic = new byte[MAGIC.length];
            fixed.get(magic);
            int metadataLength = fixed.getInt();
            if (!Arrays.equals(magic, MAGIC) || metadataLength < 0 || metadataLength > 1 << 24) {
                throw new CorruptLogException(file, 0, "not a snapshot file header");
            }
            int headerLength = MAGIC.length + 4 + metadataLength + 8 + 4;
            ByteBuffer header = readFully(ch, 0, headerLength, file);
            CRC32C crc = new CRC32C();
            crc.update(header.duplicate().limit(headerLength - 4));
            if ((int) crc.getValue() != header.getInt(headerLength - 4)) {
                throw new CorruptLogException(file, 0, "snapshot header checksum mismatch");
            }
            SnapshotMetadata metadata = RecordCodec.getMetadata(header.position(MAGIC.length + 4).slice()
                    .limit(metadataLength));
            long dataLength = header.getLong(MAGIC.length + 4 + metadataLength);
            if (!metadata.equals(expected)) {
                throw new CorruptLogException(file, 0, "holds snapshot " + metadata + ", the log expects " + expected);
            }
            if (dataLength > Integer.MAX_VALUE - 8 || dataLength + headerLength + 4 != ch.size()) {
                throw new CorruptLogException(file, headerLength, "snapshot data length " + dataLength
                        + " does not match the file size " + ch.size());
            }
            return new Snapshot(metadata, readData(ch, headerLength, (int) dataLength, file));
        }
    }

    private static byte[] readData(FileChannel ch, long position, int length, Path file) throws IOException {
        byte[] data = new byte[length];
        ByteBuffer buf = ByteBuffer.wrap(data);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new CorruptLogException(file, position + buf.position(), "snapshot data ends early");
            }
        }
        int stored = readFully(ch, position + length, 4, file).getInt();
        CRC32C crc = new CRC32C();
        crc.update(data, 0, length);
        if ((int) crc.getValue() != stored) {
            throw new CorruptLogException(file, position, "snapshot data checksum mismatch");
        }
        return data;
    }

    private static ByteBuffer header(SnapshotMetadata metadata, int dataLength) {
        int metadataLength = RecordCodec.metadataBytes(metadata);
        ByteBuffer header = ByteBuffer.allocate(MAGIC.length + 4 + metadataLength + 8 + 4);
        header.put(MAGIC).putInt(metadataLength);
        RecordCodec.putMetadata(metadata, header);
        header.putLong(dataLength);
        CRC32C crc = new CRC32C();
        crc.update(header.array(), 0, header.position());
        header.putInt((int) crc.getValue());
        return header.flip();
    }

    private static ByteBuffer readFully(FileChannel ch, long position, int length, Path file) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(length);
        while (buf.hasRemaining()) {
            if (ch.read(buf, position + buf.position()) < 0) {
                throw new CorruptLogException(file, position, "snapshot file ends inside its header");
            }
        }
        return buf.flip();
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }
}
