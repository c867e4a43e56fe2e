package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.ValueResultSet;
import dev.mnemo.sql.exec.ColumnMeta;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.List;

/**
 * A result held in memory (statements run to completion inside their transaction), read forward or, for
 * TYPE_SCROLL_INSENSITIVE, in any direction. Getters convert between compatible Java types as JDBC describes.
 */
public final class MnemoResultSet extends ValueResultSet {
    private final MnemoStatement statement;
    private final List<ColumnMeta> columns;
    private final List<Object[]> rows;
    private final int type;
    /** 0 before the first row, rows.size() + 1 after the last. */
    private int position;
    private boolean closed;
    private boolean wasNull;

    MnemoResultSet(MnemoStatement statement, List<ColumnMeta> columns, List<Object[]> rows, int type) {
        this.statement = statement;
        this.columns = columns;
        this.rows = rows;
        this.type = type;
    }

    private void checkOpen() throws SQLException {
        if (closed) {
            throw new SQLException("the result set is closed", "HY010");
        }
    }

    private void checkScrollable() throws SQLException {
        checkOpen();
        if (type == TYPE_FORWARD_ONLY) {
            throw new SQLException("the result set is TYPE_FORWARD_ONLY", "HY106");
        }
    }

    @Override
    protected Object value(int column) throws SQLException {
        checkOpen();
        if (position < 1 || position > rows.size()) {
            throw new SQLException("the cursor is not on a row", "24000");
        }
        if (column < 1 || column > columns.size()) {
            throw new SQLException("column index " + column + " is out of range 1.." + columns.size(), "07009");
        }
        Object v = rows.get(position - 1)[column - 1];
        wasNull = v == null;
        return v;
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
        return position >= 1 && position <= rows.size() ? position : 0;
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            if (statement != null) {
                statement.resultSetClosed(this);
            }
        }
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).label().equalsIgnoreCase(label)) {
                return i + 1;
            }
        }
        throw new SQLException("no column labelled " + label + " in the result", "42S22");
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return new MnemoResultSetMetaData(columns);
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return type;
    }

    @Override
    public int getConcurrency() throws SQLException {
        checkOpen();
        return CONCUR_READ_ONLY;
    }

    @Override
    public int getHoldability() throws SQLException {
        checkOpen();
        return HOLD_CURSORS_OVER_COMMIT;
    }

    @Override
    public int getFetchDirection() throws SQLException {
        checkOpen();
        return FETCH_FORWARD;
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
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }

    @Override
    public String getCursorName() throws SQLException {
        throw unsupported("getCursorName");
    }

    // ---- getters by index ----------------------------------------------------------------------------------

    /** A result built by the driver itself (metadata queries). */
    static ResultSet of(List<ColumnMeta> columns, List<Object[]> rows) {
        return new MnemoResultSet(null, columns, rows, TYPE_SCROLL_INSENSITIVE);
    }
}
