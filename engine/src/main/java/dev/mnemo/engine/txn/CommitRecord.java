package dev.mnemo.engine.txn;

import java.util.List;

/**
 * The unit the commit log orders: either a transaction's read set and write set, or one schema change (guarded by
 * reads, and carrying writes to other tables, if need be).
 * A dirty write is a transaction record with no reads.
 */
public record CommitRecord(List<ReadItem> reads, List<WriteOp> writes, DdlOp ddl) {
    public static CommitRecord transaction(List<ReadItem> reads, List<WriteOp> writes) {
        return new CommitRecord(List.copyOf(reads), List.copyOf(writes), null);
    }

    public static CommitRecord schemaChange(DdlOp ddl) {
        return schemaChange(List.of(), ddl);
    }

    /** A schema change that applies only if every read is still current when it is ordered (else: a conflict). */
    public static CommitRecord schemaChange(List<ReadItem> guard, DdlOp ddl) {
        return new CommitRecord(List.copyOf(guard), List.of(), ddl);
    }

    /**
     * A schema change guarded by reads that also makes {@code writes}, to tables other than the one it changes, in
     * the same step: both apply or neither does.
     */
    public static CommitRecord schemaChange(List<ReadItem> guard, List<WriteOp> writes, DdlOp ddl) {
        return new CommitRecord(List.copyOf(guard), List.copyOf(writes), ddl);
    }

    public boolean isSchemaChange() {
        return ddl != null;
    }
}
