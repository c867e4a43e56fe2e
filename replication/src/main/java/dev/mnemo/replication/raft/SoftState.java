package dev.mnemo.replication.raft;

import java.util.Objects;

/** Volatile state a driver may observe but need not persist: who leads, and this node's role. */
public record SoftState(long leaderId, Role role) {
    public SoftState {
        Objects.requireNonNull(role, "role");
    }
}
