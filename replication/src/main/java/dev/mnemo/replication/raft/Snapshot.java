package dev.mnemo.replication.raft;

import java.util.Objects;

/**
 * The application's state as of {@code metadata.index()}, replacing every log entry up to that index. The core
 * never reads {@code data}; the array is shared and must not be modified.
 */
public record Snapshot(SnapshotMetadata metadata, byte[] data) {
    /** No snapshot. */
    public static final Snapshot EMPTY = new Snapshot(new SnapshotMetadata(0, 0, ConfState.EMPTY), new byte[0]);

    public Snapshot {
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(data, "data");
    }

    /**
     * The snapshot every founding member of a new cluster starts from: index 1, term 1, the initial voters and an
     * empty application state. Sharing it makes the founders' logs identical from the start, and lets any later
     * member catch up by receiving a snapshot instead of replaying a bootstrap history.
     */
    public static Snapshot bootstrap(ConfState initial) {
        return new Snapshot(new SnapshotMetadata(1, 1, initial), new byte[0]);
    }

    public long index() {
        return metadata.index();
    }

    public long term() {
        return metadata.term();
    }

    public boolean isEmpty() {
        return metadata.index() == 0;
    }

    @Override
    public String toString() {
        return "Snapshot{" + metadata + ", " + data.length + "B}";
    }
}
