package dev.mnemo.engine;

/**
 * A change of a table's primary key was made against a key the table no longer has: another change re-keyed it
 * first (SQLState 42P16, an invalid table definition).
 */
public class KeyChangedException extends SchemaException {
    private static final long serialVersionUID = 1L;

    public KeyChangedException(String message) {
        super("42P16", message);
    }
}
