package dev.mnemo.replication.raft;

/** The storage cannot produce a snapshot right now (one is being written); the leader retries later. */
public final class SnapshotUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SnapshotUnavailableException(String why) {
        super("snapshot temporarily unavailable: " + why, null, false, false);
    }
}
