package dev.mnemo.replication.transport;

import dev.mnemo.proto.v1.ForwardVerdict;
import dev.mnemo.proto.v1.JoinResponse;
import dev.mnemo.proto.v1.Member;
import dev.mnemo.proto.v1.PeerFrame;
import dev.mnemo.proto.v1.PeerGrpc;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.raft.MessageType;
import io.grpc.BindableService;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Carries Raft messages, forwarded commit records and join requests between cluster members over gRPC.
 *
 * <p>Each member dials one long-lived bidirectional stream to each peer it sends to, and carries its own outbound
 * traffic on it; the peer answers joins and snapshots on the same stream, and its Raft responses too while that
 * stream is open, so a request and its answer cross one connection. A forward is answered on the stream the
 * answerer dialed to the forwarder, when one is open, and otherwise on the forwarder's: a leader's answers then
 * travel with its appends to that follower, one write and one read for both. Every stream starts with
 * the mutual cookie handshake of {@code peer.proto}, on both sides, before any other frame. A peer is up while
 * at least one authenticated stream with it, in either direction, is open.
 *
 * <p>Threads: frames are taken on the network threads that read them (the node's gRPC server runs the accepted
 * side on them, and dialed channels run on them too), so {@link PeerInbound} must not block; a small pool of
 * the transport's own writes queued frames and reports snapshot outcomes; a snapshot thread, while snapshots
 * arrive, writes their chunks to disk (and hands a finished one to {@link PeerInbound}); a timer thread handles
 * timeouts and redials. {@link PeerInbound} is called from these threads; {@code onPeerUp}/{@code onPeerDown} under the
 * transport's peer-table lock, so they arrive in order. {@link #send}, {@link #forward} and {@link #join} never
 * block on the network.
 */
public final class PeerTransport implements AutoCloseable {
    /**
     * The peer protocol version this member speaks (Hello.protocol_version). Version 5 added the data format
     * (Hello.data_format), so that members of version 4, which do not check it, refuse members that do.
     */
    static final int PROTOCOL_VERSION = 5;
    static final int NONCE_BYTES = 32;
    static final int NONCE_BYTES_MIN = 16;
    private static final int POOL_THREADS = 2;
    private static final long CLOSE_WAIT_MILLIS = 1_000;
    private static final long SNAPSHOT_THREAD_IDLE_SECONDS = 30;

    private final String selfName;
    private final Cookie cookie;
    private final PeerInbound inbound;
    private final TransportOptions options;
    private final Counters counters = new Counters();
    private final SecureRandom random = new SecureRandom();
    private final AtomicLong requestIds = new AtomicLong();
    private final ExecutorService pool;
    private final ScheduledThreadPoolExecutor timer;
    /** Writes the chunks of snapshots arriving from peers to their files, one at a time; no thread while idle. */
    private final ThreadPoolExecutor snapshotWriter;
    private final Map<String, PeerLink> links = new ConcurrentHashMap<>();
    private final Set<AcceptedStream> accepted = ConcurrentHashMap.newKeySet();
    /** By dialer: the open stream it dialed last, which carries this member's Raft answers to it. */
    private final Map<String, AcceptedStream> answering = new ConcurrentHashMap<>();
    private final Map<String, Integer> streamsUp = new HashMap<>();
    private final BindableService service = new Service();
    private final NetworkThreads network;
    /** Whether {@link #network} is this transport's own, to close with it. */
    private final boolean ownsNetwork;
    private volatile boolean closed;

    /**
     * A transport for the member {@code selfName} (e.g. {@code a@127.0.0.1:7001}), proving {@code cookie} to its
     * peers and handing what they send to {@code inbound}; it dials peers on network threads of its own.
     */
    public PeerTransport(String selfName, byte[] cookie, PeerInbound inbound, TransportOptions options) {
        this(selfName, cookie, inbound, options, null, true);
    }

    /**
     * A transport as above that dials peers on {@code network}, which the caller also gives its server and
     * closes after both.
     */
    public PeerTransport(String selfName, byte[] cookie, PeerInbound inbound, TransportOptions options,
            NetworkThreads network) {
        this(selfName, cookie, inbound, options, Objects.requireNonNull(network, "network"), false);
    }

    /** Makes network threads of its own ({@code own}) only once the arguments are checked, so none are left over. */
    private PeerTransport(String selfName, byte[] cookie, PeerInbound inbound, TransportOptions options,
            NetworkThreads shared, boolean own) {
        NodeName.parse(selfName);
        this.selfName = selfName;
        this.cookie = Cookie.of(cookie);
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.options = Objects.requireNonNull(options, "options");
        this.ownsNetwork = own;
        this.network = own ? new NetworkThreads(selfName, options) : shared;
        this.pool = Executors.newFixedThreadPool(POOL_THREADS, daemonThreads("mnemo-peer-" + selfName));
        ScheduledThreadPoolExecutor timerPool = new ScheduledThreadPoolExecutor(1,
                daemonThreads("mnemo-peer-timer-" + selfName));
        timerPool.setRemoveOnCancelPolicy(true); // a cancelled deadline check or backoff leaves the queue at once
        this.timer = timerPool;
        this.snapshotWriter = new ThreadPoolExecutor(0, 1, SNAPSHOT_THREAD_IDLE_SECONDS, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("mnemo-snapshot-in-" + selfName));
    }

    /** The gRPC service to add to this node's server (the node owns the {@code io.grpc.Server} and its port). */
    public BindableService service() {
        return service;
    }

    /**
     * Queues {@code message} for {@code peer} (a node name whose address part is host:port), dialing a stream if
     * none is up. Never blocks and never throws for network trouble: when the peer's queue is full or the peer is
     * unreachable the message is dropped and counted, and a dropped snapshot is reported to
     * {@link PeerInbound#onSnapshotStatus} as not delivered.
     *
     * <p>Messages to one peer arrive in the order sent, except that a SNAPSHOT is handed over only once its last
     * chunk is in, while the messages sent after it keep flowing between its chunks.
     *
     * @throws IllegalArgumentException if {@code peer} is not a well-formed node name
     */
    public void send(String peer, Message message) {
        if (message.type().isResponse() && !closed) {
            AcceptedStream back = answering.get(peer);
            if (back != null && back.answer(message)) {
                return;
            }
        }
        DialedStream stream = closed ? null : link(peer).stream();
        if (stream == null) {
            counters.messagesDropped.increment();
            if (message.type() == MessageType.SNAPSHOT) {
                snapshotStatus(peer, message.snapshot().index(), false);
            }
            return;
        }
        stream.send(message);
    }

    /**
     * Sends a commit record to {@code peer}, in one request with the others forwarded to it meanwhile. The future
     * completes with the peer's verdict on this record, or exceptionally with
     * {@link PeerUnavailableException} if the peer is unreachable, the stream breaks, or no answer comes within
     * {@link TransportOptions#requestTimeout()} (checked periodically, so it may fail up to an eighth of the timeout,
     * at most 100 ms, after that); with {@link IllegalArgumentException} if the record cannot fit
     * in a frame.
     */
    public CompletableFuture<ForwardVerdict> forward(String peer, byte[] record) {
        CompletableFuture<ForwardVerdict> answer = new CompletableFuture<>();
        DialedStream stream = requestStream(peer, answer);
        if (stream != null) {
            stream.forward(record, answer);
        }
        return answer;
    }

    /** Asks {@code peer} (a seed, which may not be a member yet) to add {@code self}; completes as
     *  {@link #forward} does. */
    public CompletableFuture<JoinResponse> join(String peer, Member self) {
        return join(peer, self, false);
    }

    /** Asks {@code peer} to add {@code self}, or with {@code leave} to remove it; completes as {@link #forward}
     *  does. */
    public CompletableFuture<JoinResponse> join(String peer, Member self, boolean leave) {
        CompletableFuture<JoinResponse> answer = new CompletableFuture<>();
        DialedStream stream = requestStream(peer, answer);
        if (stream != null) {
            stream.join(self, leave, answer);
        }
        return answer;
    }

    /** The peers with at least one authenticated stream open, in either direction. */
    public Set<String> connectedPeers() {
        synchronized (streamsUp) {
            return Set.copyOf(streamsUp.keySet());
        }
    }

    public TransportStats stats() {
        return counters.snapshot();
    }

    /** Ends every stream, shuts the channels down and waits briefly for them; later sends are dropped. */
    @Override
    public void close() {
        closed = true;
        links.values().forEach(PeerLink::close);
        accepted.forEach(s -> s.end(Status.UNAVAILABLE.withDescription("member shutting down")));
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
        try {
            for (PeerLink link : links.values()) {
                link.awaitTermination(deadline);
            }
            timer.shutdownNow();
            snapshotWriter.shutdown(); // the streams have ended: what it still holds only discards
            pool.shutdown();
            pool.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            snapshotWriter.awaitTermination(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        pool.shutdownNow();
        snapshotWriter.shutdownNow();
        if (ownsNetwork) {
            network.close();
        }
    }

    @Override
    public String toString() {
        return "PeerTransport[" + selfName + "]";
    }

    // ---- for the streams ------------------------------------------------------------------------------------

    String selfName() {
        return selfName;
    }

    Cookie cookie() {
        return cookie;
    }

    PeerInbound inbound() {
        return inbound;
    }

    TransportOptions options() {
        return options;
    }

    NetworkThreads network() {
        return network;
    }

    Counters counters() {
        return counters;
    }

    ExecutorService pool() {
        return pool;
    }

    /** The thread that writes arriving snapshot chunks to disk, off the network threads. */
    Executor snapshotWriter() {
        return snapshotWriter;
    }

    /** The snapshot thread's tasks not done yet, the one it runs and those queued behind: for tests. */
    int snapshotTasksPending() {
        return snapshotWriter.getQueue().size() + snapshotWriter.getActiveCount();
    }

    ScheduledExecutorService timer() {
        return timer;
    }

    /** The timer's scheduled tasks (periodic deadline checks of live streams, pending backoffs): for tests. */
    int timerTasks() {
        return timer.getQueue().size();
    }

    boolean isClosed() {
        return closed;
    }

    long nextRequestId() {
        return requestIds.incrementAndGet();
    }

    byte[] nonce() {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return nonce;
    }

    /** An authenticated stream with {@code peer} opened; the first one makes the peer up. */
    void streamUp(String peer) {
        synchronized (streamsUp) {
            if (streamsUp.merge(peer, 1, Integer::sum) == 1) {
                inbound.onPeerUp(peer);
            }
        }
    }

    /** An authenticated stream with {@code peer} ended; the last one makes the peer down. */
    void streamDown(String peer) {
        synchronized (streamsUp) {
            if (streamsUp.merge(peer, -1, Integer::sum) == 0) {
                streamsUp.remove(peer);
                inbound.onPeerDown(peer);
            }
        }
    }

    /** Reports a snapshot's fate from the pool, never from the caller's thread (which may be the node's). */
    void snapshotStatus(String peer, long index, boolean delivered) {
        try {
            pool.execute(() -> inbound.onSnapshotStatus(peer, index, delivered));
        } catch (RejectedExecutionException closing) {
            // The transport is closed: the node is shutting down and no longer cares.
        }
    }

    void acceptedEnded(AcceptedStream stream) {
        accepted.remove(stream);
        if (stream.dialer() != null) {
            answering.remove(stream.dialer(), stream);
        }
    }

    /** The stream {@code dialer} opened to this member last; Raft answers to it go back on that stream. */
    void acceptedOpen(String dialer, AcceptedStream stream) {
        answering.put(dialer, stream);
    }

    /** The stream this member dialed to {@code peer}, if any (possibly still in its handshake); never dials. */
    DialedStream openStreamTo(String peer) {
        PeerLink link = closed ? null : links.get(peer);
        return link == null ? null : link.current();
    }

    private PeerLink link(String peer) {
        return links.computeIfAbsent(peer, name -> new PeerLink(this, name, NodeName.parse(name)));
    }

    private DialedStream requestStream(String peer, CompletableFuture<?> answer) {
        DialedStream stream = closed ? null : link(peer).stream();
        if (stream == null) {
            answer.completeExceptionally(new PeerUnavailableException(
                    closed ? "the transport is closed" : "peer " + peer + " is unreachable; redialing", false));
        }
        return stream;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** The acceptor side: every incoming stream gets its own {@link AcceptedStream}. */
    private final class Service extends PeerGrpc.PeerImplBase {
        @Override
        public StreamObserver<PeerFrame> stream(
                StreamObserver<PeerFrame> responses) {
            AcceptedStream stream = new AcceptedStream(PeerTransport.this,
                    (ServerCallStreamObserver<PeerFrame>) responses);
            accepted.add(stream);
            if (closed) {
                stream.end(Status.UNAVAILABLE.withDescription("member shutting down"));
            } else {
                stream.start();
            }
            return stream;
        }
    }
}
