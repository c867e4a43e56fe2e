package dev.mnemo.replication.transport;

import dev.mnemo.engine.Durations;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * How a {@link PeerTransport} behaves. Every limit is per peer or per frame, as its name says.
 *
 * @param requestTimeout       how long a forward or join waits for its answer, and a handshake for completion
 * @param queueMessagesMax     frames queued for one peer (or, on an accepted stream, responses queued for its
 *                             dialer) while gRPC is not ready for more; past it, frames are dropped and counted
 * @param reconnectBackoffMin  the wait before redialing a peer whose stream failed; doubles on every failure
 * @param reconnectBackoffMax  the longest such wait
 * @param snapshotChunkBytes   the snapshot bytes one frame carries
 * @param frameBytesMax        the largest frame sent or accepted; a larger inbound frame ends its stream. The
 *                             node's {@code io.grpc.Server} should accept at least this much
 *                             ({@code maxInboundMessageSize}), its default being 4 MiB; {@link #serverBuilder}
 *                             sees to it
 * @param snapshotBytesMax     the largest snapshot a receiver accepts; snapshots are streamed to a file as they
 *                             arrive, so this bounds disk use, not memory
 * @param keepAliveTime        how long a connection to or from a peer may stay silent before this member pings
 *                             it, so that a peer which vanished without closing its connection (power loss, a
 *                             dropped route) is noticed, its streams end and the peer is reported down. Dialed
 *                             channels ping no more often than every 10 s whatever this says (gRPC's floor); the
 *                             server from {@link #serverBuilder} pings its silent dialers at exactly this interval
 *                             and accepts their pings at up to twice this rate
 * @param keepAliveTimeout     how long a ping may go unanswered before its connection is declared dead
 * @param channelCredentials   how to dial peers (TLS or plaintext)
 * @param serverCredentials    how the node should build the server it adds {@link PeerTransport#service()} to
 *                             ({@link #serverBuilder} uses them); the transport itself does not use them
 * @param networkThreads       the event loop threads of a member's network I/O, its server's and its dialed
 *                             channels' ({@link NetworkThreads}: why one is usually best)
 */
public record TransportOptions(
        Duration requestTimeout,
        int queueMessagesMax,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        int snapshotChunkBytes,
        int frameBytesMax,
        long snapshotBytesMax,
        Duration keepAliveTime,
        Duration keepAliveTimeout,
        ChannelCredentials channelCredentials,
        ServerCredentials serverCredentials,
        int networkThreads) {

    /** What a frame adds around a snapshot chunk (header, metadata, framing), for checking the chunk fits. */
    static final int CHUNK_OVERHEAD_BYTES = 4 * 1024;
    /** What the server accepts beyond {@link #frameBytesMax()}: gRPC's own message framing around a frame. */
    static final int SERVER_INBOUND_SLACK_BYTES = 1 << 16;
    /** The longest keepalive time or timeout: gRPC takes them in nanoseconds, in a long. */
    static final Duration NANOS_MAX = Duration.ofNanos(Long.MAX_VALUE);

    public TransportOptions {
        Objects.requireNonNull(channelCredentials, "channelCredentials");
        Objects.requireNonNull(serverCredentials, "serverCredentials");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(reconnectBackoffMin, "reconnectBackoffMin");
        requirePositive(reconnectBackoffMax, "reconnectBackoffMax");
        requireNanos(keepAliveTime, "keepAliveTime");
        requireNanos(keepAliveTimeout, "keepAliveTimeout");
        if (reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
            throw new IllegalArgumentException("reconnectBackoffMax " + Durations.format(reconnectBackoffMax)
                    + " is below reconnectBackoffMin " + Durations.format(reconnectBackoffMin));
        }
        if (networkThreads < 1) {
            throw new IllegalArgumentException("networkThreads must be at least 1, got " + networkThreads);
        }
        if (queueMessagesMax < 1 || snapshotChunkBytes < 1 || snapshotBytesMax < 0) {
            throw new IllegalArgumentException("queueMessagesMax and snapshotChunkBytes must be positive, "
                    + "snapshotBytesMax not negative");
        }
        if ((long) snapshotChunkBytes + CHUNK_OVERHEAD_BYTES > frameBytesMax) {
            throw new IllegalArgumentException("snapshotChunkBytes " + snapshotChunkBytes + " plus "
                    + CHUNK_OVERHEAD_BYTES + " bytes of framing exceeds frameBytesMax " + frameBytesMax);
        }
    }

    /**
     * Answers within 5 s, 4096 queued frames per peer, redial after 100 ms up to 5 s, 1 MiB snapshot chunks in
     * frames of at most 4 MiB (gRPC's default inbound limit), snapshots up to 1 TiB, a ping after 10 s of silence
     * answered within 5 s (a vanished peer is noticed within about 15 s), plaintext, one network thread.
     */
    public static TransportOptions defaults() {
        return new TransportOptions(Duration.ofSeconds(5), 4096, Duration.ofMillis(100), Duration.ofSeconds(5),
                1 << 20, 4 << 20, 1L << 40, Duration.ofSeconds(10), Duration.ofSeconds(5),
                InsecureChannelCredentials.create(), InsecureServerCredentials.create(), 1);
    }

    public TransportOptions withRequestTimeout(Duration timeout) {
        return new TransportOptions(timeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, snapshotBytesMax, keepAliveTime, keepAliveTimeout,
                channelCredentials, serverCredentials, networkThreads);
    }

    public TransportOptions withQueueMessagesMax(int max) {
        return new TransportOptions(requestTimeout, max, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, snapshotBytesMax, keepAliveTime, keepAliveTimeout,
                channelCredentials, serverCredentials, networkThreads);
    }

    public TransportOptions withReconnectBackoff(Duration min, Duration max) {
        return new TransportOptions(requestTimeout, queueMessagesMax, min, max, snapshotChunkBytes,
                frameBytesMax, snapshotBytesMax, keepAliveTime, keepAliveTimeout, channelCredentials,
                serverCredentials, networkThreads);
    }

    /** Sets the chunk size and the frame limit together, since the one must fit in the other. */
    public TransportOptions withFrameLimits(int chunkBytes, int frameMax) {
        return new TransportOptions(requestTimeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                chunkBytes, frameMax, snapshotBytesMax, keepAliveTime, keepAliveTimeout, channelCredentials,
                serverCredentials, networkThreads);
    }

    public TransportOptions withSnapshotBytesMax(long max) {
        return new TransportOptions(requestTimeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, max, keepAliveTime, keepAliveTimeout, channelCredentials,
                serverCredentials, networkThreads);
    }

    /**
     * Pings a connection silent for {@code time} and declares it dead if the ping is not answered within
     * {@code timeout}. Every member of a cluster should use the same {@code time}: a server accepts pings at up to
     * twice its own rate and answers faster ones by closing the connection.
     */
    public TransportOptions withKeepAlive(Duration time, Duration timeout) {
        return new TransportOptions(requestTimeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, snapshotBytesMax, time, timeout, channelCredentials,
                serverCredentials, networkThreads);
    }

    /** Runs a member's network I/O on {@code threads} event loop threads (see {@link NetworkThreads}). */
    public TransportOptions withNetworkThreads(int threads) {
        return new TransportOptions(requestTimeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, snapshotBytesMax, keepAliveTime, keepAliveTimeout,
                channelCredentials, serverCredentials, threads);
    }

    /** Uses TLS (or any other credentials) for dialing and for the node's server. */
    public TransportOptions withCredentials(ChannelCredentials channel, ServerCredentials server) {
        return new TransportOptions(requestTimeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, snapshotBytesMax, keepAliveTime, keepAliveTimeout, channel,
                server, networkThreads);
    }

    /**
     * Mutual TLS between members. {@code keyStore} holds this member's private key and certificate chain, opened
     * with {@code keyPassword}; {@code trustStore} holds the certificates a peer's chain must lead to (the
     * cluster's CA, or the members' own certificates). Both ends present a certificate and check the other's: a
     * peer without one, or with one that {@code trustStore} does not vouch for, cannot connect. A dialer also
     * checks that the certificate names the host of the node name it dials (a DNS or IP subject alternative name
     * such as {@code IP:10.0.0.7} for {@code a@10.0.0.7:7001}). The cookie handshake still runs inside TLS.
     * For PEM files, build {@code io.grpc.TlsChannelCredentials} and {@code TlsServerCredentials} with
     * client authentication required and pass them to {@link #withCredentials}.
     *
     * @throws IllegalArgumentException if the stores hold no usable key or certificate, or the password is wrong
     */
    public TransportOptions withMutualTls(KeyStore keyStore, char[] keyPassword, KeyStore trustStore) {
        KeyManager[] keys;
        TrustManager[] trusted;
        try {
            KeyManagerFactory keyFactory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keyFactory.init(Objects.requireNonNull(keyStore, "keyStore"), keyPassword);
            keys = keyFactory.getKeyManagers();
            TrustManagerFactory trustFactory =
                    TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trustFactory.init(Objects.requireNonNull(trustStore, "trustStore"));
            trusted = trustFactory.getTrustManagers();
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("cannot use the key store or trust store for TLS: " + e, e);
        }
        ChannelCredentials channel = TlsChannelCredentials.newBuilder().keyManager(keys).trustManager(trusted)
                .build();
        ServerCredentials server = TlsServerCredentials.newBuilder().keyManager(keys).trustManager(trusted)
                .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE).build();
        return withCredentials(channel, server);
    }

    /**
     * A builder for the node's gRPC server, to which the node adds {@link PeerTransport#service()}: it listens on
     * {@code address} with {@link #serverCredentials()}, takes frames up to {@link #frameBytesMax()}, pings dialers
     * silent for {@link #keepAliveTime()}, and accepts their keepalive pings, with or without open calls, at up to
     * twice that rate, so that jitter between two pings never makes it close a healthy connection with
     * {@code GOAWAY too_many_pings}.
     */
    public NettyServerBuilder serverBuilder(InetSocketAddress address) {
        int inboundBytesMax = (int) Math.min(Integer.MAX_VALUE, (long) frameBytesMax + SERVER_INBOUND_SLACK_BYTES);
        return NettyServerBuilder.forAddress(address, serverCredentials)
                .maxInboundMessageSize(inboundBytesMax)
                .keepAliveTime(keepAliveTime.toNanos(), TimeUnit.NANOSECONDS)
                .keepAliveTimeout(keepAliveTimeout.toNanos(), TimeUnit.NANOSECONDS)
                .permitKeepAliveTime(keepAliveTime.toNanos() / 2, TimeUnit.NANOSECONDS)
                .permitKeepAliveWithoutCalls(true);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: "
                    + (d == null ? null : Durations.format(d)));
        }
    }

    /** Positive and, as gRPC takes it, a count of nanoseconds that fits a long (about 292 years). */
    private static void requireNanos(Duration d, String name) {
        requirePositive(d, name);
        if (d.compareTo(NANOS_MAX) > 0) {
            throw new IllegalArgumentException(name + " exceeds the longest duration gRPC takes, "
                    + Durations.format(NANOS_MAX) + ": " + Durations.format(d));
        }
    }
}
