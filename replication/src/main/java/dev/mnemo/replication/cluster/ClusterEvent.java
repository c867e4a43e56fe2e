package dev.mnemo.replication.cluster;

/** What a {@link ClusterListener} hears about: members coming and going and leadership moving (Mnesia's system events). */
public sealed interface ClusterEvent {
    /** A peer completed the cookie handshake with this member. */
    record NodeUp(String node) implements ClusterEvent {
    }

    /** The last connection with a peer ended. */
    record NodeDown(String node) implements ClusterEvent {
    }

    /** This member learnt of a new leader ({@code leader} empty while none is known). */
    record LeaderChanged(String leader, long term) implements ClusterEvent {
    }

    /** The membership changed: {@code node} was added as a learner, promoted to voter, or removed. */
    record MembershipChanged(String node, Change change) implements ClusterEvent {
    }

    /** Kinds of membership change. */
    enum Change { ADDED_LEARNER, PROMOTED_TO_VOTER, REMOVED }
}
