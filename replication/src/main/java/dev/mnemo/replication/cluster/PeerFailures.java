package dev.mnemo.replication.cluster;

import dev.mnemo.replication.transport.PeerUnavailableException;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Reads the transport's failures: whether a request certainly never left this member. */
final class PeerFailures {
    private PeerFailures() {
    }

    /** True when the request was never written to a stream, so resending it cannot duplicate it. */
    static boolean neverSent(Throwable error) {
        Throwable t = error;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t instanceof PeerUnavailableException p && !p.sent();
    }
}
