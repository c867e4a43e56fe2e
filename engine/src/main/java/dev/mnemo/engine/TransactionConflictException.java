package dev.mnemo.engine;

/** A transaction kept conflicting with concurrent ones until its retries ran out. */
public class TransactionConflictException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public TransactionConflictException(String message) {
        super("40001", message);
    }
}
