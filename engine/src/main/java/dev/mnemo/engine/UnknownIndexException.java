package dev.mnemo.engine;

/** A statement named an index that does not exist. */
public class UnknownIndexException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public UnknownIndexException(String message) {
        super("42S12", message);
    }
}
