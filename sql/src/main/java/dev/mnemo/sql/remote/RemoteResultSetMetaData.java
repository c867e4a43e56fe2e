package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.ColumnMetadata;
import dev.mnemo.proto.v1.SqlType;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** Column labels, types and origins of a remote result, as the member's first page described them. */
final class RemoteResultSetMetaData implements ResultSetMetaData {
    private final List<ColumnMetadata> columns;

    RemoteResultSetMetaData(List<ColumnMetadata> columns) {
        this.columns = columns;
    }

    private ColumnMetadata col(int i) throws SQLException {
        if (i < 1 || i > columns.size()) {
            throw new SQLException("column index " + i + " is out of range 1.." + columns.size(), "07009");
        }
        return columns.get(i - 1);
    }

    @Override
    public int getColumnCount() {
        return columns.size();
    }

    @Override
    public boolean isAutoIncrement(int i) throws SQLException {
        col(i);
        return false;
    }

    @Override
    public boolean isCaseSensitive(int i) throws SQLException {
        SqlType t = col(i).getType();
        return t == SqlType.CHAR || t == SqlType.VARCHAR;
    }

    @Override
    public boolean isSearchable(int i) throws SQLException {
        col(i);
        return true;
    }

    @Override
    public boolean isCurrency(int i) throws SQLException {
        col(i);
        return false;
    }

    @Override
    public int isNullable(int i) throws SQLException {
        return col(i).getNullable() ? columnNullable : columnNoNulls;
    }

    @Override
    public boolean isSigned(int i) throws SQLException {
        switch (col(i).getType()) {
            case BIGINT: case INTEGER: case SMALLINT: case TINYINT: case DOUBLE: case REAL: case DECIMAL:
                return true;
            default:
                return false;
        }
    }

    @Override
    public int getColumnDisplaySize(int i) throws SQLException {
        ColumnMetadata c = col(i);
        switch (c.getType()) {
            case BIGINT: return 20;
            case INTEGER: return 11;
            case SMALLINT: return 6;
            case TINYINT: return 4;
            case BOOLEAN: return 5;
            case DATE: return 10;
            case TIME: return 12;
            case TIMESTAMP: return 23;
            case DOUBLE: return 24;
            case REAL: return 15;
            case DECIMAL: return c.getPrecision() + 2;
            default: return Math.max(1, c.getPrecision());
        }
    }

    @Override
    public String getColumnLabel(int i) throws SQLException {
        return col(i).getLabel();
    }

    @Override
    public String getColumnName(int i) throws SQLException {
        return col(i).getName();
    }

    @Override
    public String getSchemaName(int i) throws SQLException {
        return col(i).getTable().isEmpty() ? "" : RemoteConnection.SCHEMA;
    }

    @Override
    public int getPrecision(int i) throws SQLException {
        return col(i).getPrecision();
    }

    @Override
    public int getScale(int i) throws SQLException {
        return col(i).getScale();
    }

    @Override
    public String getTableName(int i) throws SQLException {
        return col(i).getTable();
    }

    @Override
    public String getCatalogName(int i) throws SQLException {
        col(i);
        return "";
    }

    @Override
    public int getColumnType(int i) throws SQLException {
        return Values.jdbcType(col(i).getType());
    }

    @Override
    public String getColumnTypeName(int i) throws SQLException {
        SqlType t = col(i).getType();
        return t == SqlType.SQL_TYPE_UNSPECIFIED ? "NULL" : t.name();
    }

    @Override
    public boolean isReadOnly(int i) throws SQLException {
        col(i);
        return true;
    }

    @Override
    public boolean isWritable(int i) throws SQLException {
        col(i);
        return false;
    }

    @Override
    public boolean isDefinitelyWritable(int i) throws SQLException {
        col(i);
        return false;
    }

    @Override
    public String getColumnClassName(int i) throws SQLException {
        return Values.className(col(i).getType());
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
