package dev.mnemo.replication.raft;

/** The single-server membership changes the core supports. */
public enum ConfChangeType {
    /** Adds a voter, or promotes an existing learner to voter. */
    ADD_VOTER,
    /** Adds a non-voting learner that receives the log but neither votes nor counts for quorum. */
    ADD_LEARNER,
    /** Removes a voter or a learner (the leader itself included: it steps down once the change is applied). */
    REMOVE_NODE
}
