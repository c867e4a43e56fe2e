package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.BaseResultSet;
import dev.mnemo.sql.exec.ColumnMeta;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.List;

/**
 * A result held in memory (statements run to completion inside their transaction), read forward or, for
 * TYPE_SCROLL_INSENSITIVE, in any direction. Getters convert between compatible Java types as JDBC describes.
 */
public final class MnemoResultSet extends BaseResultSet {
    private final List<ColumnMeta> columns;
    private final List<Object[]> rows;
    private final int type;
    /** 0 before the first row, rows.size() + 1 after the last. */
    private int position;

    MnemoResultSet(MnemoStatement statement, List<ColumnMeta> columns, List<Object[]> rows, int type) {
        super(statement);
        this.columns = columns;
        this.rows = rows;
        this.type = type;
    }

    @Override
    protected boolean onRow() {
        return position >= 1 && position <= rows.size();
    }

    @Override
    protected int columnCount() {
        return columns.size();
    }

    @Override
    protected String columnLabel(int column) {
        return columns.get(column - 1).label();
    }

    @Override
    protected Object valueAt(int column) {
        return rows.get(position - 1)[column - 1];
    }

    private void checkScrollable() throws SQLException {
        checkOpen();
        if (type == TYPE_FORWARD_ONLY) {
            throw new SQLException("the result set is TYPE_FORWARD_ONLY", "HY106");
        }
    }

    // ---- navigation ----------------------------------------------------------------------------------------

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (position <= rows.size()) {
            position++;
        }
        return position <= rows.size();
    }

    @Override
    public boolean previous() throws SQLException {
        checkScrollable();
        if (position > 0) {
            position--;
        }
        return position >= 1;
    }

    @Override
    public boolean absolute(int row) throws SQLException {
        checkScrollable();
        int target = row >= 0 ? row : rows.size() + 1 + row;
        position = Math.max(0, Math.min(rows.size() + 1, target));
        return position >= 1 && position <= rows.size();
    }

    @Override
    public boolean relative(int delta) throws SQLException {
        checkScrollable();
        return absolute(Math.max(0, position + delta));
    }

    @Override
    public boolean first() throws SQLException {
        return absolute(1);
    }

    @Override
    public boolean last() throws SQLException {
        return absolute(-1);
    }

    @Override
    public void beforeFirst() throws SQLException {
        checkScrollable();
        position = 0;
    }

    @Override
    public void afterLast() throws SQLException {
        checkScrollable();
        position = rows.size() + 1;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return position == 0 && !rows.isEmpty();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return position > rows.size() && !rows.isEmpty();
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return position == 1 && !rows.isEmpty();
    }

    @Override
    public boolean isLast() throws SQLException {
        checkOpen();
        return position == rows.size() && !rows.isEmpty();
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return onRow() ? position : 0;
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return MnemoResultSetMetaData.of(columns);
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return type;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            checkScrollable();
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return rows.size();
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw unsupported("getCursorName");
    }

    /** A result built by the driver itself (metadata queries). */
    static ResultSet of(List<ColumnMeta> columns, List<Object[]> rows) {
        return new MnemoResultSet(null, columns, rows, TYPE_SCROLL_INSENSITIVE);
    }
}
