package dev.mnemo.replication.transport;

import dev.mnemo.proto.v1.PeerGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The dialing side of one peer: its channel, the current stream (at most one, so frames keep their order), and
 * the reconnect backoff. A stream is dialed on first use; when one fails the link backs off (doubling from
 * {@code reconnectBackoffMin} to {@code reconnectBackoffMax}, reset by a successful handshake) and meanwhile
 * drops traffic. At the end of the backoff it redials by itself if the peer was ever reached (a member keeps being
 * redialed, at most every {@code reconnectBackoffMax}, until the transport closes) or traffic was dropped
 * meanwhile, so a restarted peer is reconnected, and reported up, without waiting for the next send. A name
 * that never answered is dialed again only when there is traffic for it.
 */
final class PeerLink {
    private final PeerTransport transport;
    private final String peer;
    private final NodeName address;
    private ManagedChannel channel;
    private DialedStream stream;
    private Duration nextBackoff;
    private boolean backingOff;
    private boolean redialWanted;
    private boolean everUp;
    private boolean closed;

    PeerLink(PeerTransport transport, String peer, NodeName address) {
        this.transport = transport;
        this.peer = peer;
        this.address = address;
        this.nextBackoff = transport.options().reconnectBackoffMin();
    }

    /** The stream to queue on, dialing one if none is open; null while backing off or closed. */
    synchronized DialedStream stream() {
        if (stream != null || closed) {
            return stream;
        }
        if (transport.isClosed()) {
            // Created in a race with close(), which has already closed every link it knew: dial nothing.
            closed = true;
            return null;
        }
        if (backingOff) {
            redialWanted = true;
            return null;
        }
        dial();
        return stream; // null again if the dial failed at once
    }

    /** The stream open now, if any, without dialing one. */
    synchronized DialedStream current() {
        return stream;
    }

    /** The current stream completed its handshake: the next failure starts from the shortest backoff. */
    synchronized void authenticated() {
        everUp = true;
        nextBackoff = transport.options().reconnectBackoffMin();
    }

    /** {@code ended} is over; back off before dialing again. */
    synchronized void ended(DialedStream ended) {
        if (stream != ended) {
            return;
        }
        stream = null;
        if (closed) {
            return;
        }
        Duration delay = nextBackoff;
        Duration doubled = delay.multipliedBy(2);
        Duration max = transport.options().reconnectBackoffMax();
        nextBackoff = doubled.compareTo(max) > 0 ? max : doubled;
        backingOff = true;
        redialWanted = everUp;
        try {
            transport.timer().schedule(this::backoffOver, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closing) {
            closed = true;
        }
    }

    void close() {
        DialedStream current;
        ManagedChannel dialed;
        synchronized (this) {
            closed = true;
            current = stream;
            dialed = channel;
        }
        if (current != null) {
            current.end(Status.CANCELLED.withDescription("member shutting down"));
        }
        if (dialed != null) {
            dialed.shutdownNow();
        }
    }

    void awaitTermination(long deadlineNanos) throws InterruptedException {
        ManagedChannel dialed;
        synchronized (this) {
            dialed = channel;
        }
        if (dialed != null) {
            dialed.awaitTermination(Math.max(0, deadlineNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        }
    }

    private synchronized void backoffOver() {
        backingOff = false;
        if (redialWanted && !closed && stream == null) {
            redialWanted = false;
            dial();
        }
    }

    /**
     * Opens a stream and makes it the current one before starting it: gRPC runs the dialed side's callbacks on
     * the network thread, and a call that fails at once (nothing listening) ends the stream inside
     * {@code start}, which {@link #ended} must then recognise.
     */
    private void dial() {
        if (channel == null) {
            TransportOptions options = transport.options();
            channel = transport.network().channelBuilder(address.host(), address.port(), options.channelCredentials())
                    // Frames are taken on the network thread that reads them: the node only queues work or
                    // takes a short turn, never blocks, and a hand-off to a pool thread would cost each answer.
                    .directExecutor()
                    .maxInboundMessageSize(options.frameBytesMax())
                    .keepAliveTime(options.keepAliveTime().toNanos(), TimeUnit.NANOSECONDS)
                    .keepAliveTimeout(options.keepAliveTimeout().toNanos(), TimeUnit.NANOSECONDS)
                    // A link backing off has no call open, and its dead connection must still be noticed.
                    .keepAliveWithoutCalls(true)
                    .build();
        } else {
            // gRPC's own reconnect backoff (up to minutes) would otherwise outlast ours after a long outage.
            channel.resetConnectBackoff();
        }
        transport.counters().streamsDialed.increment();
        DialedStream dialed = new DialedStream(transport, this, peer);
        stream = dialed;
        dialed.start(PeerGrpc.newStub(channel));
    }
}
