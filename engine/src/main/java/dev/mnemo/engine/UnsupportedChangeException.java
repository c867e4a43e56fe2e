package dev.mnemo.engine;

/** A schema change Mnemo does not make, such as a column type change it cannot convert (SQLState 0A000). */
public class UnsupportedChangeException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public UnsupportedChangeException(String message) {
        super("0A000", message);
    }
}
