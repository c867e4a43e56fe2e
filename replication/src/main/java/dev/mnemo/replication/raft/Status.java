package dev.mnemo.replication.raft;

/** A read-only summary of a node, for drivers, operators and tests. */
public record Status(
        long id,
        HardState hardState,
        SoftState softState,
        long applied,
        long firstIndex,
        long lastIndex,
        long leadTransferee,
        ConfState confState) {

    public long term() {
        return hardState.term();
    }

    public long commit() {
        return hardState.commit();
    }

    public Role role() {
        return softState.role();
    }

    public long leaderId() {
        return softState.leaderId();
    }
}
