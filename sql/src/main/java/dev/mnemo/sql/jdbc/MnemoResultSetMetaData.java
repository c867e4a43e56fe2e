package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.exec.ColumnMeta;
import dev.mnemo.sql.schema.MnemoSchema;
import dev.mnemo.sql.schema.SqlTypes;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** Column labels, types and origins of a result, as the validator derived them. */
final class MnemoResultSetMetaData implements ResultSetMetaData {
    private final List<ColumnMeta> columns;

    MnemoResultSetMetaData(List<ColumnMeta> columns) {
        this.columns = columns;
    }

    private ColumnMeta col(int i) throws SQLException {
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
        switch (col(i).type()) {
            case CHAR: case VARCHAR: return true;
            default: return false;
        }
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
        return col(i).nullable() ? columnNullable : columnNoNulls;
    }

    @Override
    public boolean isSigned(int i) throws SQLException {
        switch (col(i).type()) {
            case BIGINT: case INTEGER: case SMALLINT: case TINYINT: case DOUBLE: case REAL: case FLOAT: case DECIMAL:
                return true;
            default:
                return false;
        }
    }

    @Override
    public int getColumnDisplaySize(int i) throws SQLException {
        ColumnMeta c = col(i);
        switch (c.type()) {
            case BIGINT: return 20;
            case INTEGER: return 11;
            case SMALLINT: return 6;
            case BOOLEAN: return 5;
            case DATE: return 10;
            case TIME: return 12;
            case TIMESTAMP: return 23;
            case DOUBLE: case FLOAT: return 24;
            case REAL: return 15;
            case DECIMAL: return c.precision() + 2;
            default: return Math.max(1, c.precision());
        }
    }

    @Override
    public String getColumnLabel(int i) throws SQLException {
        return col(i).label();
    }

    @Override
    public String getColumnName(int i) throws SQLException {
        return col(i).column();
    }

    @Override
    public String getSchemaName(int i) throws SQLException {
        return col(i).table().isEmpty() ? "" : MnemoSchema.NAME;
    }

    @Override
    public int getPrecision(int i) throws SQLException {
        return col(i).precision();
    }

    @Override
    public int getScale(int i) throws SQLException {
        return col(i).scale();
    }

    @Override
    public String getTableName(int i) throws SQLException {
        return col(i).table();
    }

    @Override
    public String getCatalogName(int i) throws SQLException {
        col(i);
        return "";
    }

    @Override
    public int getColumnType(int i) throws SQLException {
        return SqlTypes.jdbcType(col(i).type());
    }

    @Override
    public String getColumnTypeName(int i) throws SQLException {
        return col(i).type().getName();
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
        return SqlTypes.jdbcClassName(col(i).type());
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
