package dev.mnemo.engine;

/** How a table arranges its rows by key, as Mnesia's table types. */
public enum TableKind {
    /** One row per key, hashed: point access only. */
    SET,
    /** One row per key, kept in key order: point access and range scans in both directions. */
    ORDERED_SET,
    /** Several distinct rows per key. */
    BAG
}
