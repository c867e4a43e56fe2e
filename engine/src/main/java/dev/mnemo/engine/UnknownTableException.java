package dev.mnemo.engine;

/** A statement named a table that does not exist. */
public class UnknownTableException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public UnknownTableException(String message) {
        super("42S02", message);
    }
}
