package dev.mnemo.engine;

/** A NOT NULL column was given no value. */
public class NotNullViolationException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public NotNullViolationException(String message) {
        super("23502", message);
    }
}
