package dev.mnemo.sql.service;

import java.sql.SQLException;
import java.time.Duration;

/**
 * Makes a member's replica fresh enough for a linearizable read: the replication layer waits until the
 * local replica has applied the leader's commit index as of the call (Raft ReadIndex). On a single node every
 * committed write is already applied, so {@link #NONE} is right there. Passing it also shows that the member can
 * serve writes (a leader that a majority follows answered), which is what a client's validity check asks.
 */
@FunctionalInterface
public interface ReadBarrier {
    /** The barrier of a single node, where there is nothing to wait for. */
    ReadBarrier NONE = timeout -> { };

    /** Returns once the replica is fresh; throws (with a SQLState) if that cannot happen within {@code timeout}. */
    void await(Duration timeout) throws SQLException;
}
