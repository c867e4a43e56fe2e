package dev.mnemo.replication.cluster;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.TreeMap;

/**
 * The data of a Raft snapshot: the member directory (id to name) at the snapshot's index, then the engine's own
 * snapshot of every table. The engine part is empty in the bootstrap snapshot a founding member starts from.
 *
 * <pre>
 * payload := MAGIC(4) count(u32) { id(u64) nameLength(u16) name(UTF-8) }* engineSnapshot(rest)
 * </pre>
 */
final class SnapshotPayload {
    private static final int MAGIC = 0x4d4e5350; // "MNSP"

    private SnapshotPayload() {
    }

    /** A decoded payload: the directory, and a stream over the engine part ({@code engineBytes} long). */
    record Parsed(TreeMap<Long, String> members, InputStream engine, int engineBytes) {
    }

    /** Starts a payload: writes the directory into {@code out}, which then receives the engine snapshot. */
    static void writeHeader(Map<Long, String> members, ByteArrayOutputStream out) {
        try {
            DataOutputStream data = new DataOutputStream(out);
            data.writeInt(MAGIC);
            data.writeInt(members.size());
            for (Map.Entry<Long, String> e : new TreeMap<>(members).entrySet()) {
                data.writeLong(e.getKey());
                data.writeUTF(e.getValue());
            }
            data.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] bootstrap(Map<Long, String> members) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeHeader(members, out);
        return out.toByteArray();
    }

    static Parsed parse(byte[] payload) {
        try {
            ByteArrayInputStream in = new ByteArrayInputStream(payload);
            DataInputStream data = new DataInputStream(in);
            if (payload.length < 8 || data.readInt() != MAGIC) {
                throw new IllegalArgumentException("snapshot is not a Mnemo cluster snapshot");
            }
            int count = data.readInt();
            if (count < 0 || count > payload.length / 10) {
                throw new IllegalArgumentException("snapshot claims " + count + " members");
            }
            TreeMap<Long, String> members = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                members.put(data.readLong(), data.readUTF());
            }
            int engineBytes = in.available();
            return new Parsed(members, in, engineBytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("snapshot directory is truncated", e);
        }
    }
}
