package dev.mnemo.engine;

/**
 * A data file was written in a newer data format than this build reads (SQLState 58000): it is left as it is, for a
 * build that reads it.
 */
public class DataFormatTooNewException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public DataFormatTooNewException(String message) {
        super("58000", message);
    }
}
