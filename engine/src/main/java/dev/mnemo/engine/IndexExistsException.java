package dev.mnemo.engine;

/** An index of that name already exists. */
public class IndexExistsException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public IndexExistsException(String message) {
        super("42S11", message);
    }
}
