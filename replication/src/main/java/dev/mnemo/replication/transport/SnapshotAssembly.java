package dev.mnemo.replication.transport;

import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import dev.mnemo.replication.snapshot.SnapshotRef;
import java.io.IOException;
import java.nio.file.Files;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts a snapshot back together from its chunk frames on one accepted stream, writing each chunk straight to a
 * file as it arrives: the heap holds the chunk being written and the file's small write buffer, whatever the
 * snapshot's size. Chunks must come in order, each repeating the first one's header; the total is bounded by the
 * metadata's size, which in turn is bounded by {@code snapshotBytesMax}. Once the last chunk is in, the size and
 * CRC32C are checked against the metadata and the message is delivered with the finished file's descriptor; a
 * snapshot failing a check, aborted by its sender, superseded by a new one (a chunk at offset 0: the sender gave
 * the old one up) or cut off by the stream's end is {@link #discard discarded}, its file deleted. Chunks come one
 * at a time, from the transport's snapshot thread; a discard at the stream's end is queued behind them.
 */
final class SnapshotAssembly {
    private static final Logger LOG = LoggerFactory.getLogger(SnapshotAssembly.class);

    /** Gives the file a snapshot at an index is written to. */
    @FunctionalInterface
    interface SnapshotFiles {
        SnapshotOutput create(long index) throws IOException;
    }

    /** What one chunk frame came to. */
    sealed interface Outcome {
        /** More chunks are to come. */
        record Partial() implements Outcome {
        }

        /** The whole snapshot is in and checked: its message, whose file now belongs to the receiver. */
        record Complete(Message message) implements Outcome {
        }

        /** The sender aborted the snapshot at {@code index}; nothing of it is kept. */
        record Aborted(long index) implements Outcome {
        }
    }

    private static final Outcome PARTIAL = new Outcome.Partial();

    private final long snapshotBytesMax;
    private final SnapshotFiles files;
    private RaftMessage header;
    private SnapshotOutput out;
    private long size;
    private long next;
    private long bufferedBytesPeak;

    SnapshotAssembly(long snapshotBytesMax, SnapshotFiles files) {
        this.snapshotBytesMax = snapshotBytesMax;
        this.files = files;
    }

    /**
     * Takes one chunk frame.
     *
     * @throws MalformedFrameException if it breaks the chunk protocol or the snapshot fails its checks; what was
     *                                 assembled is discarded
     * @throws IOException if the file cannot be written; what was assembled is discarded
     */
    Outcome accept(RaftMessage frame) throws MalformedFrameException, IOException {
        try {
            Outcome outcome = take(frame);
            if (out != null) {
                bufferedBytesPeak = Math.max(bufferedBytesPeak, out.bufferedBytes());
            }
            return outcome;
        } catch (MalformedFrameException | IOException | RuntimeException e) {
            discard();
            throw e;
        }
    }

    private Outcome take(RaftMessage frame) throws MalformedFrameException, IOException {
        if (!frame.hasChunk() || !frame.hasSnapshot()) {
            throw new MalformedFrameException("a SNAPSHOT frame without its chunk or metadata");
        }
        long offset = frame.getChunk().getOffset();
        RaftMessage frameHeader = frame.toBuilder().clearChunk().build();
        boolean continues = header != null && offset == next && header.equals(frameHeader);
        if (frame.getChunk().getAbort()) {
            if (header != null && !continues) {
                throw new MalformedFrameException("an abort at offset " + Long.toUnsignedString(offset)
                        + " of another snapshot than the one in progress");
            }
            discard(); // an abort before any chunk (the file could not be opened) has nothing to discard
            return new Outcome.Aborted(frameHeader.getSnapshot().getIndex());
        }
        if (offset == 0) {
            start(frameHeader);
        } else if (!continues) {
            throw new MalformedFrameException("snapshot chunk at offset " + Long.toUnsignedString(offset)
                    + (header == null ? " with no snapshot started" : ", expected " + next + " of the same snapshot"));
        }
        int length = frame.getChunk().getData().size();
        if (length > size - next) {
            throw new MalformedFrameException("snapshot chunks exceed the snapshot's size " + size);
        }
        if (out != null) {
            frame.getChunk().getData().writeTo(out);
        }
        next += length;
        if (!frame.getChunk().getLast()) {
            return PARTIAL;
        }
        if (next != size) {
            throw new MalformedFrameException("last snapshot chunk ends at " + next + " of " + size);
        }
        byte[] data = out == null ? new byte[0] : out.finish().encode();
        out = null; // finished: the file is the message's now, not ours to delete
        try {
            return new Outcome.Complete(RaftCodec.decode(header, data));
        } catch (MalformedFrameException e) {
            if (data.length > 0) {
                Files.deleteIfExists(SnapshotRef.decode(data).file());
            }
            throw e;
        } finally {
            header = null;
        }
    }

    private void start(RaftMessage frameHeader) throws MalformedFrameException, IOException {
        discard();
        long announced = frameHeader.getSnapshot().getSizeBytes();
        if (announced < 0 || announced > snapshotBytesMax) {
            throw new MalformedFrameException("snapshot of " + Long.toUnsignedString(announced)
                    + " bytes exceeds snapshotBytesMax " + snapshotBytesMax);
        }
        header = frameHeader;
        size = announced;
        next = 0;
        out = size == 0 ? null : files.create(frameHeader.getSnapshot().getIndex());
    }

    /** Drops an unfinished snapshot, deleting its file; called when the stream ends too. */
    void discard() {
        header = null;
        if (out == null) {
            return;
        }
        try {
            out.close();
        } catch (IOException e) {
            LOG.warn("could not delete the unfinished snapshot file {}", out.file(), e);
        }
        out = null;
    }

    /** The most snapshot bytes this assembly ever held on the heap between two chunks (its file's write buffer). */
    long bufferedBytesPeak() {
        return bufferedBytesPeak;
    }
}
