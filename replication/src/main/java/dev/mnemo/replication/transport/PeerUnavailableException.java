package dev.mnemo.replication.transport;

/** A request to a peer got no answer: the peer is unreachable, its stream broke, or the answer came too late. */
public final class PeerUnavailableException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean sent;

    /**
     * @param sent whether the request may have reached the peer; false only when it certainly never left this
     *             member (peer unreachable, queue full, or the stream ended before its handshake completed), so
     *             resending it cannot duplicate it
     */
    public PeerUnavailableException(String message, boolean sent) {
        super(message);
        this.sent = sent;
    }

    /** Whether the request may have reached the peer; false means resending it is safe. */
    public boolean sent() {
        return sent;
    }
}
