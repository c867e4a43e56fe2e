package dev.mnemo.replication.raft;

import java.util.Objects;

/**
 * What became of a request handed to the core (a proposal, a membership change, a read index, a leadership
 * transfer). Refusals are values, not exceptions: a caller on a minority side or a follower learns it at once.
 */
public sealed interface Submission permits Submission.Accepted, Submission.NotLeader, Submission.Dropped {

    /**
     * Taken in. For a proposal, the entry sits at (term, index) and counts as committed once an entry with that
     * index <em>and term</em> is applied; for the other requests {@code index} is 0 and the outcome shows up
     * later (a {@link ReadState}, a new leader).
     */
    record Accepted(long term, long index) implements Submission {
    }

    /** This node is not the leader; {@code leaderHint} is the leader it knows of, or 0. */
    record NotLeader(long leaderHint) implements Submission {
    }

    /** The leader refused the request for {@code reason}; retrying later may succeed. */
    record Dropped(Reason reason) implements Submission {
        public Dropped {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Why a leader refused a request. */
    enum Reason {
        /** A leadership transfer is under way; proposals would be lost with the old leader's term. */
        LEADER_TRANSFER_IN_PROGRESS,
        /** An earlier membership change has not been applied yet (one change at a time). */
        CONF_CHANGE_PENDING,
        /** The change would do nothing or leave no voter (e.g. adding an existing voter). */
        CONF_CHANGE_INVALID,
        /** The payload exceeds {@link RaftConfig#entryBytesMax()}. */
        ENTRY_TOO_LARGE,
        /** The leader already holds {@link RaftConfig#uncommittedBytesMax()} of uncommitted entries. */
        UNCOMMITTED_LIMIT,
        /** {@link RaftConfig#readIndexPendingMax()} read requests are already waiting, or the context is in use. */
        READ_INDEX_QUEUE_FULL,
        /** The transfer target is this node, or not a voter. */
        TRANSFER_TARGET_INVALID
    }

    default boolean isAccepted() {
        return this instanceof Accepted;
    }
}
