package dev.mnemo.engine.txn;

/**
 * What a transaction read: a key of a table and the version it saw (0 for a missing key), or — with a null
 * key — a scan of the table, which saw the table's modification version; or, with the table id {@link #CATALOG},
 * whether a table exists: the key is its upper-case name in UTF-8, the version the id of the table of that name
 * (0 for none).
 */
public record ReadItem(long tableId, byte[] key, long version) {
    /** The table id of a read of the catalog; no table has it (table ids start at 1). */
    public static final long CATALOG = 0;

    public boolean isScan() {
        return key == null;
    }

    public boolean isCatalog() {
        return tableId == CATALOG;
    }
}
