package dev.mnemo.sql.exec;

import org.apache.calcite.sql.type.SqlTypeName;

/** One {@code ?} of a statement, with the type the validator inferred for it. */
public record ParamMeta(SqlTypeName type, int precision, int scale) {
}
