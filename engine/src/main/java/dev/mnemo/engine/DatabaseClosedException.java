package dev.mnemo.engine;

/** The database was used after it was closed. */
public class DatabaseClosedException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public DatabaseClosedException(String message) {
        super("08003", message);
    }
}
