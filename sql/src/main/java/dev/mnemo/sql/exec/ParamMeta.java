package dev.mnemo.sql.exec;

import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One {@code ?} of a statement, with the type the validator inferred for it and the row count it gives, if it is the
 * count of a FETCH FIRST (LIMIT) or OFFSET clause.
 */
public record ParamMeta(SqlTypeName type, int precision, int scale, RowCounts.Clause rowCountOf) {
}
