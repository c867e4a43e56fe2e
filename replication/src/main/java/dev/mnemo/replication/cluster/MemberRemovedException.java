package dev.mnemo.replication.cluster;

import dev.mnemo.engine.MnemoException;

/**
 * This member was removed from its cluster by a committed membership change, so it takes no write (nor
 * linearizable read) again: it must rejoin as a new member, with an empty data directory. Nothing was committed.
 * SQLState {@code 08006}, as for a lost connection, so that pools and the remote driver move to another member.
 */
public final class MemberRemovedException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public MemberRemovedException(String message) {
        super("08006", message);
    }
}
