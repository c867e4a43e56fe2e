package dev.mnemo.replication.transport;

import com.google.protobuf.UnsafeByteOperations;
import dev.mnemo.proto.v1.PeerFrame;
import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.proto.v1.SnapshotChunk;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.IOException;
import java.io.InputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One snapshot on its way to a peer: reads the snapshot's file chunk by chunk as its {@link Outbox} asks for the
 * next frame (which it does only while gRPC is ready for more), so only the chunk being sent is on the heap
 * however large the snapshot. Each chunk frame repeats the message header so the receiver can check every piece
 * belongs to the same snapshot. The file is opened with the first chunk and closed after the last, or by
 * {@link #close()} when the transfer is given up. If it cannot be read, the transfer ends with an abort chunk.
 * Used under its {@link Outbox}'s lock.
 */
final class SnapshotTransfer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotTransfer.class);

    private final RaftMessage header;
    private final byte[] data;
    private final long sizeBytes;
    private final int chunkBytes;
    private InputStream in;
    private long offset;
    private boolean lastSent;
    private boolean closed;

    SnapshotTransfer(Message message, int chunkBytes) {
        this.header = RaftCodec.header(message).build();
        this.data = message.snapshot().data();
        this.sizeBytes = SnapshotRef.sizeOf(data);
        this.chunkBytes = chunkBytes;
    }

    long index() {
        return header.getSnapshot().getIndex();
    }

    boolean allSent() {
        return lastSent;
    }

    /** The next chunk frame; an empty snapshot is one empty last chunk, an unreadable one ends with an abort. */
    synchronized PeerFrame nextChunk() {
        int length = (int) Math.min(chunkBytes, sizeBytes - offset);
        SnapshotChunk.Builder chunk = SnapshotChunk.newBuilder().setOffset(offset);
        try {
            if (closed) {
                throw new IOException("the transfer was given up");
            }
            if (in == null) {
                in = SnapshotRef.open(data);
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new IOException("the snapshot file ends at " + (offset + bytes.length) + " of " + sizeBytes);
            }
            offset += length;
            lastSent = offset == sizeBytes;
            chunk.setData(UnsafeByteOperations.unsafeWrap(bytes)).setLast(lastSent);
        } catch (IOException e) {
            LOG.warn("gave up sending snapshot {} at offset {}: {}", index(), offset, e.toString());
            lastSent = true;
            chunk.setLast(true).setAbort(true);
        }
        if (lastSent) {
            close();
        }
        return PeerFrame.newBuilder().setRaft(header.toBuilder().setChunk(chunk)).build();
    }

    /** Closes the snapshot's file, if open; a transfer given up midway must be closed. */
    @Override
    public synchronized void close() {
        closed = true;
        if (in == null) {
            return;
        }
        try {
            in.close();
        } catch (IOException e) {
            LOG.debug("closing snapshot {}'s file failed", index(), e);
        }
        in = null;
    }
}
