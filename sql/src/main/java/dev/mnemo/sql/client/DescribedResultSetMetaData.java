package dev.mnemo.sql.client;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/** ResultSetMetaData over a list of column descriptions: results are read-only and every column searchable. */
public final class DescribedResultSetMetaData implements ResultSetMetaData, SelfWrapper {
    private final List<ColumnDescription> columns;

    public DescribedResultSetMetaData(List<ColumnDescription> columns) {
        this.columns = List.copyOf(columns);
    }

    private ColumnDescription col(int i) throws SQLException {
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
        return JdbcTypes.isCaseSensitive(col(i).jdbcType());
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
        return JdbcTypes.isSigned(col(i).jdbcType());
    }

    @Override
    public int getColumnDisplaySize(int i) throws SQLException {
        ColumnDescription c = col(i);
        return JdbcTypes.displaySize(c.jdbcType(), c.precision());
    }

    @Override
    public String getColumnLabel(int i) throws SQLException {
        return col(i).label();
    }

    @Override
    public String getColumnName(int i) throws SQLException {
        return col(i).name();
    }

    @Override
    public String getSchemaName(int i) throws SQLException {
        return col(i).schema();
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
        return col(i).jdbcType();
    }

    @Override
    public String getColumnTypeName(int i) throws SQLException {
        return col(i).typeName();
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
        return col(i).className();
    }
}
