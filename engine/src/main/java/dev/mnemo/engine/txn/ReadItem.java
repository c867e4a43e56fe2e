package dev.mnemo.engine.txn;

/**
 * What a transaction read: a key of a table and the version it saw (0 for a missing key), or — with a null
 * key — a scan of the table, which saw the table's modification version.
 */
public record ReadItem(long tableId, byte[] key, long version) {
    public boolean isScan() {
        return key == null;
    }
}
