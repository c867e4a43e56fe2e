package dev.mnemo.replication.transport;

import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.InsecureServerCredentials;
import io.grpc.ServerCredentials;
import java.time.Duration;
import java.util.Objects;

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
 *                             ({@code maxInboundMessageSize}), its default being 4 MiB
 * @param snapshotBytesMax     the largest snapshot a receiver reassembles (snapshots are held in one array)
 * @param channelCredentials   how to dial peers (TLS or plaintext)
 * @param serverCredentials    how the node should build the server it adds {@link PeerTransport#service()} to;
 *                             the transport itself does not use it
 */
public record TransportOptions(
        Duration requestTimeout,
        int queueMessagesMax,
        Duration reconnectBackoffMin,
        Duration reconnectBackoffMax,
        int snapshotChunkBytes,
        int frameBytesMax,
        int snapshotBytesMax,
        ChannelCredentials channelCredentials,
        ServerCredentials serverCredentials) {

    /** What a frame adds around a snapshot chunk (header, metadata, framing), for checking the chunk fits. */
    static final int CHUNK_OVERHEAD_BYTES = 4 * 1024;

    public TransportOptions {
        Objects.requireNonNull(channelCredentials, "channelCredentials");
        Objects.requireNonNull(serverCredentials, "serverCredentials");
        requirePositive(requestTimeout, "requestTimeout");
        requirePositive(reconnectBackoffMin, "reconnectBackoffMin");
        requirePositive(reconnectBackoffMax, "reconnectBackoffMax");
        if (reconnectBackoffMax.compareTo(reconnectBackoffMin) < 0) {
            throw new IllegalArgumentException("reconnectBackoffMax " + reconnectBackoffMax
                    + " is below reconnectBackoffMin " + reconnectBackoffMin);
        }
        if (queueMessagesMax < 1 || snapshotChunkBytes < 1 || snapshotBytesMax < 0) {
            throw new IllegalArgumentException("queueMessagesMax and snapshotChunkBytes must be positive, "
                    + "snapshotBytesMax not negative");
        }
        if ((long) snapshotChunkBytes + CHUNK_OVERHEAD_BYTES > frameBytesMax) {
            throw new IllegalArgumentException("snapshotChunkBytes " + snapshotChunkBytes + " plus "
                    + CHUNK_OVERHEAD_BYTES + " bytes of framing exceeds frameBytesMax " + frameBytesMax);
        }
        if (snapshotBytesMax > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("snapshotBytesMax exceeds the largest Java array: " + snapshotBytesMax);
        }
    }

    /**
     * Answers within 5 s, 4096 queued frames per peer, redial after 100 ms up to 5 s, 1 MiB snapshot chunks in
     * frames of at most 4 MiB (gRPC's default inbound limit), snapshots up to 1 GiB, plaintext.
     */
    public static TransportOptions defaults() {
        return new TransportOptions(Duration.ofSeconds(5), 4096, Duration.ofMillis(100), Duration.ofSeconds(5),
                1 << 20, 4 << 20, 1 << 30, InsecureChannelCredentials.create(), InsecureServerCredentials.create());
    }

    public TransportOptions withRequestTimeout(Duration timeout) {
        return new TransportOptions(timeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, snapshotBytesMax, channelCredentials, serverCredentials);
    }

    public TransportOptions withQueueMessagesMax(int max) {
        return new TransportOptions(requestTimeout, max, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, snapshotBytesMax, channelCredentials, serverCredentials);
    }

    public TransportOptions withReconnectBackoff(Duration min, Duration max) {
        return new TransportOptions(requestTimeout, queueMessagesMax, min, max, snapshotChunkBytes,
                frameBytesMax, snapshotBytesMax, channelCredentials, serverCredentials);
    }

    /** Sets the chunk size and the frame limit together, since the one must fit in the other. */
    public TransportOptions withFrameLimits(int chunkBytes, int frameMax) {
        return new TransportOptions(requestTimeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                chunkBytes, frameMax, snapshotBytesMax, channelCredentials, serverCredentials);
    }

    public TransportOptions withSnapshotBytesMax(int max) {
        return new TransportOptions(requestTimeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, max, channelCredentials, serverCredentials);
    }

    /** Uses TLS (or any other credentials) for dialing and for the node's server. */
    public TransportOptions withCredentials(ChannelCredentials channel, ServerCredentials server) {
        return new TransportOptions(requestTimeout, queueMessagesMax, reconnectBackoffMin, reconnectBackoffMax,
                snapshotChunkBytes, frameBytesMax, snapshotBytesMax, channel, server);
    }

    private static void requirePositive(Duration d, String name) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(name + " must be a positive duration: " + d);
        }
    }
}
