package dev.mnemo.replication.snapshot;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Where a snapshot's bytes are: the first {@code sizeBytes} bytes of {@code file}, whose CRC32C is {@code crc32c}.
 * Its {@link #encode() encoding} is what a {@link dev.mnemo.replication.raft.Snapshot} carries as {@code data}
 * outside the core; an empty {@code data} means a snapshot without application state ({@link #open(byte[])}
 * gives an empty stream for it).
 */
public record SnapshotRef(Path file, long sizeBytes, int crc32c) {
    private static final int MAGIC = 0x4d4e5352; // "MNSR"
    /** Read-ahead of {@link #open()}'s stream. */
    static final int READ_BUFFER_BYTES = 1 << 16;

    public SnapshotRef {
        Objects.requireNonNull(file, "file");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("snapshot size must not be negative: " + sizeBytes);
        }
    }

    /** The descriptor as a snapshot's {@code data}: magic, size, CRC32C, then the file's path in UTF-8. */
    public byte[] encode() {
        byte[] path = file.toString().getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(16 + path.length).putInt(MAGIC).putLong(sizeBytes).putInt(crc32c).put(path)
                .array();
    }

    /**
     * The descriptor {@code data} encodes.
     *
     * @throws IllegalArgumentException if {@code data} is not an encoded descriptor (empty data included)
     */
    public static SnapshotRef decode(byte[] data) {
        if (data.length <= 16 || ByteBuffer.wrap(data).getInt() != MAGIC) {
            throw new IllegalArgumentException("snapshot data of " + data.length + " bytes is not a snapshot file"
                    + " descriptor");
        }
        ByteBuffer b = ByteBuffer.wrap(data, 4, data.length - 4);
        long size = b.getLong();
        int crc = b.getInt();
        return new SnapshotRef(Path.of(new String(data, 16, data.length - 16, StandardCharsets.UTF_8)), size, crc);
    }

    /** The size of the snapshot whose {@code data} this is: 0 for empty data, else the descriptor's size. */
    public static long sizeOf(byte[] data) {
        return data.length == 0 ? 0 : decode(data).sizeBytes();
    }

    /** The CRC32C of the snapshot whose {@code data} this is (0 for empty data, the CRC32C of nothing). */
    public static int crcOf(byte[] data) {
        return data.length == 0 ? 0 : decode(data).crc32c();
    }

    /** A stream over the bytes of the snapshot whose {@code data} this is; see {@link #open()}. */
    public static InputStream open(byte[] data) throws IOException {
        return data.length == 0 ? new ByteArrayInputStream(data) : decode(data).open();
    }

    /**
     * A stream over the snapshot's bytes, reading ahead a fixed {@value #READ_BUFFER_BYTES} bytes. It ends after
     * {@code sizeBytes} bytes and, on reaching that end, checks the CRC32C: a file cut short or damaged makes a
     * read throw {@link java.io.IOException} rather than end normally, so a consumer that reads to the end never
     * takes damaged bytes for a snapshot.
     */
    public InputStream open() throws IOException {
        return new Input(Files.newInputStream(file), this);
    }

    /** Bounded to the snapshot, checking its checksum at the end. */
    private static final class Input extends InputStream {
        private final InputStream in;
        private final SnapshotRef ref;
        private final CRC32C crc = new CRC32C();
        private final byte[] buffer = new byte[READ_BUFFER_BYTES];
        private int bufferPos;
        private int bufferEnd;
        private long remaining;
        private boolean checked;

        Input(InputStream in, SnapshotRef ref) {
            this.in = in;
            this.ref = ref;
            this.remaining = ref.sizeBytes();
        }

        @Override
        public int read() throws IOException {
            if (bufferPos == bufferEnd && !fill()) {
                return -1;
            }
            return buffer[bufferPos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            Objects.checkFromIndexSize(off, len, b.length);
            if (len == 0) {
                return 0;
            }
            if (bufferPos == bufferEnd && !fill()) {
                return -1;
            }
            int n = Math.min(len, bufferEnd - bufferPos);
            System.arraycopy(buffer, bufferPos, b, off, n);
            bufferPos += n;
            return n;
        }

        private boolean fill() throws IOException {
            if (remaining == 0) {
                if (!checked) {
                    checked = true;
                    if ((int) crc.getValue() != ref.crc32c()) {
                        throw new IOException("snapshot file " + ref.file() + " fails its checksum");
                    }
                }
                return false;
            }
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
            if (n < 0) {
                throw new EOFException("snapshot file " + ref.file() + " ends " + remaining + " bytes early");
            }
            crc.update(buffer, 0, n);
            remaining -= n;
            bufferPos = 0;
            bufferEnd = n;
            return true;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
