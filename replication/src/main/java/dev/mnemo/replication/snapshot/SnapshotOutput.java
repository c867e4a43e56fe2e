package dev.mnemo.replication.snapshot;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * Writes one snapshot's bytes into a new file, counting them and computing their CRC32C on the way, through a
 * fixed {@value #BUFFER_BYTES}-byte buffer: however large the snapshot, the heap holds only that buffer.
 * {@link #finish()} syncs the file and gives its {@link SnapshotRef}; {@link #close()} before that abandons the
 * snapshot and deletes the file. Used by one thread at a time.
 */
public final class SnapshotOutput extends OutputStream {
    /** The write buffer: what this stream holds on the heap at most. */
    public static final int BUFFER_BYTES = 1 << 16;

    private final Path file;
    private final FileChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
    private final CRC32C crc = new CRC32C();
    private long written;
    private SnapshotRef finished;
    private boolean closed;

    private SnapshotOutput(Path file, FileChannel channel) {
        this.file = file;
        this.channel = channel;
    }

    /**
     * Creates {@code file} (which must not exist) for a snapshot's bytes.
     *
     * @throws java.nio.file.FileAlreadyExistsException if it exists
     */
    public static SnapshotOutput create(Path file) throws IOException {
        return new SnapshotOutput(file, FileChannel.open(file, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
    }

    /** A new temporary file (in the system's temporary directory) for a snapshot's bytes. */
    public static SnapshotOutput createTemp(String prefix) throws IOException {
        Path file = Files.createTempFile(prefix, ".part");
        try {
            return new SnapshotOutput(file, FileChannel.open(file, StandardOpenOption.WRITE));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The file the bytes go to. */
    public Path file() {
        return file;
    }

    /** The bytes held in the write buffer, not yet in the file: at most {@value #BUFFER_BYTES}. */
    public int bufferedBytes() {
        return buffer.position();
    }

    /** The bytes written so far. */
    public long sizeBytes() {
        return written;
    }

    @Override
    public void write(int b) throws IOException {
        checkOpen();
        if (!buffer.hasRemaining()) {
            flushBuffer();
        }
        buffer.put((byte) b);
        written++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        checkOpen();
        written += len;
        if (len >= BUFFER_BYTES) {
            flushBuffer();
            crc.update(b, off, len);
            writeFully(ByteBuffer.wrap(b, off, len)); // large writes go straight to the file, uncopied
            return;
        }
        while (len > 0) {
            if (!buffer.hasRemaining()) {
                flushBuffer();
            }
            int n = Math.min(len, buffer.remaining());
            buffer.put(b, off, n);
            off += n;
            len -= n;
        }
    }

    /**
     * Writes what is buffered, syncs the file to disk and closes it; the file is then the caller's (or its
     * store's) to keep, move or delete.
     */
    public SnapshotRef finish() throws IOException {
        checkOpen();
        flushBuffer();
        channel.force(true);
        channel.close();
        closed = true;
        finished = new SnapshotRef(file, written, (int) crc.getValue());
        return finished;
    }

    /** Abandons an unfinished snapshot, deleting its file; after {@link #finish()}, does nothing. */
    @Override
    public void close() throws IOException {
        if (finished != null || closed) {
            return;
        }
        closed = true;
        try {
            channel.close();
        } finally {
            Files.deleteIfExists(file);
        }
    }

    /** Checksums in blocks (the checksum is far faster over a block than byte by byte) and writes them. */
    private void flushBuffer() throws IOException {
        buffer.flip();
        crc.update(buffer.array(), 0, buffer.limit());
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            channel.write(b);
        }
    }

    private void checkOpen() throws IOException {
        if (closed) {
            throw new IOException("snapshot output " + file + " is closed");
        }
    }
}
