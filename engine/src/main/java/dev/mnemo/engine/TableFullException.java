package dev.mnemo.engine;

/** A table could not grow: the off-heap memory it needs could not be had. */
public class TableFullException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public TableFullException(String message) {
        super("53200", message);
    }
}
