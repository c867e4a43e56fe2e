package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.ColumnDescription;
import dev.mnemo.sql.client.DescribedResultSetMetaData;
import dev.mnemo.sql.exec.ColumnMeta;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.SqlTypes;

import java.sql.ResultSetMetaData;
import java.util.List;

/** Column labels, types and origins of a result, as the validator derived them. */
final class MnemoResultSetMetaData {
    private MnemoResultSetMetaData() {
    }

    static ResultSetMetaData of(List<ColumnMeta> columns) {
        return new DescribedResultSetMetaData(columns.stream().map(MnemoResultSetMetaData::describe).toList());
    }

    private static ColumnDescription describe(ColumnMeta c) {
        return new ColumnDescription(c.label(), c.column(), c.table().isEmpty() ? "" : MnemoSchema.NAME, c.table(),
                SqlTypes.jdbcType(c.type()), SqlTypes.typeName(c.type()), c.precision(), c.scale(), c.nullable(),
                SqlTypes.jdbcClassName(c.type()));
    }
}
