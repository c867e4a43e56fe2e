package dev.mnemo.engine;

/** A table of that name already exists. */
public class TableExistsException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public TableExistsException(String message) {
        super("42S01", message);
    }
}
