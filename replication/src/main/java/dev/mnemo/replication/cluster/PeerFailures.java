package dev.mnemo.replication.cluster;

import dev.mnemo.replication.transport.PeerUnavailableException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Reads the transport's failures: whether a request certainly never left this member. */
final class PeerFailures {
    private PeerFailures() {
    }

    /**
     * True when the request was never written to a stream, so resending it cannot duplicate it. Only a transport
     * failure that says it may have sent the request counts as sent.
     */
    static boolean neverSent(Throwable error) {
        Throwable t = cause(error);
        return !(t instanceof PeerUnavailableException p) || !p.sent();
    }

    /** True when the transport refused the request as too large for one frame: it can never be sent. */
    static boolean tooLarge(Throwable error) {
        return cause(error) instanceof IllegalArgumentException;
    }

    private static Throwable cause(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }
}
