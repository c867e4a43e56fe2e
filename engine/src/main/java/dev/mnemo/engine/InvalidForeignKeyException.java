package dev.mnemo.engine;

/**
 * A foreign key cannot be declared as written: its referenced columns are not the parent's primary key or a unique
 * index, or a disc table's key references a RAM table (42830), or a column's type differs from the one it references
 * (42804).
 */
public class InvalidForeignKeyException extends SchemaException {
    private static final long serialVersionUID = 1L;

    private InvalidForeignKeyException(String sqlState, String message) {
        super(sqlState, message);
    }

    /** The referenced columns are not a key of the parent, or their number differs from the referencing ones. */
    public static InvalidForeignKeyException notAKey(String message) {
        return new InvalidForeignKeyException("42830", message);
    }

    /** A disc table's foreign key references a RAM table, whose rows a restart loses while the disc rows stay. */
    public static InvalidForeignKeyException parentNotOnDisc(String message) {
        return new InvalidForeignKeyException("42830", message);
    }

    /** A referencing column's type is not exactly the referenced column's. */
    public static InvalidForeignKeyException typeMismatch(String message) {
        return new InvalidForeignKeyException("42804", message);
    }
}
