package dev.mnemo.engine;

/** A child row would reference a parent row that does not exist, or a referenced parent row would go. */
public class ForeignKeyViolationException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public ForeignKeyViolationException(String message) {
        super("23503", message);
    }
}
