package dev.mnemo.replication.raft;

import java.util.Objects;

/** What a node restarts from: its persisted hard state and the configuration of its latest snapshot. */
public record InitialState(HardState hardState, ConfState confState) {
    public InitialState {
        Objects.requireNonNull(hardState, "hardState");
        Objects.requireNonNull(confState, "confState");
    }
}
