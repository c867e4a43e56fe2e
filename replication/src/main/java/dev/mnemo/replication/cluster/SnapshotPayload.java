package dev.mnemo.replication.cluster;

import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of a Raft snapshot: the member directory (id to name) at the snapshot's index, then the engine's own
 * snapshot of every table. The engine part is empty in the bootstrap snapshot a founding member starts from. It is
 * written into and read from the snapshot's file as a stream, never held whole.
 *
 * <pre>
 * payload := MAGIC(4) count(u32) { id(u64) nameLength(u16) name(modified UTF-8) }* engineSnapshot(rest)
 * </pre>
 */
final class SnapshotPayload {
    private static final int MAGIC = 0x4d4e5350; // "MNSP"
    /** The least a directory entry takes: an id and an empty name's length. */
    private static final int ENTRY_BYTES_MIN = 10;

    private SnapshotPayload() {
    }

    /**
     * An opened payload: the directory, and the stream positioned at the engine part ({@code engineBytes} long),
     * which reports a damaged file when read to its end. Closing it closes the file.
     */
    record Parsed(TreeMap<Long, String> members, InputStream engine, long engineBytes) implements AutoCloseable {
        @Override
        public void close() throws IOException {
            engine.close();
        }
    }

    /** Starts a payload: writes the directory into {@code out}, which then receives the engine snapshot. */
    static void writeHeader(Map<Long, String> members, OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeInt(MAGIC);
        data.writeInt(members.size());
        for (Map.Entry<Long, String> e : new TreeMap<>(members).entrySet()) {
            data.writeLong(e.getKey());
            data.writeUTF(e.getValue());
        }
        data.flush();
    }

    /**
     * Opens the payload of the snapshot whose data (a file descriptor) is {@code data} and reads its directory.
     *
     * @throws IllegalArgumentException if it is not a cluster snapshot or its directory is cut short
     * @throws IOException if its file cannot be read
     */
    static Parsed open(byte[] data) throws IOException {
        long size = SnapshotRef.sizeOf(data);
        Counting in = new Counting(SnapshotRef.open(data));
        try {
            DataInputStream din = new DataInputStream(in);
            if (size < 8 || din.readInt() != MAGIC) {
                throw new IllegalArgumentException("snapshot is not a Mnemo cluster snapshot");
            }
            int count = din.readInt();
            if (count < 0 || count > size / ENTRY_BYTES_MIN) {
                throw new IllegalArgumentException("snapshot claims " + count + " members");
            }
            TreeMap<Long, String> members = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                members.put(din.readLong(), din.readUTF());
            }
            return new Parsed(members, in, size - in.count);
        } catch (EOFException e) {
            in.close();
            throw new IllegalArgumentException("snapshot directory is truncated", e);
        } catch (IOException | RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The directory of the snapshot whose data is {@code data}, read from the head of its file. */
    static TreeMap<Long, String> members(byte[] data) {
        try (Parsed parsed = open(data)) {
            return parsed.members();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the snapshot's member directory", e);
        }
    }

    /** Counts the bytes read, so the engine part's length is known after the directory. */
    private static final class Counting extends FilterInputStream {
        private long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }
    }
}
