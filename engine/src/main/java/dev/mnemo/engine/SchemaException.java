package dev.mnemo.engine;

/** A table, column or index definition is invalid. */
public class SchemaException extends MnemoException {
    private static final long serialVersionUID = 1L;

    public SchemaException(String message) {
        super("42000", message);
    }

    /** A definition error of a more particular class than 42000. */
    protected SchemaException(String sqlState, String message) {
        super(sqlState, message);
    }
}
