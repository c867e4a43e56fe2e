package dev.mnemo.engine;

import java.util.function.Consumer;

/**
 * The rows of an index lookup or range that its caller reads a piece at a time ({@link Transaction#indexScan}), so
 * that the heap holds one piece of the rows matched, never all of them, however many rows share a value and however
 * long the caller waits between pieces.
 *
 * <p>The pieces give the rows in index order (by index values, then primary key; descending when the range is), each
 * once: the committed rows the index holds in the range, merged with the rows the transaction's own writes leave
 * there (a row it deleted never, a row it changed with its new values, wherever they now fall, a row it added once).
 * The own writes are those made before the scan began; writes made while it is read do not change what it gives. The
 * range's {@link KeyRange#limit} bounds the rows of all pieces together. The transaction depends on the part of the
 * index the pieces read, as on {@link Transaction#indexRange}'s: from the start of the range up to the last entry
 * read (the whole range once the scan is over). A caller may stop reading at any piece. Not for use by several
 * threads.
 */
public interface IndexScan {
    /**
     * Hands the next at most {@code rowsMax} rows to {@code visitor}: at least one, unless the scan is over, when it
     * hands none and returns false.
     *
     * @throws IllegalArgumentException when {@code rowsMax} is not positive
     * @throws TransactionConflictException when the table was dropped or altered (its schema or indexes replaced)
     *     since the scan began: what the scan gives could no longer be one table's rows in one index's order, so
     *     the transaction cannot commit. Inside {@link Mnemo#transaction} the function then runs again.
     */
    boolean readPiece(int rowsMax, Consumer<Row> visitor);
}
