package dev.mnemo.replication.raft;

import java.util.Arrays;
import java.util.Objects;

/**
 * The answer to a read-index request: once this node has applied {@code index}, a read of its state is
 * linearizable with respect to the request identified by {@code context}.
 */
public record ReadState(long index, byte[] context) {
    public ReadState {
        Objects.requireNonNull(context, "context");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ReadState r && r.index == index && Arrays.equals(r.context, context);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(index) * 31 + Arrays.hashCode(context);
    }

    @Override
    public String toString() {
        return "ReadState{index=" + index + ", context=" + Arrays.toString(context) + "}";
    }
}
