package dev.mnemo.replication.log;

import dev.mnemo.replication.raft.Entry;
import dev.mnemo.replication.raft.HardState;
import dev.mnemo.replication.raft.SnapshotMetadata;
import java.util.List;

/** One record of a segment file: the unit that is written, checksummed and replayed whole or not at all. */
sealed interface LogRecord {

    /**
     * One {@link LogStore#save} call. {@code snapshot} is {@code null} when the batch carries none; its data lives
     * in the snapshot file the metadata names.
     */
    record Batch(HardState hardState, SnapshotMetadata snapshot, List<Entry> entries) implements LogRecord {
    }

    /** The application recorded a snapshot ({@link LogStore#createSnapshot}); its data is in a snapshot file. */
    record SnapshotTaken(SnapshotMetadata metadata) implements LogRecord {
    }

    /** Entries up to and including {@code index} were discarded ({@link LogStore#compact}). */
    record Compaction(long index) implements LogRecord {
    }

    /**
     * The whole state of the log at one point: the segments before the one holding it are no longer needed.
     * {@code offsetIndex}/{@code offsetTerm} is the compaction point, {@code entries} every entry after it.
     */
    record Checkpoint(HardState hardState, SnapshotMetadata snapshot, long offsetIndex, long offsetTerm,
                      List<Entry> entries) implements LogRecord {
    }
}
