package dev.mnemo.engine.disc;

import dev.mnemo.engine.codec.ByteSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.CRC32C;

/**
 * An append-only file of framed entries — {@code [length:4][crc32c:4][payload]} — written in batches and
 * synced once per batch (group commit). Reading stops at the first entry that is short or fails its
 * checksum: that is a torn tail from a crash, and it is cut off so it is never applied. No entry is empty, so a
 * length of 0 (zeros a crash left past the last write, whose checksum of nothing matches) is a torn tail too.
 */
public final class Journal implements AutoCloseable {
    static final int FRAME_HEADER_BYTES = 8;
    static final int ENTRY_BYTES_MAX = 1 << 30;

    private final Path path;
    private final FileChannel channel;
    private final DiscSync syncs;
    private final ByteSink pending = new ByteSink(1 << 16);
    private long bytes;

    private Journal(Path path, FileChannel channel, DiscSync syncs, long bytes) {
        this.path = path;
        this.channel = channel;
        this.syncs = syncs;
        this.bytes = bytes;
    }

    /** Opens (creating if needed) a journal for appending after its last whole entry. */
    static Journal open(Path path, DiscSync syncs) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long end = ch.size();
        ch.position(end);
        return new Journal(path, ch, syncs, end);
    }

    /** Visits each whole entry's payload in order; truncates the file after the last whole entry. */
    static void replay(Path path, java.util.function.Consumer<byte[]> visitor, DiscSync syncs) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = 0;
            ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
            while (pos + FRAME_HEADER_BYTES <= size) {
                header.clear();
                readFully(ch, header, pos);
                int len = header.getInt(0);
                int crc = header.getInt(4);
                if (len <= 0 || len > ENTRY_BYTES_MAX || pos + FRAME_HEADER_BYTES + len > size) {
                    break;
                }
                ByteBuffer payload = ByteBuffer.allocate(len);
                readFully(ch, payload, pos + FRAME_HEADER_BYTES);
                if (crc(payload.array(), 0, len) != crc) {
                    break;
                }
                visitor.accept(payload.array());
                pos += FRAME_HEADER_BYTES + len;
            }
            if (pos < size) {
                ch.truncate(pos);
                syncs.file(ch, true);
            }
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos) throws IOException {
        while (buf.hasRemaining()) {
            if (ch.read(buf, pos + buf.position()) < 0) {
                throw new IOException("unexpected end of journal");
            }
        }
    }

    static int crc(byte[] b, int off, int len) {
        CRC32C c = new CRC32C();
        c.update(b, off, len);
        return (int) c.getValue();
    }

    /** Buffers one entry; nothing reaches the file until {@link #flush}. */
    public void append(byte[] payload, int len) {
        if (len <= 0) {
            throw new IllegalArgumentException("a journal entry is never empty (recovery reads length 0 as a torn"
                    + " tail): " + len);
        }
        pending.putInt(len).putInt(crc(payload, 0, len)).put(payload, 0, len);
    }

    public boolean hasPending() {
        return pending.size() > 0;
    }

    /**
     * Writes the buffered entries and, if {@code sync}, forces them to the device. After an exception what reached
     * the file is unknown: the journal must not be written again (a later sync that succeeds does not bring back
     * pages a failed one lost).
     */
    public void flush(boolean sync) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(pending.array(), 0, pending.size());
        while (buf.hasRemaining()) {
            channel.write(buf);
        }
        bytes += pending.size();
        pending.reset();
        if (sync) {
            syncs.file(channel, false);
        }
    }

    /** Bytes written to the file so far. */
    public long bytes() {
        return bytes;
    }

    public Path path() {
        return path;
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
