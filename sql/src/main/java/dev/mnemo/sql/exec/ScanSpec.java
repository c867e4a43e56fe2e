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
        this.accessTypes = lookedUpTypes(schema, access.index);
    }

    /** The types of the columns a lookup gives values of: the index's, or the key's when {@code index} is null. */
    static ColumnType[] lookedUpTypes(TableSchema schema, String index) {
        int[] positions = index == null ? schema.keyPositions() : schema.indexPositions(schema.findIndex(index));
        ColumnType[] types = new ColumnType[positions.length];
        for (int i = 0; i < positions.length; i++) {
            types[i] = schema.column(positions[i]).type();
        }
        return types;
    }
}
