package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.plan.KeyAccess;

/** What a compiled table scan reads: the table version it was planned against and its key access. */
public final class ScanSpec {
    final TableSchema schema;
    final KeyAccess access;
    /** True when the plan wants bare values rather than one-element arrays (single-column rows). */
    final boolean scalar;
    /** The types of the columns the access looks up: the index's for index accesses, else the key's. */
    final ColumnType[] accessTypes;
    /** Rows an ordered scan reads first; 0 for its default. */
    final int firstChunkRows;

    public ScanSpec(TableSchema schema, KeyAccess access, boolean scalar, int firstChunkRows) {
        this.schema = schema;
        this.access = access;
        this.scalar = scalar;
        this.firstChunkRows = firstChunkRows;
        int[] positions = access.index == null ? schema.keyPositions()
                : schema.indexPositions(schema.findIndex(access.index));
        this.accessTypes = new ColumnType[positions.length];
        for (int i = 0; i < positions.length; i++) {
            accessTypes[i] = schema.column(positions[i]).type();
        }
    }
}
