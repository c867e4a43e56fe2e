package dev.mnemo.engine;

import java.util.List;
import java.util.function.Predicate;

/**
 * A transaction in progress: reads see the database as of when they run plus this transaction's own writes;
 * writes are buffered until commit, when the whole transaction is validated and applied atomically or not at
 * all. Handed to the function given to {@link Mnemo#transaction}; not for use by several threads.
 */
public interface Transaction {
    /** The row under a primary key, or null. For a bag, one of its rows (use {@link #readAll}). */
    Row read(String table, Object... key);

    /** Every row under a primary key (several for a bag). */
    List<Row> readAll(String table, Object... key);

    /** Stores a row: replaces the row with its key (set, ordered_set) or adds it (bag). */
    void write(String table, Row row);

    /**
     * Stores a new row. A set or ordered_set throws {@link DuplicateKeyException} if the key already holds a row,
     * and returns true. A bag adds the row unless an identical row is already there (as this transaction sees
     * it), and returns whether it added it; it reads the key's rows to know, so a concurrent change to them
     * makes this transaction conflict, where {@link #write} would not.
     */
    boolean insert(String table, Row row);

    /** Removes every row under a key; returns whether there was one. */
    boolean delete(String table, Object... key);

    /** Removes exactly this row (for a bag, the identical row only); returns whether it was there. */
    boolean deleteObject(String table, Row row);

    /**
     * Declares that this transaction turns the row {@code old} into {@code updated}, whose primary key or other
     * columns may differ (SQL's UPDATE): the foreign keys that reference a changed column then run their ON UPDATE
     * action (CASCADE moves the child rows to the new values) rather than treat the old row as deleted. It writes
     * nothing itself: remove {@code old} and write {@code updated} as usual in this transaction. Declare it while
     * {@code old} is in place: if an earlier move of this transaction made that row, the row moves on from where
     * that move began (its children end with {@code updated}'s values). It reads {@code old}'s key, so a concurrent
     * change of it makes this transaction conflict; a commit whose declared row was not in place fails with
     * {@link InvalidMoveException} and changes nothing. If this transaction then deletes {@code updated}, the
     * children see {@code old} deleted (ON DELETE), whatever row later takes that key.
     */
    void moved(String table, Row old, Row updated);

    /** Rows in a key range (in key order for ordered_set; in no particular order otherwise). */
    List<Row> select(String table, KeyRange range);

    /**
     * Visits rows in a key range until the visitor returns false, without collecting them. On every kind of table
     * the visit gives each row once as this transaction saw it when the visit began, its earlier writes included;
     * the visitor may write to the table, and its writes neither repeat nor hide rows: a key it adds or changes
     * ahead of the visit is not visited, or visited with the row it held when the visit began, and a key it deletes
     * ahead is still visited with that row. The range's limit counts the rows visited. The transaction's reads after
     * the visit see the visitor's writes. On an ordered_set the transaction depends only on the keys the walk
     * covered: from where it began up to the last key it visited (the whole range when it ran to the end), so a
     * commit elsewhere in the table does not make it conflict.
     */
    void forEach(String table, KeyRange range, Predicate<Row> visitor);

    /**
     * Starts a scan of a whole set or bag table that the caller reads a piece at a time (see {@link TableScan}); an
     * ordered_set reads in pieces through {@link #forEach} with a {@link KeyRange#limit}, resuming after the last key.
     *
     * @throws IllegalArgumentException for an ordered_set table
     */
    TableScan scanInPieces(String table);

    /**
     * Rows whose indexed columns equal {@code values} (a prefix of the index columns is allowed). The transaction
     * depends on that value of the index only, as {@link #indexRange} on its range.
     */
    List<Row> indexRead(String table, String index, Object... values);

    /**
     * Rows in a range of an ordered index, in index order. The transaction depends only on the index entries in the
     * range (up to the last read, under a limit): it conflicts with a commit that adds, changes or removes a row
     * there, or moves one into or out of the range by changing its indexed columns, and with any change of the
     * table's schema, but not with commits elsewhere in the table. Past a budget of rows read (shared with the key
     * walks of {@link #forEach}) the transaction depends on the whole table instead.
     */
    List<Row> indexRange(String table, String index, KeyRange range);

    /**
     * Starts a read of the rows of an index lookup or range that the caller takes a piece at a time, in index order
     * (see {@link IndexScan}): {@link #indexRange} without holding every row matched at once. A hash index answers
     * equality on all its columns only ({@link KeyRange#prefix} of all of them).
     *
     * @throws UnknownIndexException when the table has no such index
     * @throws SchemaException when the range asks a hash index for anything but equality on all its columns
     */
    IndexScan indexScan(String table, String index, KeyRange range);

    /**
     * Whether a table of this name exists. Recorded like a read: if a table of that name is created or dropped
     * before this transaction is ordered, it conflicts (and {@link Mnemo#transaction} runs it again).
     */
    boolean tableExists(String table);

    /**
     * Makes this transaction depend on the whole table, as Mnesia's read_lock_table does, but optimistically: it
     * blocks nobody, and any change to the table's rows or schema committed before this transaction is ordered
     * makes it conflict (and {@link Mnemo#transaction} runs it again).
     */
    void readLockTable(String table);

    /** A row of the table's current schema with every column at its default (or NULL). */
    Row newRow(String table);

    /** Aborts the transaction: throws {@link TransactionAbortedException}; nothing it wrote is applied. */
    void abort(String reason);
}
