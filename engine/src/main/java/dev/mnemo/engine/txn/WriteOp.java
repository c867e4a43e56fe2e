package dev.mnemo.engine.txn;

/**
 * One buffered write of a transaction: the table (by id), the operation, the encoded primary key and, for
 * operations that carry a row, the row encoded under schema version {@code schemaVersion}.
 */
public record WriteOp(long tableId, Type type, byte[] key, int schemaVersion, byte[] row) {
    /** What a write does to its key. */
    public enum Type {
        /** Set/ordered_set: store the row, replacing any row under the key. */
        PUT,
        /** Set/ordered_set: store the row; the key must not hold one already. */
        INSERT,
        /** Remove everything under the key. */
        DELETE,
        /** Bag: add the row unless an identical one is already there. */
        BAG_ADD,
        /** Bag: remove the identical row. */
        BAG_REMOVE
    }

    public boolean carriesRow() {
        return type != Type.DELETE;
    }
}
