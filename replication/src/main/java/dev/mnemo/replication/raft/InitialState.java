package dev.mnemo.replication.raft;

import java.util.Objects;

/**
 * What a node restarts from: its persisted hard state, and the configuration and index of its latest snapshot. The
 * application restarts from that snapshot, so the core counts everything up to {@code snapshotIndex} as applied,
 * including the membership changes that {@code confState} already holds.
 */
public record InitialState(HardState hardState, ConfState confState, long snapshotIndex) {
    public InitialState {
        Objects.requireNonNull(hardState, "hardState");
        Objects.requireNonNull(confState, "confState");
        if (snapshotIndex < 0) {
            throw new IllegalArgumentException("snapshot index must not be negative: " + snapshotIndex);
        }
    }
}
