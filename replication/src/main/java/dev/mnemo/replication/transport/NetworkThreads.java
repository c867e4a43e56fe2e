package dev.mnemo.replication.transport;

import dev.mnemo.proto.v1.PeerGrpc;
import io.grpc.ChannelCredentials;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallExecutorSupplier;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.ServerChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollIoHandler;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * The threads one member's network I/O runs on: an event loop group of its own, shared by the member's gRPC server
 * (accepted connections) and the channels it dials to its peers, and by nothing else (epoll on Linux, NIO
 * elsewhere).
 *
 * <p>Why its own and why few ({@link TransportOptions#networkThreads()}, one by default): a peer frame is handled
 * on the thread that reads it, and the Raft core runs one turn at a time, so a second network thread adds no
 * parallelism to Raft, only hand-offs: a frame read on one thread while another holds the turn waits in the queue
 * for it, and the threads wake each other. One thread per member takes every frame in turn and batches what
 * arrives together. gRPC's shared group would also mix the connections of all members of a process (tests and
 * benchmarks run several) on the same threads.
 */
public final class NetworkThreads implements AutoCloseable {
    private static final long CLOSE_WAIT_MILLIS = 2_000;

    private final EventLoopGroup group;
    private final Class<? extends io.grpc.netty.shaded.io.netty.channel.Channel> channelType;
    private final Class<? extends ServerChannel> serverChannelType;

    /** Starts {@code options.networkThreads()} event loop threads named after {@code name} (a node name). */
    public NetworkThreads(String name, TransportOptions options) {
        int threads = options.networkThreads(); // at least one: the options checked it
        DefaultThreadFactory factory = new DefaultThreadFactory("mnemo-net-" + name, true);
        if (Epoll.isAvailable()) {
            group = new MultiThreadIoEventLoopGroup(threads, factory, EpollIoHandler.newFactory());
            channelType = EpollSocketChannel.class;
            serverChannelType = EpollServerSocketChannel.class;
        } else {
            group = new MultiThreadIoEventLoopGroup(threads, factory, NioIoHandler.newFactory());
            channelType = NioSocketChannel.class;
            serverChannelType = NioServerSocketChannel.class;
        }
    }

    /** A channel builder dialing {@code host:port} with {@code credentials}, on these threads. */
    NettyChannelBuilder channelBuilder(String host, int port, ChannelCredentials credentials) {
        return NettyChannelBuilder.forAddress(host, port, credentials).eventLoopGroup(group).channelType(channelType);
    }

    /**
     * Puts {@code builder}'s server on these threads, accepting and serving connections, and has the peer service's
     * calls run on the thread that reads their frames (a short Raft turn at most, saving a hand-off per frame);
     * other services (SQL) keep gRPC's executor, since their calls do real work. Returns the builder.
     */
    public NettyServerBuilder serve(NettyServerBuilder builder) {
        builder.callExecutor(new ServerCallExecutorSupplier() {
            @Override
            public <Q, R> Executor getExecutor(ServerCall<Q, R> call, Metadata headers) {
                return PeerGrpc.SERVICE_NAME.equals(call.getMethodDescriptor().getServiceName()) ? Runnable::run
                        : null;
            }
        });
        return builder.bossEventLoopGroup(group).workerEventLoopGroup(group).channelType(serverChannelType);
    }

    /** One of these threads, to run a task on (with one network thread, the thread of every connection). */
    Executor loop() {
        return group.next();
    }

    /**
     * Stops the threads once the tasks they hold have run, waiting a little for it. Close the server and the
     * channels that use them first.
     */
    @Override
    public void close() {
        group.shutdownGracefully(0, CLOSE_WAIT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(CLOSE_WAIT_MILLIS * 2);
    }
}
