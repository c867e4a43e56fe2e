package dev.mnemo.replication.raft;

import java.util.Objects;

/** Where a snapshot sits in the log, and the configuration in force at that point. */
public record SnapshotMetadata(long index, long term, ConfState confState) {
    public SnapshotMetadata {
        Objects.requireNonNull(confState, "confState");
        if (index < 0 || term < 0) {
            throw new IllegalArgumentException("snapshot index and term must not be negative");
        }
    }
}
