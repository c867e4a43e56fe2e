package dev.mnemo.replication.raft;

/** A node's role in its current term. */
public enum Role {
    FOLLOWER,
    /** Asking whether it could win an election, without raising its term yet (pre-vote). */
    PRE_CANDIDATE,
    CANDIDATE,
    LEADER
}
