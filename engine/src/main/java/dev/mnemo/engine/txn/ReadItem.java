package dev.mnemo.engine.txn;

import dev.mnemo.engine.table.Bounds;

/**
 * What a transaction read, each kind valid at commit only if what it saw is still so:
 * <ul>
 *   <li>a key of a table and the version of its row (0 for a missing key);</li>
 *   <li>with a null key and no range, a scan of the whole table, which saw the table's modification version;</li>
 *   <li>with a {@link Range}, a walk over part of an ordered_set's keys, begun when the table's modification
 *       version was {@code version}: it saw {@link Range#rows()} stored keys within the range's bounds, and stays
 *       valid while the range holds exactly that many keys and none of their rows is newer than {@code version};
 *       </li>
 *   <li>with a {@link Range} that names an index, a walk over part of that index's entries (an equality lookup or
 *       an ordered range), alike: the bounds are index keys, the rows its entries (index key, primary key), each
 *       row's version the one stored under its primary key; valid only while the table's schema version is the one
 *       the walk read it in;</li>
 *   <li>with the table id {@link #CATALOG}, whether a table exists: the key is its upper-case name in UTF-8, the
 *       version the id of the table of that name (0 for none).</li>
 * </ul>
 */
public record ReadItem(long tableId, byte[] key, long version, Range range) {
    /** The table id of a read of the catalog; no table has it (table ids start at 1). */
    public static final long CATALOG = 0;

    public ReadItem(long tableId, byte[] key, long version) {
        this(tableId, key, version, null);
    }

    /** A walk over an ordered_set's keys within {@code bounds} (ascending, prefix bounds) that saw {@code rows}. */
    public static ReadItem range(long tableId, Bounds bounds, long rows, long version) {
        if (bounds.descending()) {
            throw new IllegalArgumentException("a range read is kept with ascending bounds");
        }
        return new ReadItem(tableId, null, version, new Range(bounds, rows, null));
    }

    /**
     * A walk over the entries of index {@code index} of schema version {@code schemaVersion} within {@code bounds}
     * (ascending, prefix bounds over index keys) that saw {@code rows} entries; {@code probed} when it was one probe
     * of a unique hash index's map (an equality without NULL), whose entries the index keeps apart from the others.
     */
    public static ReadItem indexRange(long tableId, String index, int schemaVersion, boolean probed, Bounds bounds,
                                      long rows, long version) {
        if (bounds.descending()) {
            throw new IllegalArgumentException("an index read is kept with ascending bounds");
        }
        return new ReadItem(tableId, null, version, new Range(bounds, rows, new Index(index, schemaVersion, probed)));
    }

    /** A scan of the whole table. */
    public boolean isScan() {
        return key == null && range == null;
    }

    /** A walk over part of an ordered_set's keys or of an index's entries. */
    public boolean isRange() {
        return range != null;
    }

    /** A walk over part of an index's entries. */
    public boolean isIndexRange() {
        return range != null && range.index() != null;
    }

    public boolean isCatalog() {
        return tableId == CATALOG;
    }

    /**
     * The part of an ordered_set (or, with {@code index}, of an index) a walk covered, and how many stored keys (index
     * entries) it found there.
     */
    public record Range(Bounds bounds, long rows, Index index) {
    }

    /** The index a walk read: its name, the table's schema version it was read in, and whether it was probed. */
    public record Index(String name, int schemaVersion, boolean probed) {
    }
}
