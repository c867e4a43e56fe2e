package dev.mnemo.replication.raft;

import java.nio.ByteBuffer;
import java.util.Objects;

/** A single-server membership change, proposed through the log and applied once committed. */
public record ConfChange(ConfChangeType type, long nodeId) {
    /** Encoded size: one type byte and the node id. */
    public static final int ENCODED_BYTES = 9;

    public ConfChange {
        Objects.requireNonNull(type, "type");
        if (nodeId <= 0) {
            throw new IllegalArgumentException("node id must be positive: " + nodeId);
        }
    }

    public static ConfChange addVoter(long nodeId) {
        return new ConfChange(ConfChangeType.ADD_VOTER, nodeId);
    }

    public static ConfChange addLearner(long nodeId) {
        return new ConfChange(ConfChangeType.ADD_LEARNER, nodeId);
    }

    public static ConfChange removeNode(long nodeId) {
        return new ConfChange(ConfChangeType.REMOVE_NODE, nodeId);
    }

    /** The payload of a {@link EntryType#CONF_CHANGE} entry. */
    public byte[] encode() {
        return ByteBuffer.allocate(ENCODED_BYTES).put((byte) type.ordinal()).putLong(nodeId).array();
    }

    /** Decodes a payload written by {@link #encode()}; anything else is a corrupt log. */
    public static ConfChange decode(byte[] data) {
        if (data.length != ENCODED_BYTES || data[0] < 0 || data[0] >= ConfChangeType.values().length) {
            throw new IllegalStateException("Raft invariant violated: conf change entry is well-formed");
        }
        return new ConfChange(ConfChangeType.values()[data[0]], ByteBuffer.wrap(data, 1, 8).getLong());
    }
}
