package dev.mnemo.replication.transport;

import com.google.protobuf.ByteString;
import dev.mnemo.proto.v1.ForwardRequest;
import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.ForwardVerdict;
import dev.mnemo.proto.v1.JoinRequest;
import dev.mnemo.proto.v1.JoinResponse;
import dev.mnemo.replication.raft.Message;
import dev.mnemo.replication.snapshot.SnapshotOutput;
import io.grpc.Server;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.util.MutableHandlerRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A member for tests: a transport behind a real gRPC server on 127.0.0.1 (port chosen at bind time), built as
 * its options say (credentials, limits, keepalive), whose inbound records everything it is handed. The server can
 * be stopped and restarted on the same port.
 */
final class TestPeer implements PeerInbound, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(15);

    record Received(String peer, Message message) {
    }

    record SnapshotStatus(String peer, long index, boolean delivered) {
    }

    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    final BlockingQueue<ForwardRequest> forwards = new LinkedBlockingQueue<>();
    final BlockingQueue<SnapshotStatus> snapshotStatuses = new LinkedBlockingQueue<>();
    final List<String> events = new CopyOnWriteArrayList<>();
    final List<String> forwardPeers = new CopyOnWriteArrayList<>();
    /** Runs before each Raft message is recorded; a test may block in it to play a slow node. */
    volatile Runnable beforeRaftMessage = () -> { };
    /** Runs as an arriving snapshot's file is made (on the thread that writes its first chunk). */
    volatile Runnable beforeSnapshotOutput = () -> { };
    volatile BiConsumer<ForwardRequest, Consumer<ForwardResponse>> forwardHandler = TestPeer::appendAtLength;
    volatile BiConsumer<JoinRequest, Consumer<JoinResponse>> joinHandler = (request, reply) -> reply.accept(
            JoinResponse.newBuilder().setStatus(JoinResponse.Status.ACCEPTED).addMembers(request.getMember())
                    .build());
    final String name;
    final PeerTransport transport;
    /** Where snapshots from peers are written; deleted on close. */
    final Path snapshotDir;
    private final AtomicLong snapshotFiles = new AtomicLong();
    private final MutableHandlerRegistry registry = new MutableHandlerRegistry();
    private final TransportOptions options;
    private final int port;
    private volatile Server server;
    /** The network threads the server and transport share, or null (see the constructor). */
    private final NetworkThreads network;

    TestPeer(String shortName, String cookie, TransportOptions options, ServerInterceptor... interceptors) {
        this(shortName, cookie, options, null, interceptors);
    }

    /**
     * With {@code network}, the peer's server and transport run on those threads, a node's inbound taken on the
     * thread that reads it, as a cluster member's are ({@code ClusterNode}); the peer closes them last. Without, the
     * server runs on gRPC's defaults and the transport on network threads of its own.
     */
    private TestPeer(String shortName, String cookie, TransportOptions options, NetworkThreads network,
            ServerInterceptor... interceptors) {
        this.options = options;
        this.network = network;
        try {
            this.snapshotDir = Files.createTempDirectory("test-peer-snapshots-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.server = startServer(0);
        this.port = server.getPort();
        this.name = shortName + "@127.0.0.1:" + port;
        byte[] secret = cookie.getBytes(StandardCharsets.UTF_8);
        this.transport = network == null ? new PeerTransport(name, secret, this, options)
                : new PeerTransport(name, secret, this, options, network);
        registry.addService(ServerInterceptors.intercept(transport.service(), interceptors));
    }

    /** A peer whose server and transport share one set of network threads, as a cluster member's do. */
    static TestPeer onNetworkThreads(String shortName, String cookie, TransportOptions options) {
        return new TestPeer(shortName, cookie, options, new NetworkThreads(shortName, options));
    }

    static TransportOptions fastOptions() {
        return TransportOptions.defaults().withReconnectBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
                .withRequestTimeout(Duration.ofSeconds(5));
    }

    int port() {
        return port;
    }

    void stopServer() throws InterruptedException {
        server.shutdownNow();
        server.awaitTermination(5, TimeUnit.SECONDS);
    }

    void restartServer() {
        server = startServer(port);
    }

    private Server startServer(int bindPort) {
        try {
            var builder = options.serverBuilder(new InetSocketAddress("127.0.0.1", bindPort));
            return (network == null ? builder : network.serve(builder)).fallbackHandlerRegistry(registry)
                    .build().start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next message handed to this peer, failing the test if none comes. */
    Received next() throws InterruptedException {
        Received r = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError(name + " received nothing within " + WAIT);
        }
        return r;
    }

    SnapshotStatus nextSnapshotStatus() throws InterruptedException {
        SnapshotStatus s = snapshotStatuses.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (s == null) {
            throw new AssertionError(name + " got no snapshot status within " + WAIT);
        }
        return s;
    }

    /** Waits until {@code condition} holds, failing the test if it does not within {@link #WAIT}. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, condition, WAIT);
    }

    /** Waits until {@code condition} holds, failing the test if it does not {@code within}. */
    static void await(String what, BooleanSupplier condition, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(5);
        }
    }

    private static void appendAtLength(ForwardRequest request, Consumer<ForwardResponse> reply) {
        reply.accept(appendedAtLength(request));
    }

    /** An answer to {@code request} that appends each record at the log index of its length. */
    static ForwardResponse appendedAtLength(ForwardRequest request) {
        ForwardResponse.Builder response = ForwardResponse.newBuilder();
        for (ByteString record : request.getRecordsList()) {
            response.addVerdicts(ForwardVerdict.newBuilder().setStatus(ForwardVerdict.Status.APPENDED)
                    .setLogIndex(record.size()).setLogTerm(1));
        }
        return response.build();
    }

    @Override
    public void onRaftMessage(String peer, Message message) {
        beforeRaftMessage.run();
        received.add(new Received(peer, message));
    }

    @Override
    public void onForward(String peer, ForwardRequest request, Consumer<ForwardResponse> reply) {
        forwardPeers.add(peer);
        forwards.add(request);
        forwardHandler.accept(request, reply);
    }

    @Override
    public void onJoin(String peer, JoinRequest request, Consumer<JoinResponse> reply) {
        joinHandler.accept(request, reply);
    }

    @Override
    public void onPeerUp(String peer) {
        events.add("up " + peer);
    }

    @Override
    public void onPeerDown(String peer) {
        events.add("down " + peer);
    }

    @Override
    public void onSnapshotStatus(String peer, long snapshotIndex, boolean delivered) {
        snapshotStatuses.add(new SnapshotStatus(peer, snapshotIndex, delivered));
    }

    @Override
    public SnapshotOutput snapshotOutput(long index) throws IOException {
        beforeSnapshotOutput.run();
        return SnapshotOutput.create(snapshotDir.resolve("snap-" + index + "-" + snapshotFiles.incrementAndGet()));
    }

    /** The snapshot files in {@link #snapshotDir}. */
    List<Path> snapshotFiles() {
        try (var files = Files.list(snapshotDir)) {
            return files.toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws InterruptedException {
        transport.close();
        stopServer();
        if (network != null) {
            network.close();
        }
        try {
            for (Path file : snapshotFiles()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(snapshotDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
