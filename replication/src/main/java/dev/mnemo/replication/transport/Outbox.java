package dev.mnemo.replication.transport;

import dev.mnemo.proto.v1.PeerFrame;
import io.grpc.Status;
import io.grpc.stub.CallStreamObserver;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The write side of one stream: a bounded queue of frames and snapshot transfers, written only while gRPC says
 * the stream is ready ({@code isReady()}), so nothing piles up inside gRPC beyond its small ready threshold.
 *
 * <p>Frames are written in the order they were queued. A snapshot's chunks are interleaved with them: while a
 * transfer is active, one chunk goes out after every {@value #FRAMES_PER_CHUNK} queued frames, or whenever no
 * frame is queued, so neither starves the other. A frame queued while nothing else waits is written at once on
 * the caller's thread (serialising it there, one hand-off fewer on the way out); otherwise one drain task per
 * stream writes on the transport's pool, many frames per turn: consecutive writes reach Netty's write queue
 * together, which flushes them as a batch instead of once per frame.
 *
 * <p>Handshake frames bypass the queue ({@link #writeNow}); queued frames flow only after {@link #open()}.
 */
final class Outbox {
    static final int FRAMES_PER_CHUNK = 64;

    private final CallStreamObserver<PeerFrame> out;
    private final Executor executor;
    private final Counters counters;
    private final int itemsMax;
    private final int frameBytesMax;
    private final Object lock = new Object();
    private final ArrayDeque<PeerFrame> frames = new ArrayDeque<>();
    private final ArrayDeque<SnapshotTransfer> transfers = new ArrayDeque<>();
    private boolean open;
    private boolean closed;
    private boolean drainScheduled;
    private int framesSinceChunk;

    Outbox(CallStreamObserver<PeerFrame> out, Executor executor, Counters counters, int itemsMax, int frameBytesMax) {
        this.out = out;
        this.executor = executor;
        this.counters = counters;
        this.itemsMax = itemsMax;
        this.frameBytesMax = frameBytesMax;
    }

    /** Writes a handshake frame at once, ahead of anything queued. */
    void writeNow(PeerFrame frame) {
        synchronized (lock) {
            if (!closed) {
                out.onNext(frame);
                counters.framesSent.increment();
            }
        }
    }

    /** Queues {@code frame}; false (and nothing queued) when the queue is full or the stream has ended. */
    boolean offer(PeerFrame frame) {
        synchronized (lock) {
            if (closed || frames.size() + transfers.size() >= itemsMax) {
                return false;
            }
            frames.add(frame);
            if (open && !drainScheduled && transfers.isEmpty()) {
                writeWhileReady(); // what it leaves queued goes out when gRPC calls onReady
                return true;
            }
        }
        scheduleDrain();
        return true;
    }

    /** {@link #offer(PeerFrame)} of a frame no larger than the transport's frame limit; false for a larger one. */
    boolean offerIfFits(PeerFrame frame) {
        return frame.getSerializedSize() <= frameBytesMax && offer(frame);
    }

        /** Queues a snapshot transfer, under the same bound as frames. */
    boolean offer(SnapshotTransfer transfer) {
        synchronized (lock) {
            if (closed || frames.size() + transfers.size() >= itemsMax) {
                return false;
            }
            transfers.add(transfer);
        }
        scheduleDrain();
        return true;
    }

    /** The handshake is done: queued frames may flow. */
    void open() {
        synchronized (lock) {
            open = true;
        }
        scheduleDrain();
    }

    /** gRPC's on-ready handler: the stream can take more. */
    void onReady() {
        scheduleDrain();
    }

    /**
     * Ends the stream with {@code status} (OK: a graceful end) unless it has ended already, and discards what is
     * still queued, counting each discarded frame as dropped. Returns whether this call ended it.
     */
    boolean close(Status status) {
        synchronized (lock) {
            if (closed) {
                return false;
            }
            closed = true;
            counters.messagesDropped.add(frames.size());
            frames.clear();
            transfers.clear();
            try {
                if (status.isOk()) {
                    out.onCompleted();
                } else {
                    out.onError(status.asRuntimeException());
                }
            } catch (RuntimeException alreadyClosed) {
                // The call ended on the other side first (cancelled or closed): nothing left to tell it.
            }
            return true;
        }
    }

    private void scheduleDrain() {
        synchronized (lock) {
            if (drainScheduled || !open || closed) {
                return;
            }
            drainScheduled = true;
        }
        try {
            executor.execute(this::drain);
        } catch (RejectedExecutionException shuttingDown) {
            synchronized (lock) {
                drainScheduled = false;
            }
        }
    }

    private void drain() {
        synchronized (lock) {
            drainScheduled = false;
            writeWhileReady();
        }
    }

    /** Writes queued frames and chunks in order while the stream is ready; the caller holds the lock. */
    private void writeWhileReady() {
        try {
            while (!closed && out.isReady()) {
                PeerFrame next = next();
                if (next == null) {
                    return;
                }
                out.onNext(next);
                counters.framesSent.increment();
            }
        } catch (RuntimeException callEnded) {
            // The call was cancelled under us; the stream's own end handling discards the rest.
        }
    }

    private PeerFrame next() {
        SnapshotTransfer transfer = transfers.peek();
        if (transfer != null && (frames.isEmpty() || framesSinceChunk >= FRAMES_PER_CHUNK)) {
            framesSinceChunk = 0;
            PeerFrame chunk = transfer.nextChunk();
            if (transfer.allSent()) {
                transfers.poll();
            }
            return chunk;
        }
        PeerFrame frame = frames.poll();
        if (frame != null) {
            framesSinceChunk++;
        }
        return frame;
    }
}
