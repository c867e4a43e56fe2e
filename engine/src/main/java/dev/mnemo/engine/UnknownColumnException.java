package dev.mnemo.engine;

/** A statement named a column that its table does not have. */
public class UnknownColumnException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public UnknownColumnException(String message) {
        super("42S22", message);
    }
}
