package dev.mnemo.engine;

/** An encoded row is larger than the configured maximum row size. */
public class RowTooLargeException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public RowTooLargeException(String message) {
        super("54000", message);
    }
}
