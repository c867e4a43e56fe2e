package dev.mnemo.engine;

/**
 * One row change, delivered to subscribers in commit order: an insert (new row), an update (old and new row)
 * or a delete (old row), at the commit version that made it.
 */
public record ChangeEvent(String table, Type type, Row oldRow, Row newRow, long version) {
    /** The kinds of row change. */
    public enum Type { INSERT, UPDATE, DELETE }
}
