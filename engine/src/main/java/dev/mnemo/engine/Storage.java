package dev.mnemo.engine;

/** Where a table's rows survive: only in memory, or also on disc across restarts. */
public enum Storage {
    /** Off-heap memory only; contents are gone after a restart (a cluster member reloads them from a peer). */
    RAM,
    /** Off-heap memory plus a durable journal and snapshots: a restart recovers every committed row. */
    DISC
}
