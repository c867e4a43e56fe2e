package dev.mnemo.engine;

/** A value does not fit the type of the column it was given for. */
public class TypeMismatchException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public TypeMismatchException(String message) {
        super("22018", message);
    }
}
