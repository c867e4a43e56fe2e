package dev.mnemo.replication.transport;

import com.google.protobuf.ByteString;
import dev.mnemo.engine.codec.DataFormat;
import dev.mnemo.proto.v1.Challenge;
import dev.mnemo.proto.v1.ForwardRequest;
import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.Hello;
import dev.mnemo.proto.v1.JoinRequest;
import dev.mnemo.proto.v1.JoinResponse;
import dev.mnemo.proto.v1.PeerFrame;
import dev.mnemo.proto.v1.Proof;
import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.proto.v1.SnapshotChunk;
import dev.mnemo.replication.raft.Message;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream a peer dialed to this member: runs the acceptor's half of the handshake, then hands the peer's
 * frames to the node and writes the answers back. A frame before the handshake completes, or a wrong proof,
 * ends the stream with UNAUTHENTICATED and no detail; a frame that breaks the protocol afterwards ends it with
 * INVALID_ARGUMENT. Either way only this stream is affected.
 */
final class AcceptedStream implements StreamObserver<PeerFrame> {
    private enum Phase { AWAIT_HELLO, AWAIT_PROOF, OPEN, ENDED }

    private static final Logger LOG = LoggerFactory.getLogger(AcceptedStream.class);

    private final PeerTransport transport;
    private final Outbox outbox;
    private final ServerCallStreamObserver<PeerFrame> responses;
    private final SnapshotAssembly assembly;
    /**
     * The most snapshot chunks of this stream queued for the snapshot thread (the one being written among them), and
     * so about the most snapshot bytes it holds on the heap, in chunks: two let the next chunk cross the network
     * while one is written.
     */
    private static final int CHUNKS_QUEUED_MAX = 2;
    private final Object chunkLock = new Object();
    /** Never above {@link #CHUNKS_QUEUED_MAX}: at the bound, the stream takes no frame until one is written. */
    private int chunksQueued;
    private final byte[] nonce;
    private volatile Phase phase = Phase.AWAIT_HELLO;
    private volatile String dialer;
    private byte[] dialerNonce;
    private volatile ScheduledFuture<?> handshakeTimeout;

    AcceptedStream(PeerTransport transport, ServerCallStreamObserver<PeerFrame> responses) {
        this.transport = transport;
        this.responses = responses;
        this.outbox = new Outbox(responses, transport.pool(), transport.counters(),
                transport.options().queueMessagesMax(), transport.options().frameBytesMax());
        this.assembly = new SnapshotAssembly(transport.options().snapshotBytesMax(),
                index -> transport.inbound().snapshotOutput(index));
        this.nonce = transport.nonce();
    }

    /**
     * Installs the stream's handlers and the handshake deadline (the dialer speaks first), and asks for the first
     * frame. The stream asks for each next frame itself once the previous one is taken (inbound flow control), so
     * that snapshot chunks can be written to disk off the network thread with at most {@value #CHUNKS_QUEUED_MAX}
     * of them on the heap: when more would queue, the frames behind wait in gRPC's and TCP's windows instead.
     */
    void start() {
        responses.disableAutoRequest();
        responses.setOnReadyHandler(outbox::onReady);
        responses.setOnCancelHandler(() -> end(Status.CANCELLED));
        try {
            handshakeTimeout = transport.timer().schedule(() -> {
                if (phase != Phase.OPEN) {
                    end(Status.UNAUTHENTICATED);
                }
            }, transport.options().requestTimeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            end(Status.UNAVAILABLE.withDescription("member shutting down"));
        }
        requestNext();
    }

    @Override
    public void onNext(PeerFrame frame) {
        transport.counters().framesReceived.increment();
        switch (phase) {
            case AWAIT_HELLO -> onHello(frame);
            case AWAIT_PROOF -> onProof(frame);
            case OPEN -> {
                try {
                    if (!onTraffic(frame)) {
                        return; // held: the snapshot thread asks for the next frame once a chunk is written
                    }
                } catch (MalformedFrameException e) {
                    malformed(e);
                }
            }
            case ENDED -> { }
        }
        requestNext();
    }

    /** Asks gRPC for the stream's next frame, unless the stream has ended. */
    private void requestNext() {
        if (phase == Phase.ENDED) {
            return;
        }
        try {
            responses.request(1);
        } catch (RuntimeException callEnded) {
            // The call was cancelled under us; its end handling runs on its own.
        }
    }

    private void malformed(MalformedFrameException e) {
        transport.counters().malformedFrames.increment();
        end(Status.INVALID_ARGUMENT.withDescription(e.getMessage()));
    }

    private void onHello(PeerFrame frame) {
        Hello hello = frame.getHello();
        if (!frame.hasHello() || !NodeName.isValid(hello.getNode()) || NodeName.parse(hello.getNode()).isAny()
                || hello.getNonce().size() < PeerTransport.NONCE_BYTES_MIN) {
            LOG.warn("refused a peer stream: its hello was malformed (node \"{}\")", hello.getNode());
            refuse();
            return;
        }
        if (hello.getProtocolVersion() != PeerTransport.PROTOCOL_VERSION) {
            end(Status.FAILED_PRECONDITION.withDescription("peer protocol version " + hello.getProtocolVersion()
                    + " is not understood; this member speaks version " + PeerTransport.PROTOCOL_VERSION));
            return;
        }
        if (hello.getDataFormat() != DataFormat.VERSION) {
            end(Status.FAILED_PRECONDITION.withDescription("peer " + hello.getNode() + " writes data format "
                    + hello.getDataFormat() + "; this member writes data format " + DataFormat.VERSION
                    + ": members of Mnemo builds that write different data cannot form one cluster"));
            return;
        }
        dialer = hello.getNode();
        dialerNonce = hello.getNonce().toByteArray();
        if (advance(Phase.AWAIT_HELLO, Phase.AWAIT_PROOF)) {
            outbox.writeNow(PeerFrame.newBuilder().setChallenge(Challenge.newBuilder()
                    .setNode(transport.selfName()).setNonce(ByteString.copyFrom(nonce))).build());
        }
    }

    private void onProof(PeerFrame frame) {
        Cookie cookie = transport.cookie();
        if (!frame.hasProof() || !cookie.verify(frame.getProof().getHmac().toByteArray(), Cookie.Role.DIALER,
                dialer, transport.selfName(), dialerNonce, nonce)) {
            LOG.warn("refused {}: it could not prove the cluster cookie", dialer);
            refuse();
            return;
        }
        byte[] proof = cookie.proof(Cookie.Role.ACCEPTOR, dialer, transport.selfName(), dialerNonce, nonce);
        outbox.writeNow(PeerFrame.newBuilder().setProof(Proof.newBuilder().setHmac(ByteString.copyFrom(proof)))
                .build());
        synchronized (this) {
            if (!advance(Phase.AWAIT_PROOF, Phase.OPEN)) {
                return;
            }
            transport.streamUp(dialer);
            transport.acceptedOpen(dialer, this);
        }
        outbox.open();
    }

    /** Takes one frame of an open stream; false if the stream must wait before its next frame (see onRaft). */
    private boolean onTraffic(PeerFrame frame) throws MalformedFrameException {
        int size = frame.getSerializedSize();
        if (size > transport.options().frameBytesMax()) {
            throw new MalformedFrameException("a frame of " + size + " bytes exceeds frameBytesMax "
                    + transport.options().frameBytesMax());
        }
        PeerInbound inbound = transport.inbound();
        switch (frame.getBodyCase()) {
            case RAFT -> {
                return onRaft(frame.getRaft());
            }
            case FORWARD_REQUEST -> {
                ForwardRequest request = frame.getForwardRequest();
                int recordsMax = ForwardLimits.recordsMax(transport.options().frameBytesMax());
                if (request.getRecordsCount() > recordsMax) {
                    throw new MalformedFrameException("a forward request of " + request.getRecordsCount()
                            + " records exceeds the " + recordsMax + " whose answer fits in a frame");
                }
                Consumer<ForwardResponse> reply = once(response -> PeerFrame.newBuilder().setForwardResponse(
                        ForwardLimits.fit(response).toBuilder().setRequestId(request.getRequestId())).build(), true);
                deliver(() -> inbound.onForward(dialer, request, reply));
            }
            case FORWARD_RESPONSE -> {
                // An answer to a forward this member sent the dialer, which it sent along with its own traffic
                // here: the request waits on the stream this member dialed to it.
                transport.counters().forwardAnswersCrossed.increment();
                DialedStream ours = transport.openStreamTo(dialer);
                if (ours != null) {
                    ours.onCrossedAnswer(frame.getForwardResponse());
                }
            }
            case JOIN_REQUEST -> {
                JoinRequest request = frame.getJoinRequest();
                Consumer<JoinResponse> reply = once(response -> PeerFrame.newBuilder()
                        .setJoinResponse(response.toBuilder().setRequestId(request.getRequestId())).build(), false);
                deliver(() -> inbound.onJoin(dialer, request, reply));
            }
            default -> throw new MalformedFrameException("a dialer may not send a " + frame.getBodyCase() + " frame");
        }
        return true;
    }

    private boolean onRaft(RaftMessage raft) throws MalformedFrameException {
        if (raft.getType() != RaftMessage.Type.SNAPSHOT) {
            Message message = RaftCodec.decode(raft);
            deliver(() -> transport.inbound().onRaftMessage(dialer, message));
            return true;
        }
        // Writing a chunk (and at the end syncing the file) takes the disk's time: the snapshot thread does it, in
        // arrival order, while the network thread serves every connection, this stream's other frames included. A
        // next chunk may arrive meanwhile and wait its turn; past that, the stream takes no frame until one is written.
        boolean takeNext;
        synchronized (chunkLock) {
            takeNext = ++chunksQueued < CHUNKS_QUEUED_MAX;
        }
        try {
            transport.snapshotWriter().execute(() -> {
                try {
                    onSnapshotChunk(raft);
                } catch (MalformedFrameException e) {
                    malformed(e);
                } catch (RuntimeException | Error e) {
                    LOG.error("failed to take a snapshot chunk from {}", dialer, e);
                    end(Status.INTERNAL.withDescription("the receiver failed to take the snapshot"));
                    if (e instanceof Error error) {
                        throw error;
                    }
                } finally {
                    chunkWritten();
                }
            });
        } catch (RejectedExecutionException closing) {
            end(Status.UNAVAILABLE.withDescription("member shutting down"));
        }
        return takeNext;
    }

    /** A chunk is off the snapshot thread's queue: a stream held for it takes its next frame. */
    private void chunkWritten() {
        boolean resume;
        synchronized (chunkLock) {
            resume = chunksQueued-- == CHUNKS_QUEUED_MAX; // the stream was held at the bound
        }
        if (resume) {
            requestNext();
        }
    }

    /** Writes one snapshot chunk; once the snapshot is whole, hands it to the node and acknowledges it. */
    private void onSnapshotChunk(RaftMessage raft) throws MalformedFrameException {
        SnapshotAssembly.Outcome outcome;
        try {
            synchronized (assembly) {
                if (phase == Phase.ENDED) {
                    return; // a snapshot started now would never be discarded
                }
                outcome = assembly.accept(raft);
            }
        } catch (IOException e) {
            LOG.error("cannot store a snapshot from {}", dialer, e);
            end(Status.INTERNAL.withDescription("the receiver cannot store the snapshot"));
            return;
        }
        long index;
        long next;
        if (outcome instanceof SnapshotAssembly.Outcome.Complete complete) {
            Message snapshot = complete.message();
            deliver(() -> transport.inbound().onRaftMessage(dialer, snapshot));
            index = snapshot.snapshot().index();
            next = raft.getSnapshot().getSizeBytes(); // the next offset wanted is the end: the whole snapshot is in
        } else if (outcome instanceof SnapshotAssembly.Outcome.Aborted aborted) {
            index = aborted.index();
            next = 0;
        } else {
            return;
        }
        RaftMessage ack = RaftMessage.newBuilder().setType(RaftMessage.Type.SNAPSHOT_RESPONSE)
                .setTerm(raft.getTerm()).setFrom(raft.getTo()).setTo(raft.getFrom()).setIndex(index)
                .setReject(outcome instanceof SnapshotAssembly.Outcome.Aborted)
                .setChunk(SnapshotChunk.newBuilder().setOffset(next)).build();
        // Acknowledgements bypass the queue bound: they are tiny, and a lost one would leave the sender waiting.
        outbox.writeNow(PeerFrame.newBuilder().setRaft(ack).build());
    }

    /** The dialer's name once its hello arrived, else null. */
    String dialer() {
        return dialer;
    }

    /**
     * Queues a Raft response to the dialer on this stream; false (nothing queued) if the stream is not open, its
     * queue is full, or the message cannot fit in a frame, so the caller can send it another way.
     */
    boolean answer(Message message) {
        if (phase != Phase.OPEN) {
            return false;
        }
        PeerFrame frame = PeerFrame.newBuilder().setRaft(RaftCodec.encode(message)).build();
        return outbox.offerIfFits(frame);
    }

    /**
     * A reply callback the node may call once; later calls, and calls after the stream ended, are dropped. With
     * {@code onOwnStream}, the reply goes on the stream this member dialed to the dialer when one is open (where
     * a leader's appends to that follower go too), else on this one.
     */
    private <T> Consumer<T> once(Function<T, PeerFrame> frame, boolean onOwnStream) {
        AtomicBoolean replied = new AtomicBoolean();
        return response -> {
            if (!replied.compareAndSet(false, true)) {
                return;
            }
            PeerFrame reply = frame.apply(response);
            DialedStream own = onOwnStream ? transport.openStreamTo(dialer) : null;
            if ((own == null || !own.answerForward(reply)) && !outbox.offer(reply)) {
                transport.counters().messagesDropped.increment();
            }
        };
    }

    /** Calls the node; a failing callback is the node's bug, logged, and must not take the stream down. */
    private void deliver(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            LOG.error("the node failed to take a frame from {}", dialer, e);
        }
    }

    private synchronized boolean advance(Phase from, Phase to) {
        if (phase != from) {
            return false;
        }
        phase = to;
        return true;
    }

    private void refuse() {
        transport.counters().authFailures.increment();
        end(Status.UNAUTHENTICATED);
    }

    @Override
    public void onError(Throwable t) {
        end(Status.CANCELLED);
    }

    @Override
    public void onCompleted() {
        end(Status.OK);
    }

    /**
     * Deletes a snapshot cut off by the stream's end, on the snapshot thread: it may be writing or syncing a chunk
     * of it still (under the assembly's lock), which the network thread, where a stream usually ends, must not wait
     * for. Queued behind this stream's chunks, the discard runs after them; they write nothing once the stream has
     * ended. Once the snapshot thread is shut down (the member is closing), the caller discards.
     */
    private void discardSnapshot() {
        try {
            transport.snapshotWriter().execute(this::discardNow);
        } catch (RejectedExecutionException closing) {
            discardNow();
        }
    }

    private void discardNow() {
        synchronized (assembly) {
            assembly.discard();
        }
    }

    /** Ends the stream (idempotent) with {@code status}, which the dialer sees. */
    void end(Status status) {
        synchronized (this) {
            if (phase == Phase.ENDED) {
                return;
            }
            boolean wasUp = phase == Phase.OPEN;
            phase = Phase.ENDED;
            if (wasUp) {
                transport.streamDown(dialer);
            }
        }
        if (handshakeTimeout != null) {
            handshakeTimeout.cancel(false);
        }
        outbox.close(status);
        discardSnapshot();
        transport.acceptedEnded(this);
    }
}
