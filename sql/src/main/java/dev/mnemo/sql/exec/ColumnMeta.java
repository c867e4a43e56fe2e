package dev.mnemo.sql.exec;

import org.apache.calcite.sql.type.SqlTypeName;

/** One column of a statement's result, as ResultSetMetaData reports it. */
public record ColumnMeta(String label, String column, String table, SqlTypeName type, int precision, int scale,
                         boolean nullable) {
}
