package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.ColumnMetadata;
import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.sql.client.ColumnDescription;
import dev.mnemo.sql.client.DescribedResultSetMetaData;

import java.sql.ResultSetMetaData;
import java.util.List;

/** Column labels, types and origins of a remote result, as the member's first page described them. */
final class RemoteResultSetMetaData {
    private RemoteResultSetMetaData() {
    }

    static ResultSetMetaData of(List<ColumnMetadata> columns) {
        return new DescribedResultSetMetaData(columns.stream().map(RemoteResultSetMetaData::describe).toList());
    }

    private static ColumnDescription describe(ColumnMetadata c) {
        SqlType t = c.getType();
        return new ColumnDescription(c.getLabel(), c.getName(), c.getTable().isEmpty() ? "" : RemoteConnection.SCHEMA,
                c.getTable(), Values.jdbcType(t), Values.typeName(t),
                c.getPrecision(), c.getScale(), c.getNullable(), Values.className(t));
    }
}
