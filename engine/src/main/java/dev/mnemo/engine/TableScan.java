package dev.mnemo.engine;

import java.util.function.Consumer;

/**
 * A full scan of a set or bag table that its caller reads a piece at a time ({@link Transaction#scanInPieces}), so
 * that the heap holds one piece of the table, never the whole of it, however long the caller waits between pieces.
 *
 * <p>The pieces give, in hash order, each stored row once, a segment of the table's map at a time, then the rows
 * that the transaction's own writes made, a bounded number of keys at a time: a row it deleted never, a row it
 * replaced with its new values, a row it added once. The own writes are those made before the scan began; writes
 * made while it is read do not change what it gives. The scan counts as one read of the whole table, validated at
 * commit as {@link Transaction#forEach} is. Not for use by several threads.
 */
public interface TableScan {
    /**
     * Hands the next piece's rows to {@code visitor}: at least one row, unless the scan is over, when it hands none
     * and returns false.
     *
     * @throws TransactionConflictException when the table's rows moved to a larger map (the table grew) or its map
     *     was closed since the scan began: the scan could miss or repeat rows, so the transaction cannot commit. Inside
     *     {@link Mnemo#transaction} the function then runs again.
     */
    boolean readPiece(Consumer<Row> visitor);
}
