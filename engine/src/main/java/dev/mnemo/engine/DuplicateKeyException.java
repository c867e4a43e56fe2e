package dev.mnemo.engine;

/** A row would repeat a primary key or a unique index entry. */
public class DuplicateKeyException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public DuplicateKeyException(String message) {
        super("23505", message);
    }
}
