package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TableSchema;
import org.apache.calcite.rel.core.JoinRelType;

/**
 * What a compiled lookup join reads: the table version it was planned against, the primary key or index it
 * looks up, the outer row's columns that hold the values looked up, and the join's type: INNER, LEFT (an outer row
 * that matches nothing is kept) or SEMI (an outer row that matches is kept alone, once).
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
    /** An outer row that matches comes once, without the table's columns (a semi-join). */
    final boolean outerOnly;

    public LookupSpec(TableSchema schema, String index, int[] outerColumns, JoinRelType joinType) {
        this.schema = schema;
        this.index = index;
        this.outerColumns = outerColumns.clone();
        this.lookedUpTypes = ScanSpec.lookedUpTypes(schema, index);
        this.keepUnmatched = joinType == JoinRelType.LEFT;
        this.outerOnly = joinType == JoinRelType.SEMI;
        if (joinType != JoinRelType.INNER && !keepUnmatched && !outerOnly) {
            throw new IllegalArgumentException("a lookup join is INNER, LEFT or SEMI, not " + joinType);
        }
        if (this.outerColumns.length != lookedUpTypes.length) {
            throw new IllegalArgumentException("a lookup of " + schema.name() + " needs a value for each of its "
                    + lookedUpTypes.length + " looked-up columns, not " + this.outerColumns.length);
        }
    }
}
