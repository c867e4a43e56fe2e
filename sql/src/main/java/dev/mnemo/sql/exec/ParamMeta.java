package dev.mnemo.sql.exec;

import org.apache.calcite.sql.type.SqlTypeName;

/**
 * One {@code ?} of a statement, with the type the validator inferred for it, the row count it gives, if it is the
 * count of a FETCH FIRST (LIMIT) or OFFSET clause, and the column an INSERT or UPDATE stores it in as given, if any.
 */
public record ParamMeta(SqlTypeName type, int precision, int scale, RowCounts.Clause rowCountOf, String column) {
}
