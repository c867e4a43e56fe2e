package dev.mnemo.sql.client;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The ResultSet behaviour both drivers share: open/closed state, reading the current row's values with the
 * cursor and column checks, {@code wasNull}, finding a column by label, and the fixed properties of a
 * read-only result. A driver supplies the cursor (navigation and {@link #onRow}), the columns and the values.
 */
public abstract class BaseResultSet extends ValueResultSet {
    private final BaseStatement statement;
    private boolean closed;
    private boolean wasNull;

    /** A result of {@code statement}, or of the driver itself (metadata queries) if it is null. */
    protected BaseResultSet(BaseStatement statement) {
        this.statement = statement;
    }

    /** Whether the cursor is on a row (not before the first, not after the last). */
    protected abstract boolean onRow();

    protected abstract int columnCount();

    /** The label of column {@code column} (1-based). */
    protected abstract String columnLabel(int column);

    /** The current row's value of column {@code column} (1-based, checked) in JDBC form. */
    protected abstract Object valueAt(int column) throws SQLException;

    /** Releases what the driver holds for the result; called once, as it closes. */
    protected void release() throws SQLException {
    }

    /** Throws SQLState HY010 if the result set is closed. */
    protected final void checkOpen() throws SQLException {
        if (isClosed()) {
            throw new SQLException("the result set is closed", "HY010");
        }
    }

    @Override
    protected final Object value(int column) throws SQLException {
        checkOpen();
        if (!onRow()) {
            throw new SQLException("the cursor is not on a row", "24000");
        }
        if (column < 1 || column > columnCount()) {
            throw new SQLException("column index " + column + " is out of range 1.." + columnCount(), "07009");
        }
        Object v = valueAt(column);
        wasNull = v == null;
        return v;
    }

    @Override
    public void close() throws SQLException {
        if (!closed) {
            closed = true;
            release();
            if (statement != null) {
                statement.closeIfCompletedBy(this);
            }
        }
    }

    /** Closed by {@link #close}, or with its statement (and so with its connection). */
    @Override
    public boolean isClosed() throws SQLException {
        return closed || statement != null && statement.isClosed();
    }

    @Override
    public boolean wasNull() throws SQLException {
        checkOpen();
        return wasNull;
    }

    @Override
    public int findColumn(String label) throws SQLException {
        checkOpen();
        for (int i = 1; i <= columnCount(); i++) {
            if (columnLabel(i).equalsIgnoreCase(label)) {
                return i;
            }
        }
        throw new SQLException("no column labelled " + label + " in the result", "42S22");
    }

    @Override
    protected final boolean datetimeText() {
        return statement != null && statement.connection().datetimeText();
    }

    @Override
    public Statement getStatement() throws SQLException {
        checkOpen();
        return statement;
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
    public SQLWarning getWarnings() throws SQLException {
        checkOpen();
        return null;
    }

    @Override
    public void clearWarnings() throws SQLException {
        checkOpen();
    }
}
