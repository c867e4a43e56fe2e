package dev.mnemo.replication.cluster;

import dev.mnemo.engine.MnemoException;

/**
 * A write (or a linearizable read) could not reach a majority of the cluster within the configured time: this
 * member is cut off, or no leader is elected yet. Nothing was committed; retrying on a member of the majority, or
 * later, is safe. SQLState {@code 08006}, so pools and the remote driver move to another member.
 */
public final class NoQuorumException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public NoQuorumException(String message) {
        super("08006", message);
    }
}
