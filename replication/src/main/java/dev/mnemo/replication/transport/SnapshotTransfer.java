package dev.mnemo.replication.transport;

import com.google.protobuf.UnsafeByteOperations;
import dev.mnemo.proto.v1.PeerFrame;
import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.proto.v1.SnapshotChunk;
import dev.mnemo.replication.raft.Message;

/**
 * One snapshot on its way to a peer: cuts the data into chunk frames on demand, so that a 100 MB snapshot is
 * never copied whole, and each chunk frame repeats the message header so the receiver can check every piece
 * belongs to the same snapshot. Used under its {@link Outbox}'s lock.
 */
final class SnapshotTransfer {
    private final RaftMessage header;
    private final byte[] data;
    private final int chunkBytes;
    private int offset;
    private boolean lastSent;

    SnapshotTransfer(Message message, int chunkBytes) {
        this.header = RaftCodec.header(message).build();
        this.data = message.snapshot().data();
        this.chunkBytes = chunkBytes;
    }

    long index() {
        return header.getSnapshot().getIndex();
    }

    boolean allSent() {
        return lastSent;
    }

    /** The next chunk frame; an empty snapshot is one empty last chunk. */
    PeerFrame nextChunk() {
        int length = Math.min(chunkBytes, data.length - offset);
        boolean last = offset + length == data.length;
        SnapshotChunk chunk = SnapshotChunk.newBuilder().setOffset(offset)
                .setData(UnsafeByteOperations.unsafeWrap(data, offset, length)).setLast(last).build();
        offset += length;
        lastSent = last;
        return PeerFrame.newBuilder().setRaft(header.toBuilder().setChunk(chunk)).build();
    }
}
