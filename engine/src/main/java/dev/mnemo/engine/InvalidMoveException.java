package dev.mnemo.engine;

/**
 * A transaction declared a row moved ({@link Transaction#moved}) that was not in place under its key when declared
 * (SQL's 55000, object not in prerequisite state); the commit changes nothing.
 */
public class InvalidMoveException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public InvalidMoveException(String message) {
        super("55000", message);
    }
}
