package dev.mnemo.replication.transport;

import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.replication.raft.Message;

/**
 * Puts a snapshot back together from its chunk frames on one accepted stream. Chunks must come in order, each
 * repeating the first one's header; the total is bounded by the metadata's size, which in turn is bounded by
 * {@code snapshotBytesMax}. A chunk at offset 0 starts a new snapshot, dropping any unfinished one (the sender
 * gave it up for a newer one). Used by one stream's inbound thread only.
 */
final class SnapshotAssembly {
    private final int snapshotBytesMax;
    private RaftMessage header;
    private byte[] data;
    private int next;

    SnapshotAssembly(int snapshotBytesMax) {
        this.snapshotBytesMax = snapshotBytesMax;
    }

    /** Takes one chunk frame; returns the whole message when {@code frame} was the last chunk, else null. */
    Message accept(RaftMessage frame) throws MalformedFrameException {
        if (!frame.hasChunk() || !frame.hasSnapshot()) {
            throw new MalformedFrameException("a SNAPSHOT frame without its chunk or metadata");
        }
        long offset = frame.getChunk().getOffset();
        RaftMessage frameHeader = frame.toBuilder().clearChunk().build();
        if (offset == 0) {
            start(frameHeader);
        } else if (header == null || offset != next || !header.equals(frameHeader)) {
            throw new MalformedFrameException("snapshot chunk at offset " + Long.toUnsignedString(offset)
                    + (header == null ? " with no snapshot started" : ", expected " + next + " of the same snapshot"));
        }
        int length = frame.getChunk().getData().size();
        if (length > data.length - next) {
            throw new MalformedFrameException("snapshot chunks exceed the snapshot's size " + data.length);
        }
        frame.getChunk().getData().copyTo(data, next);
        next += length;
        if (!frame.getChunk().getLast()) {
            return null;
        }
        if (next != data.length) {
            throw new MalformedFrameException("last snapshot chunk ends at " + next + " of " + data.length);
        }
        Message whole = RaftCodec.decode(header, data);
        header = null;
        data = null;
        return whole;
    }

    private void start(RaftMessage frameHeader) throws MalformedFrameException {
        long size = frameHeader.getSnapshot().getSizeBytes();
        if (size < 0 || size > snapshotBytesMax) {
            throw new MalformedFrameException("snapshot of " + Long.toUnsignedString(size)
                    + " bytes exceeds snapshotBytesMax " + snapshotBytesMax);
        }
        header = frameHeader;
        data = new byte[(int) size];
        next = 0;
    }
}
