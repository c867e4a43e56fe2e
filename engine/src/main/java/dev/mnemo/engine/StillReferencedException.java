package dev.mnemo.engine;

/** A table, column or index cannot be dropped because a foreign key depends on it (SQL's 2BP01). */
public class StillReferencedException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public StillReferencedException(String message) {
        super("2BP01", message);
    }
}
