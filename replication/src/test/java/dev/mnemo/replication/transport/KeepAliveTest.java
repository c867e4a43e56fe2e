package dev.mnemo.replication.transport;

import static dev.mnemo.replication.transport.PeerTransportTest.append;
import static dev.mnemo.replication.transport.TestPeer.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mnemo.proto.v1.ForwardRequest;
import dev.mnemo.proto.v1.ForwardResponse;
import dev.mnemo.proto.v1.JoinRequest;
import dev.mnemo.proto.v1.JoinResponse;
import dev.mnemo.replication.raft.Message;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.bootstrap.Bootstrap;
import io.grpc.netty.shaded.io.netty.channel.Channel;
import io.grpc.netty.shaded.io.netty.channel.ChannelHandlerContext;
import io.grpc.netty.shaded.io.netty.channel.ChannelInboundHandlerAdapter;
import io.grpc.netty.shaded.io.netty.channel.ChannelInitializer;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.DefaultHttp2PingFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2Error;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2GoAwayFrame;
import io.grpc.netty.shaded.io.netty.handler.codec.http2.Http2PingFrame;
import io.grpc.netty.shaded.io.netty.util.ReferenceCountUtil;
import io.grpc.util.MutableHandlerRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Keepalive: its options are checked, the node's server accepts pings at the rate its options set (where gRPC's
 * default policy would close the connection for too many pings), a silent link stays up while it is pinged, and
 * a connection that falls silent without closing is noticed by both ends.
 */
class KeepAliveTest {
    private static final Duration SHORT = Duration.ofMillis(200);
    private static final int PINGS = 10;
    /** A dialed channel pings after at least 10 s (gRPC's floor) and waits out the timeout: allow for both. */
    private static final Duration DIALER_NOTICES_WITHIN = Duration.ofSeconds(40);

    @Test
    void keepAliveDefaultsToTenSecondsAndFiveSecondsAndIsChecked() {
        TransportOptions d = TransportOptions.defaults();

        assertThat(d.keepAliveTime()).isEqualTo(Duration.ofSeconds(10));
        assertThat(d.keepAliveTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(d.withKeepAlive(Duration.ofNanos(1), Duration.ofNanos(1)).keepAliveTime())
                .isEqualTo(Duration.ofNanos(1));
        assertThatThrownBy(() -> d.withKeepAlive(Duration.ZERO, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAliveTime");
        assertThatThrownBy(() -> d.withKeepAlive(Duration.ofSeconds(1), Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAliveTimeout");
        assertThatThrownBy(() -> d.withKeepAlive(null, Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAliveTime");
        Duration longest = Duration.ofNanos(Long.MAX_VALUE);
        assertThat(d.withKeepAlive(longest, longest).keepAliveTimeout()).isEqualTo(longest);
        assertThatThrownBy(() -> d.withKeepAlive(longest.plusNanos(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAliveTime");
        assertThatThrownBy(() -> d.withKeepAlive(Duration.ofSeconds(1), longest.plusNanos(1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keepAliveTimeout");
        // The other settings survive.
        assertThat(d.withQueueMessagesMax(7).withKeepAlive(SHORT, SHORT).queueMessagesMax()).isEqualTo(7);
        assertThat(d.withKeepAlive(SHORT, SHORT).withQueueMessagesMax(7).keepAliveTime()).isEqualTo(SHORT);
    }

    @Test
    void theNodesServerAcceptsPingsAtItsKeepAliveRateWithoutAnyCallOpen() throws Exception {
        TransportOptions options = TestPeer.fastOptions().withKeepAlive(SHORT, Duration.ofSeconds(2));
        Server server = options.serverBuilder(new InetSocketAddress("127.0.0.1", 0)).build().start();
        try (Pinger pinger = new Pinger(server.getPort())) {
            for (int i = 1; i <= PINGS; i++) {
                pinger.pingAndAwaitAnswer(i);
                Thread.sleep(SHORT.toMillis());
            }

            assertThat(pinger.goAways).isEmpty();
            assertThat(pinger.answered.get()).isEqualTo(PINGS);
            assertThat(pinger.channel.isActive()).isTrue();
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void withGrpcsDefaultPolicyAServerClosesTheSamePingersConnection() throws Exception {
        Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0),
                InsecureServerCredentials.create()).build().start();
        try (Pinger pinger = new Pinger(server.getPort())) {
            for (int i = 1; i <= PINGS && pinger.goAways.isEmpty(); i++) {
                pinger.pingAndAwaitAnswer(i);
                Thread.sleep(SHORT.toMillis());
            }

            assertThat(pinger.goAways).hasSize(1);
            assertThat(pinger.goAways.get(0)).contains("too_many_pings")
                    .startsWith(Http2Error.ENHANCE_YOUR_CALM.name());
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void aSilentLinkStaysUpWhileItsServerPingsIt() throws Exception {
        TransportOptions options = TestPeer.fastOptions().withKeepAlive(SHORT, Duration.ofSeconds(2));
        try (TestPeer a = new TestPeer("a", "cookie", options); TestPeer b = new TestPeer("b", "cookie", options)) {
            a.transport.send(b.name, append(1, 2, 1));
            assertThat(b.next().message()).isEqualTo(append(1, 2, 1));

            // Nothing crosses the link for ten keepalive intervals but b's server's pings and a's answers.
            Thread.sleep(SHORT.multipliedBy(PINGS).toMillis());
            a.transport.send(b.name, append(1, 2, 2));

            assertThat(b.next().message()).isEqualTo(append(1, 2, 2));
            assertThat(a.transport.stats().streamsDialed()).isEqualTo(1);
            assertThat(a.transport.stats().messagesDropped()).isZero();
            assertThat(a.events).containsExactly("up " + b.name);
            assertThat(b.events).containsExactly("up " + a.name);
        }
    }

    @Test
    void aConnectionThatFallsSilentWithoutClosingIsNoticedByBothEnds() throws Exception {
        TransportOptions options = TestPeer.fastOptions().withKeepAlive(SHORT, Duration.ofMillis(500));
        MutableHandlerRegistry registry = new MutableHandlerRegistry();
        Server server = options.serverBuilder(new InetSocketAddress("127.0.0.1", 0))
                .fallbackHandlerRegistry(registry).build().start();
        EventLog bEvents = new EventLog();
        try (SilentProxy route = new SilentProxy(server.getPort());
                TestPeer a = new TestPeer("a", "cookie", options);
                PeerTransport b = new PeerTransport("b@127.0.0.1:" + route.port(), "cookie".getBytes(
                        StandardCharsets.UTF_8), bEvents, options)) {
            registry.addService(b.service());
            a.transport.send(bName(route), append(1, 2, 1));
            await("b is handed a's message", () -> bEvents.messages.get() == 1, TestPeer.WAIT);

            route.fallSilent();

            // b's server pings the silent dialer within keepAliveTime and gives up on it after keepAliveTimeout.
            await("b reports a down", () -> bEvents.events.contains("down " + a.name), TestPeer.WAIT);
            // a's channel pings no sooner than gRPC lets it (10 s), then gives up on b in the same way.
            await("a reports b down", () -> a.events.contains("down " + bName(route)), DIALER_NOTICES_WITHIN);
            assertThat(a.events).startsWith("up " + bName(route), "down " + bName(route));
            assertThat(bEvents.events).containsExactly("up " + a.name, "down " + a.name);
        } finally {
            server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static String bName(SilentProxy route) {
        return "b@127.0.0.1:" + route.port();
    }

    /** An inbound that records peer events and counts Raft messages, for a transport without a TestPeer. */
    private static final class EventLog implements PeerInbound {
        final List<String> events = new CopyOnWriteArrayList<>();
        final AtomicInteger messages = new AtomicInteger();

        @Override
        public void onRaftMessage(String peer, Message message) {
            messages.incrementAndGet();
        }

        @Override
        public void onForward(String peer, ForwardRequest request, Consumer<ForwardResponse> reply) {
            throw new AssertionError("no forwards in this test");
        }

        @Override
        public void onJoin(String peer, JoinRequest request, Consumer<JoinResponse> reply) {
            throw new AssertionError("no joins in this test");
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
            throw new AssertionError("no snapshots in this test");
        }
    }

    /**
     * A bare HTTP/2 client on one connection that only pings, with no call open: what a gRPC channel's keepalive
     * does on an idle connection, at whatever rate the test chooses (a gRPC channel will not ping more often than
     * every 10 s).
     */
    private static final class Pinger implements AutoCloseable {
        final AtomicInteger answered = new AtomicInteger();
        /** Each GOAWAY the server sent: its error, then its debug text. */
        final List<String> goAways = new CopyOnWriteArrayList<>();
        final Channel channel;
        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());

        Pinger(int port) throws InterruptedException {
            ChannelInboundHandlerAdapter recorder = new ChannelInboundHandlerAdapter() {
                @Override
                public void channelRead(ChannelHandlerContext ctx, Object frame) {
                    try {
                        if (frame instanceof Http2PingFrame ping && ping.ack()) {
                            answered.incrementAndGet();
                        } else if (frame instanceof Http2GoAwayFrame goAway) {
                            goAways.add(Http2Error.valueOf(goAway.errorCode()) + " "
                                    + goAway.content().toString(StandardCharsets.UTF_8));
                        }
                    } finally {
                        ReferenceCountUtil.release(frame);
                    }
                }
            };
            this.channel = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(), recorder);
                        }
                    })
                    .connect("127.0.0.1", port).sync().channel();
        }

        /** Sends ping number {@code n} and waits for its answer, or for the server to send GOAWAY. */
        void pingAndAwaitAnswer(int n) throws InterruptedException {
            channel.writeAndFlush(new DefaultHttp2PingFrame(n)).sync();
            await("ping " + n + " is answered or refused", () -> answered.get() >= n || !goAways.isEmpty(),
                    TestPeer.WAIT);
        }

        @Override
        public void close() throws InterruptedException {
            channel.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }
}
