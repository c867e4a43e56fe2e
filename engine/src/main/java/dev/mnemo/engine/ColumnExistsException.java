package dev.mnemo.engine;

/** A column of that name already exists in the table. */
public class ColumnExistsException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public ColumnExistsException(String message) {
        super("42S21", message);
    }
}
