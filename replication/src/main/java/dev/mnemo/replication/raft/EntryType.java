package dev.mnemo.replication.raft;

/** What a log entry carries: application data, or a membership change the core applies itself. */
public enum EntryType {
    /** Opaque application bytes (an empty payload is the leader's no-op at the start of its term). */
    NORMAL,
    /** An encoded {@link ConfChange}; it takes effect when the application has applied it (see {@link Ready}). */
    CONF_CHANGE
}
