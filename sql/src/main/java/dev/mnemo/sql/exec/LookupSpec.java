package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableSchema;

/**
 * What a compiled lookup join reads: the table version it was planned against, the primary key or index it
 * looks up, the outer row's columns that hold the values looked up, and whether an outer row that matches nothing
 * is kept (LEFT join).
 */
public final class LookupSpec {
    final TableSchema schema;
    /** The index (unique or not) looked up, or null for the primary key. */
    final String index;
    /** For each column of the key (or index), in its order, the outer row's column holding the value looked up. */
    final int[] outerColumns;
    /** The types of the key's (or index's) columns, which the values looked up are coerced to. */
    final ColumnType[] lookedUpTypes;
    /** An outer row that matches no table row comes once, with NULLs for the table's columns (a LEFT join). */
    final boolean keepUnmatched;

    public LookupSpec(TableSchema schema, String index, int[] outerColumns, boolean keepUnmatched) {
        this.schema = schema;
        this.index = index;
        this.outerColumns = outerColumns.clone();
        this.lookedUpTypes = ScanSpec.lookedUpTypes(schema, index);
        this.keepUnmatched = keepUnmatched;
        if (this.outerColumns.length != lookedUpTypes.length) {
            throw new IllegalArgumentException("a lookup of " + schema.name() + " needs a value for each of its "
                    + lookedUpTypes.length + " looked-up columns, not " + this.outerColumns.length);
        }
    }
}
