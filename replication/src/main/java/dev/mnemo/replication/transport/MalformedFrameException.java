package dev.mnemo.replication.transport;

/** A peer frame broke the protocol: the stream that carried it is ended with {@code INVALID_ARGUMENT}. */
public final class MalformedFrameException extends Exception {
    private static final long serialVersionUID = 1L;

    public MalformedFrameException(String message) {
        super(message);
    }
}
