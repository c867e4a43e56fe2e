package dev.mnemo.replication.transport;

import com.google.protobuf.ByteString;
import dev.mnemo.engine.codec.DataFormat;
import com.google.protobuf.UnsafeByteOperations;
import dev.mnemo.engine.Durations;
import dev.mnemo.proto.v1.ForwardRequest;
import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.ForwardVerdict;
import dev.mnemo.proto.v1.Hello;
import dev.mnemo.proto.v1.JoinRequest;
import dev.mnemo.proto.v1.JoinResponse;
import dev.mnemo.proto.v1.Member;
import dev.mnemo.proto.v1.PeerFrame;
import dev.mnemo.proto.v1.PeerGrpc;
import dev.mnemo.proto.v1.Proof;
import dev.mnemo.proto.v1.RaftMessage;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import io.grpc.Status;
import io.grpc.stub.ClientCallStreamObserver;
import io.grpc.stub.ClientResponseObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One stream this member dialed to a peer: runs the dialer's half of the handshake, then carries this member's
 * Raft messages, forwards and joins, and takes the peer's answers. Snapshot transfers stay registered until the
 * peer acknowledges them or the stream ends, which reports them as not delivered.
 */
final class DialedStream implements ClientResponseObserver<PeerFrame, PeerFrame> {
    private static final Logger LOG = LoggerFactory.getLogger(DialedStream.class);

    private enum Phase { AWAIT_CHALLENGE, AWAIT_PROOF, OPEN, ENDED }

    private final PeerTransport transport;
    private final PeerLink link;
    private final String peer;
    /** The acceptor's name as its challenge gave it: {@code peer}, unless {@code peer} names any member. */
    private volatile String acceptor;
    private final byte[] nonce;
    private final Map<Long, Outstanding<ForwardResponse>> forwards = new ConcurrentHashMap<>();
    private final Map<Long, Outstanding<JoinResponse>> joins = new ConcurrentHashMap<>();
    /** Records waiting for the network thread to send them (guarded by itself), and whether it is asked to. */
    private final List<QueuedForward> forwardQueue = new ArrayList<>();
    private boolean forwardsScheduled;
    /** The network thread that sends this stream's forwards. */
    private final Executor loop;
    private final List<SnapshotTransfer> transfers = new ArrayList<>();
    private volatile Phase phase = Phase.AWAIT_CHALLENGE;
    private Outbox outbox;
    private byte[] acceptorNonce;
    /** When the handshake must have completed ({@link System#nanoTime()}). */
    private long handshakeDeadline;
    /** The periodic check of the handshake's and the requests' deadlines, while the stream lives. */
    private volatile ScheduledFuture<?> deadlineCheck;

    /**
     * A request waiting for its answer, until {@code deadline} ({@link System#nanoTime()}). Deadlines are checked
     * by one periodic task per stream rather than a timer task per request: scheduling and cancelling a task for
     * every forward woke the timer thread for nearly every write.
     */
    private record Outstanding<T>(CompletableFuture<T> answer, long deadline) {
    }

    DialedStream(PeerTransport transport, PeerLink link, String peer) {
        this.transport = transport;
        this.link = link;
        this.peer = peer;
        this.nonce = transport.nonce();
        this.loop = transport.network().loop();
    }

    /** Opens the call and says Hello; everything queued meanwhile waits for the handshake. */
    void start(PeerGrpc.PeerStub stub) {
        stub.stream(this);
        outbox.writeNow(PeerFrame.newBuilder().setHello(Hello.newBuilder().setNode(transport.selfName())
                .setNonce(ByteString.copyFrom(nonce)).setProtocolVersion(PeerTransport.PROTOCOL_VERSION)
                .setDataFormat(DataFormat.VERSION)).build());
        handshakeDeadline = System.nanoTime() + transport.options().requestTimeout().toNanos();
        long period = checkPeriodNanos(transport.options().requestTimeout().toNanos());
        try {
            deadlineCheck = transport.timer().scheduleWithFixedDelay(this::checkDeadlines, period, period,
                    TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            end(Status.CANCELLED.withDescription("member shutting down"));
        }
    }

    /** How often deadlines are checked: an eighth of the timeout, at most 100 ms, so none is overrun by much. */
    static long checkPeriodNanos(long timeoutNanos) {
        long most = TimeUnit.MILLISECONDS.toNanos(100);
        return Math.max(TimeUnit.MILLISECONDS.toNanos(1), Math.min(timeoutNanos / 8, most));
    }

    /**
     * Ends a handshake that is late, and fails the requests whose answer is late; once the stream has ended, cancels
     * itself (also when the call failed inside {@link #start}, before this check existed for {@link #end} to
     * cancel). Never throws: an exception would silently cancel the periodic task, and no request of this stream
     * would time out any more.
     */
    private void checkDeadlines() {
        try {
            long now = System.nanoTime();
            if (phase == Phase.ENDED) {
                ScheduledFuture<?> check = deadlineCheck;
                if (check != null) {
                    check.cancel(false);
                }
                return;
            }
            if (phase != Phase.OPEN && now - handshakeDeadline >= 0) {
                end(Status.DEADLINE_EXCEEDED.withDescription("handshake with " + peer + " timed out"));
                return;
            }
            expire(forwards, now);
            expire(joins, now);
        } catch (RuntimeException e) {
            LOG.error("checking the deadlines of requests to {} failed", peer, e);
        }
    }

    private <T> void expire(Map<Long, Outstanding<T>> pending, long now) {
        for (Map.Entry<Long, Outstanding<T>> e : pending.entrySet()) {
            Outstanding<T> request = e.getValue();
            if (now - request.deadline() >= 0 && pending.remove(e.getKey(), request)) {
                request.answer().completeExceptionally(new PeerUnavailableException("no answer from " + peer
                        + " within " + Durations.format(transport.options().requestTimeout()), true));
            }
        }
    }

    @Override
    public void beforeStart(ClientCallStreamObserver<PeerFrame> requests) {
        outbox = new Outbox(requests, transport.pool(), transport.counters(),
                transport.options().queueMessagesMax(), transport.options().frameBytesMax());
        requests.setOnReadyHandler(outbox::onReady);
    }

    /** Queues a Raft message; drops and counts it if the queue is full or it cannot fit in a frame. */
    void send(Message message) {
        Counters counters = transport.counters();
        if (message.type() == MessageType.SNAPSHOT) {
            SnapshotTransfer transfer = new SnapshotTransfer(message, transport.options().snapshotChunkBytes());
            synchronized (transfers) {
                transfers.add(transfer);
            }
            if (!outbox.offer(transfer)) {
                counters.messagesDropped.increment();
                transfer.close();
                if (unregister(transfer)) {
                    transport.snapshotStatus(peer, transfer.index(), false);
                }
            }
            return;
        }
        PeerFrame frame = PeerFrame.newBuilder().setRaft(RaftCodec.encode(message)).build();
        if (!outbox.offerIfFits(frame)) {
            counters.messagesDropped.increment();
        }
    }

    /**
     * Queues {@code record} for the next forward request, which the network thread sends with every record queued
     * by then: a lone record leaves at once (one hand-off to the network thread, as any write from another thread
     * takes), while records that arrive as the network thread is busy share one frame and one answer.
     */
    void forward(byte[] record, CompletableFuture<ForwardVerdict> answer) {
        synchronized (forwardQueue) {
            forwardQueue.add(new QueuedForward(record, answer));
            if (forwardsScheduled) {
                return;
            }
            forwardsScheduled = true;
        }
        try {
            loop.execute(this::sendForwards);
        } catch (RejectedExecutionException shuttingDown) {
            sendForwards(); // the member is closing: this thread sends, and the ending stream fails what it holds
        }
    }

    private record QueuedForward(byte[] record, CompletableFuture<ForwardVerdict> answer) {
    }

    /**
     * Sends every queued record, in as few requests as frameBytesMax allows for a request and for its answer. (The
     * queue needs no bound of its own: each record's caller waits for its verdict, so it holds at most a record per
     * writing client, and each request then takes a place in the bounded outbox.)
     */
    private void sendForwards() {
        List<QueuedForward> queued;
        synchronized (forwardQueue) {
            queued = new ArrayList<>(forwardQueue);
            forwardQueue.clear();
            forwardsScheduled = false;
        }
        int frameBytesMax = transport.options().frameBytesMax();
        long budget = frameBytesMax - ForwardLimits.FRAME_OVERHEAD_BYTES;
        int recordsMax = ForwardLimits.recordsMax(frameBytesMax);
        int from = 0;
        int to = 0;
        try {
            while (from < queued.size()) {
                to = from + 1; // a record too large for any frame goes alone, and its request is refused
                long bytes = ForwardLimits.recordBytes(queued.get(from).record());
                while (to < queued.size() && to - from < recordsMax
                        && bytes + ForwardLimits.recordBytes(queued.get(to).record()) <= budget) {
                    bytes += ForwardLimits.recordBytes(queued.get(to).record());
                    to++;
                }
                sendForwards(queued.subList(from, to));
                from = to;
            }
        } catch (RuntimeException | Error e) {
            // The request being made (records from..to-1) may have left; the records behind it certainly did not.
            LOG.error("failed to forward records to {}", peer, e);
            for (int i = from; i < queued.size(); i++) {
                queued.get(i).answer().completeExceptionally(new PeerUnavailableException("forwarding to " + peer
                        + " failed: " + e, i < to));
            }
            if (e instanceof Error error) {
                throw error;
            }
        }
    }

    private void sendForwards(List<QueuedForward> batch) {
        ForwardRequest.Builder request = ForwardRequest.newBuilder();
        for (QueuedForward f : batch) {
            request.addRecords(UnsafeByteOperations.unsafeWrap(f.record()));
        }
        CompletableFuture<ForwardResponse> response = new CompletableFuture<>();
        response.whenComplete((answer, error) -> {
            if (error == null && answer.getVerdictsCount() != batch.size()) {
                error = new PeerUnavailableException(peer + " answered " + batch.size() + " forwarded records with "
                        + answer.getVerdictsCount() + " verdicts", true);
            }
            for (int i = 0; i < batch.size(); i++) {
                if (error != null) {
                    batch.get(i).answer().completeExceptionally(error);
                } else {
                    batch.get(i).answer().complete(answer.getVerdicts(i));
                }
            }
        });
        long id = transport.nextRequestId();
        request(forwards, id, response, PeerFrame.newBuilder().setForwardRequest(request.setRequestId(id)).build());
    }

    void join(Member self, boolean leave, CompletableFuture<JoinResponse> answer) {
        long id = transport.nextRequestId();
        request(joins, id, answer, PeerFrame.newBuilder().setJoinRequest(JoinRequest.newBuilder()
                .setRequestId(id).setMember(self).setLeave(leave)).build());
    }

    private <T> void request(Map<Long, Outstanding<T>> pending, long id, CompletableFuture<T> answer,
            PeerFrame frame) {
        if (frame.getSerializedSize() > transport.options().frameBytesMax()) {
            answer.completeExceptionally(new IllegalArgumentException("a request of " + frame.getSerializedSize()
                    + " bytes exceeds frameBytesMax " + transport.options().frameBytesMax()));
            return;
        }
        Outstanding<T> request = new Outstanding<>(answer,
                System.nanoTime() + transport.options().requestTimeout().toNanos());
        pending.put(id, request);
        if (!outbox.offer(frame)) {
            transport.counters().messagesDropped.increment();
            if (pending.remove(id, request)) {
                answer.completeExceptionally(new PeerUnavailableException(
                        "the queue to " + peer + " is full or its stream has ended", false));
            }
        }
    }

    @Override
    public void onNext(PeerFrame frame) {
        transport.counters().framesReceived.increment();
        switch (phase) {
            case AWAIT_CHALLENGE -> onChallenge(frame);
            case AWAIT_PROOF -> onProof(frame);
            case OPEN -> onAnswer(frame);
            case ENDED -> { }
        }
    }

    /**
     * Whether the challenger is the member this stream dialed: the same name, or any well-formed name when the
     * dial target was {@link NodeName#any any member} at an address (a seed known only by its address).
     */
    private boolean acceptable(String challenger) {
        if (challenger.equals(peer)) {
            return true;
        }
        return NodeName.isValid(peer) && NodeName.parse(peer).isAny() && NodeName.isValid(challenger)
                && !NodeName.parse(challenger).isAny();
    }

    private void onChallenge(PeerFrame frame) {
        if (!frame.hasChallenge() || !acceptable(frame.getChallenge().getNode())
                || frame.getChallenge().getNonce().size() < PeerTransport.NONCE_BYTES_MIN) {
            refuse();
            return;
        }
        acceptor = frame.getChallenge().getNode();
        acceptorNonce = frame.getChallenge().getNonce().toByteArray();
        synchronized (this) {
            if (phase != Phase.AWAIT_CHALLENGE) {
                return;
            }
            phase = Phase.AWAIT_PROOF;
        }
        byte[] proof = transport.cookie().proof(Cookie.Role.DIALER, transport.selfName(), acceptor, nonce,
                acceptorNonce);
        outbox.writeNow(PeerFrame.newBuilder().setProof(Proof.newBuilder().setHmac(ByteString.copyFrom(proof)))
                .build());
    }

    private void onProof(PeerFrame frame) {
        if (!frame.hasProof() || !transport.cookie().verify(frame.getProof().getHmac().toByteArray(),
                Cookie.Role.ACCEPTOR, transport.selfName(), acceptor, nonce, acceptorNonce)) {
            refuse();
            return;
        }
        synchronized (this) {
            if (phase != Phase.AWAIT_PROOF) {
                return;
            }
            phase = Phase.OPEN;
            transport.streamUp(peer);
        }
        link.authenticated();
        outbox.open();
    }

    private void onAnswer(PeerFrame frame) {
        switch (frame.getBodyCase()) {
            case FORWARD_RESPONSE -> complete(forwards, frame.getForwardResponse().getRequestId(),
                    frame.getForwardResponse());
            case JOIN_RESPONSE -> complete(joins, frame.getJoinResponse().getRequestId(), frame.getJoinResponse());
            case RAFT -> {
                RaftMessage raft = frame.getRaft();
                if (raft.getType() == RaftMessage.Type.SNAPSHOT_RESPONSE) {
                    onSnapshotResponse(raft);
                    return;
                }
                Message answer;
                try {
                    answer = RaftCodec.decode(raft);
                } catch (MalformedFrameException e) {
                    malformed();
                    return;
                }
                if (!answer.type().isResponse()) {
                    malformed(); // the acceptor answers; it sends its own requests on the stream it dials
                    return;
                }
                try {
                    transport.inbound().onRaftMessage(acceptor, answer);
                } catch (RuntimeException e) {
                    LOG.error("the node failed to take a frame from {}", acceptor, e);
                }
            }
            default -> malformed();
        }
    }

    /**
     * Queues the answer to a forward that the peer sent on the stream it dialed, so that it travels with this
     * member's own traffic to the peer; false (nothing queued) if this stream is not open, its queue is full, or
     * the frame cannot fit.
     */
    boolean answerForward(PeerFrame answer) {
        return phase == Phase.OPEN && outbox.offerIfFits(answer);
    }

    /**
     * The answer to one of this stream's forwards, which the peer sent on the stream it dialed. An answer to no
     * request of this stream (one of a stream that has ended, whose records were failed then) is dropped.
     */
    void onCrossedAnswer(ForwardResponse answer) {
        complete(forwards, answer.getRequestId(), answer);
    }

    private static <T> void complete(Map<Long, Outstanding<T>> pending, long id, T response) {
        Outstanding<T> request = pending.remove(id);
        if (request != null) {
            request.answer().complete(response);
        }
    }

    private void onSnapshotResponse(RaftMessage response) {
        SnapshotTransfer acknowledged = null;
        synchronized (transfers) {
            for (SnapshotTransfer transfer : transfers) {
                if (transfer.index() == response.getIndex()) {
                    acknowledged = transfer;
                    transfers.remove(transfer);
                    break;
                }
            }
        }
        if (acknowledged != null) {
            acknowledged.close();
            transport.snapshotStatus(peer, acknowledged.index(), !response.getReject());
        }
    }

    private boolean unregister(SnapshotTransfer transfer) {
        synchronized (transfers) {
            return transfers.remove(transfer);
        }
    }

    private void refuse() {
        transport.counters().authFailures.increment();
        end(Status.UNAUTHENTICATED);
    }

    private void malformed() {
        transport.counters().malformedFrames.increment();
        end(Status.INVALID_ARGUMENT.withDescription("unexpected frame from the acceptor"));
    }

    @Override
    public void onError(Throwable t) {
        end(Status.fromThrowable(t));
    }

    @Override
    public void onCompleted() {
        end(Status.OK);
    }

    /**
     * Ends the stream (idempotent): cancels the call unless it ended already, fails what waits for an answer,
     * reports unacknowledged snapshots as not delivered, and lets the link back off.
     */
    void end(Status status) {
        boolean wasUp;
        synchronized (this) {
            if (phase == Phase.ENDED) {
                return;
            }
            wasUp = phase == Phase.OPEN;
            phase = Phase.ENDED;
            if (wasUp) {
                transport.streamDown(peer);
            }
        }
        if (deadlineCheck != null) {
            deadlineCheck.cancel(false);
        }
        outbox.close(status);
        // Nothing queued is written before the handshake completes, so a stream that never opened sent nothing.
        PeerUnavailableException broken = new PeerUnavailableException(
                "stream to " + peer + " ended: " + status.getCode(), wasUp);
        forwards.keySet().forEach(id -> failPending(forwards, id, broken));
        joins.keySet().forEach(id -> failPending(joins, id, broken));
        List<SnapshotTransfer> lost;
        synchronized (transfers) {
            lost = List.copyOf(transfers);
            transfers.clear();
        }
        for (SnapshotTransfer transfer : lost) {
            transfer.close(); // the outbox, closed above, reads no more of it
            transport.snapshotStatus(peer, transfer.index(), false);
        }
        link.ended(this);
    }

    private static <T> void failPending(Map<Long, Outstanding<T>> pending, long id, Throwable failure) {
        Outstanding<T> request = pending.remove(id);
        if (request != null) {
            request.answer().completeExceptionally(failure);
        }
    }
}
