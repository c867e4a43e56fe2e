package dev.mnemo.engine.txn;

/**
 * One buffered write of a transaction: the table (by id), the operation, the encoded primary key and, for
 * operations that carry a row, the row encoded under schema version {@code schemaVersion}. A {@link Type#MOVED}
 * also carries the row it came from, in {@code from}, under the same schema version.
 */
public record WriteOp(long tableId, Type type, byte[] key, int schemaVersion, byte[] row, byte[] from) {
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
        BAG_REMOVE,
        /**
         * Writes nothing: declares that the row {@code from} (under {@code key}) became {@code row}, whose key or
         * other referenced columns may differ, so that foreign keys run their ON UPDATE action, not ON DELETE. The
         * record's other writes remove the one and store the other.
         */
        MOVED
    }

    /** A write without a row it came from: every type but {@link Type#MOVED}. */
    public WriteOp(long tableId, Type type, byte[] key, int schemaVersion, byte[] row) {
        this(tableId, type, key, schemaVersion, row, null);
    }

    public boolean carriesRow() {
        return type != Type.DELETE;
    }

    /** True for a write that stores its row (not one that removes it, nor a declaration). */
    public boolean stores() {
        return type == Type.PUT || type == Type.INSERT || type == Type.BAG_ADD;
    }

    /** True for a write that changes a stored value; false for a {@link Type#MOVED} declaration. */
    public boolean writes() {
        return type != Type.MOVED;
    }
}
