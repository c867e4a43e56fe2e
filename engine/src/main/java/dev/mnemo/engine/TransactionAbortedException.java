package dev.mnemo.engine;

/** A transaction was aborted by its own code; nothing it wrote was applied. */
public class TransactionAbortedException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public TransactionAbortedException(String message) {
        super("40000", message);
    }
}
