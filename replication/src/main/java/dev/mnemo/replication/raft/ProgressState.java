package dev.mnemo.replication.raft;

/** How a leader currently replicates to one follower. */
enum ProgressState {
    /** Where the logs agree is unknown: send one append per heartbeat interval and back off on rejection. */
    PROBE,
    /** The follower is in step: stream appends optimistically, up to the inflight window. */
    REPLICATE,
    /** A snapshot is on its way; send nothing else until the follower reports its new index. */
    SNAPSHOT
}
