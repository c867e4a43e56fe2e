package dev.mnemo.engine.disc;

import dev.mnemo.engine.DataFormatTooNewException;
import dev.mnemo.engine.codec.ByteSink;
import dev.mnemo.engine.codec.CorruptDataException;
import dev.mnemo.engine.codec.DataFormat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.zip.CRC32C;

/**
 * An append-only file of framed entries — {@code [length:4][crc32c:4][payload]} — written in batches and
 * synced once per batch (group commit). Reading stops at the first entry that is short or fails its
 * checksum. If no whole entry follows it anywhere in the file, that is a torn tail from a crash, and it is cut off
 * so it is never applied. No entry is empty, so a length of 0 (zeros a crash left past the last write, whose
 * checksum of nothing matches) is a torn tail too. If a whole entry does follow, the bad one was written before
 * other entries and damaged since: cutting there would drop entries that may have been acknowledged, so replay
 * refuses with a {@link CorruptDataException} naming the file and offset.
 *
 * <p>A journal starts with a header, {@code [magic "MNEMOJNL":8][data format:4][crc32c of both:4]}, that names what
 * the file is and the {@link DataFormat} its entries are in; one of a newer format than this build reads does not
 * open. Journals written before the header existed start with their first entry, whose length field is at most
 * {@link #ENTRY_BYTES_MAX} and so never reads as the magic: they replay as they always did, and take new entries
 * without a header. The header goes out with the first entries, in the same write and sync, so a journal cut inside
 * it held no acknowledged entry and is empty.
 */
public final class Journal implements AutoCloseable {
    static final int FRAME_HEADER_BYTES = 8;
    static final int ENTRY_BYTES_MAX = 1 << 30;
    /** The length of the header a journal starts with (journals written before it existed have none). */
    public static final int HEADER_BYTES = 16;
    private static final byte[] MAGIC = "MNEMOJNL".getBytes(StandardCharsets.US_ASCII);
    /** How much of a damaged journal's tail is read at once while looking for whole entries after the damage. */
    private static final int SCAN_WINDOW_BYTES = 1 << 20;

    private final Path path;
    private final FileChannel channel;
    private final DiscSync syncs;
    private final ByteSink pending = new ByteSink(1 << 16);
    private long bytes;
    /** Whether the file is empty and its header goes out ahead of the first entry appended. */
    private boolean headerDue;

    private Journal(Path path, FileChannel channel, DiscSync syncs, long bytes) {
        this.path = path;
        this.channel = channel;
        this.syncs = syncs;
        this.bytes = bytes;
        this.headerDue = bytes == 0;
    }

    /**
     * Opens (creating if needed) a journal for appending after its last whole entry: a new or empty one gets a header
     * with its first entries, one written before the header existed goes on without one.
     */
    static Journal open(Path path, DiscSync syncs) throws IOException {
        FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
        long end = ch.size();
        ch.position(end);
        return new Journal(path, ch, syncs, end);
    }

    /**
     * Visits each whole entry's payload in order; truncates the file after the last whole entry when no whole entry
     * follows what is there (a torn tail).
     *
     * @throws CorruptDataException if an entry (or the header) is cut short or fails its checksum and a whole entry
     *     follows it: entries written after it would be lost, so nothing is cut
     * @throws DataFormatTooNewException if the header names a newer data format than this build reads
     */
    static void replay(Path path, Consumer<byte[]> visitor, DiscSync syncs) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            long size = ch.size();
            long pos = entriesStart(path, ch, size);
            if (pos < 0) {
                pos = 0; // the header is bad: judged, from the file's start, as a bad entry is
            } else {
                for (byte[] p = readEntry(ch, pos, size); p != null; p = readEntry(ch, pos, size)) {
                    visit(visitor, p, path, pos);
                    pos += FRAME_HEADER_BYTES + p.length;
                }
            }
            if (pos < size) {
                long next = wholeEntryAfter(ch, pos, size);
                if (next >= 0) {
                    throw damaged(path, pos, ", yet a whole entry follows at byte offset " + next + ": this is not a"
                            + " write a crash interrupted but damage to entries already written, perhaps"
                            + " acknowledged, so the database does not open rather than lose them");
                }
                ch.truncate(pos);
                syncs.file(ch, true);
            }
        }
    }

    /**
     * Hands the entry at {@code pos} to {@code visitor}. An entry that passes its checksum but does not decode is
     * damage all the same (it was not written by the code that reads it), named as the damage replay finds.
     */
    private static void visit(Consumer<byte[]> visitor, byte[] payload, Path path, long pos) {
        try {
            visitor.accept(payload);
        } catch (CorruptDataException e) {
            throw damaged(path, pos, ": the entry there passes its checksum but does not decode (" + e.getMessage()
                    + "), so the database does not open rather than apply what it cannot read");
        }
    }

    private static CorruptDataException damaged(Path path, long pos, String how) {
        return new CorruptDataException("journal " + path + " is damaged at byte offset " + pos + how + ". Restore"
                + " the data directory from a backup, or, to give up every entry from byte offset " + pos + " on, cut"
                + " the file to " + pos + " bytes");
    }

    /**
     * Where the entries start: after the header, or at 0 in a journal written before the header existed (or
     * empty); -1 if the header is cut short or fails its checksum.
     */
    private static long entriesStart(Path path, FileChannel ch, long size) throws IOException {
        ByteBuffer head = ByteBuffer.allocate((int) Math.min(size, HEADER_BYTES));
        readFully(ch, head, 0);
        int magicBytes = Math.min(head.capacity(), MAGIC.length);
        if (size == 0 || !Arrays.equals(head.array(), 0, magicBytes, MAGIC, 0, magicBytes)) {
            return 0;
        }
        if (size < HEADER_BYTES || crc(head.array(), 0, HEADER_BYTES - 4) != head.getInt(HEADER_BYTES - 4)) {
            return -1;
        }
        int format = head.getInt(MAGIC.length);
        if (format > DataFormat.VERSION) {
            throw new DataFormatTooNewException("journal " + path + " was written in data format " + format
                    + ", which is newer than this build reads: this build reads data format " + DataFormat.VERSION
                    + " and older. Open the data directory with a build that reads data format " + format
                    + "; the file is left as it is");
        }
        return HEADER_BYTES;
    }

    private void putHeader() {
        int at = pending.size();
        pending.put(MAGIC, 0, MAGIC.length).putInt(DataFormat.VERSION);
        pending.putInt(crc(pending.array(), at, HEADER_BYTES - 4));
    }

    /** The payload of the whole entry at {@code pos}, or null if it is cut short or its length or checksum is bad. */
    private static byte[] readEntry(FileChannel ch, long pos, long size) throws IOException {
        if (pos + FRAME_HEADER_BYTES > size) {
            return null;
        }
        ByteBuffer header = ByteBuffer.allocate(FRAME_HEADER_BYTES);
        readFully(ch, header, pos);
        int len = header.getInt(0);
        if (!fits(len, pos, size)) {
            return null;
        }
        ByteBuffer payload = ByteBuffer.allocate(len);
        readFully(ch, payload, pos + FRAME_HEADER_BYTES);
        return crc(payload.array(), 0, len) == header.getInt(4) ? payload.array() : null;
    }

    private static boolean fits(int len, long pos, long size) {
        return len > 0 && len <= ENTRY_BYTES_MAX && len <= size - pos - FRAME_HEADER_BYTES;
    }

    /**
     * Where the first whole entry starting after {@code from} is, or -1. Every byte offset is tried (a damaged
     * length cannot say where the next entry starts), through a window, so a long tail costs no read per offset.
     */
    private static long wholeEntryAfter(FileChannel ch, long from, long size) throws IOException {
        ByteBuffer window = ByteBuffer.allocate((int) Math.min(SCAN_WINDOW_BYTES, size - from));
        long windowStart = from;
        window.limit(0);
        for (long at = from + 1; at + FRAME_HEADER_BYTES <= size; at++) {
            if (at + FRAME_HEADER_BYTES > windowStart + window.limit()) {
                windowStart = at;
                window.clear().limit((int) Math.min(window.capacity(), size - at));
                readFully(ch, window, at);
            }
            int i = (int) (at - windowStart);
            int len = window.getInt(i);
            if (!fits(len, at, size)) {
                continue;
            }
            int crc = window.getInt(i + 4);
            boolean inWindow = i + FRAME_HEADER_BYTES + len <= window.limit();
            if (inWindow ? crc(window.array(), i + FRAME_HEADER_BYTES, len) == crc
                    : crcOf(ch, at + FRAME_HEADER_BYTES, len) == crc) {
                return at;
            }
        }
        return -1;
    }

    /** The checksum of {@code len} bytes of the file from {@code pos}, read in pieces. */
    private static int crcOf(FileChannel ch, long pos, int len) throws IOException {
        CRC32C c = new CRC32C();
        ByteBuffer piece = ByteBuffer.allocate((int) Math.min(SCAN_WINDOW_BYTES, len));
        for (long done = 0; done < len; done += piece.limit()) {
            piece.clear().limit((int) Math.min(piece.capacity(), len - done));
            readFully(ch, piece, pos + done);
            c.update(piece.array(), 0, piece.limit());
        }
        return (int) c.getValue();
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
        if (headerDue) {
            putHeader();
            headerDue = false;
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
