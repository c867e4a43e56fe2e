package dev.mnemo.replication.cluster;

import dev.mnemo.engine.MnemoException;

/**
 * A write reached the leader's log but this member could not learn its fate within the configured time (the
 * leader failed or was cut off meanwhile): it may or may not be committed. SQLState {@code 40003}, "statement
 * completion unknown". Re-running a transaction after this is safe only if it is idempotent or checks its effect
 * first.
 */
public final class CommitUnknownException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public CommitUnknownException(String message) {
        super("40003", message);
    }
}
