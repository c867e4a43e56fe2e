package dev.mnemo.engine;

/**
 * A transaction its caller drives step by step — as a SQL connection with auto-commit off does — instead of
 * handing a function to {@link Mnemo#transaction}: it is never re-run, so a conflict at commit surfaces as
 * {@link TransactionConflictException} (SQLState 40001) and the caller decides whether to try again.
 * Not for use by several threads at once.
 */
public interface ExplicitTransaction extends Transaction {
    /** Validates the reads and applies the writes atomically; the transaction is over whatever the outcome. */
    void commit();

    /** Discards every buffered write; the transaction is over. Rolling back twice is harmless. */
    void rollback();

    /** True until {@link #commit} or {@link #rollback}. */
    boolean isOpen();

    /** Marks the writes so far; {@link #rollbackTo} undoes the writes made after the mark (a savepoint). */
    int savepoint();

    /** Undoes the writes made after {@code savepoint}; reads stay recorded, so validation stays as strict. */
    void rollbackTo(int savepoint);
}
