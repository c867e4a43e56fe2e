package dev.mnemo.sql.exec;

import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.plan.KeyAccess;

/** What a compiled table scan reads: the table version it was planned against and its key access. */
public final class ScanSpec {
    final TableSchema schema;
    final KeyAccess access;
    /** True when the plan wants bare values rather than one-element arrays (single-column rows). */
    final boolean scalar;

    public ScanSpec(TableSchema schema, KeyAccess access, boolean scalar) {
        this.schema = schema;
        this.access = access;
        this.scalar = scalar;
    }
}
