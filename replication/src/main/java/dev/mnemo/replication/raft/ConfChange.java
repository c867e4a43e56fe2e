package dev.mnemo.replication.raft;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A single-server membership change, proposed through the log and applied once committed. {@code member} is
 * opaque to the core: the application's name for the node (how to reach it), replicated with the change so that
 * every member learns it from the log; empty when the application keeps no names.
 */
public record ConfChange(ConfChangeType type, long nodeId, String member) {
    /** Encoded size without the member name: one type byte and the node id. */
    public static final int ENCODED_BYTES = 9;

    public ConfChange(ConfChangeType type, long nodeId) {
        this(type, nodeId, "");
    }

    public ConfChange {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(member, "member");
        if (nodeId <= 0) {
            throw new IllegalArgumentException("node id must be positive: " + nodeId);
        }
    }

    public static ConfChange addVoter(long nodeId, String member) {
        return new ConfChange(ConfChangeType.ADD_VOTER, nodeId, member);
    }

    public static ConfChange addLearner(long nodeId, String member) {
        return new ConfChange(ConfChangeType.ADD_LEARNER, nodeId, member);
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
        byte[] name = member.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(ENCODED_BYTES + name.length).put((byte) type.ordinal()).putLong(nodeId).put(name)
                .array();
    }

    /** Decodes a payload written by {@link #encode()}; anything else is a corrupt log. */
    public static ConfChange decode(byte[] data) {
        if (data.length < ENCODED_BYTES || data[0] < 0 || data[0] >= ConfChangeType.values().length) {
            throw new IllegalStateException("Raft invariant violated: conf change entry is well-formed");
        }
        return new ConfChange(ConfChangeType.values()[data[0]], ByteBuffer.wrap(data, 1, 8).getLong(),
                new String(data, ENCODED_BYTES, data.length - ENCODED_BYTES, StandardCharsets.UTF_8));
    }
}
