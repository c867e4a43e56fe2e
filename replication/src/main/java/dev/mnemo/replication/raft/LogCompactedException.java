package dev.mnemo.replication.raft;

/** The requested index lies at or below the compaction point; only the snapshot covers it now. */
public final class LogCompactedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LogCompactedException(long index, long compactedThrough) {
        super("log index " + index + " is compacted (snapshot covers up to " + compactedThrough + ")", null,
                false, false);
    }
}
