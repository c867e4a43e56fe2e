package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.ColumnMetadata;
import dev.mnemo.proto.v1.ResultPage;
import dev.mnemo.proto.v1.ResultRow;
import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.sql.client.BaseResultSet;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.util.List;

/**
 * A result read forward a page at a time: the member keeps the cursor and sends the next page when the last
 * row of this one has been read, so a client holds one page however large the result. Closing it early
 * tells the member to drop the cursor. Getters convert between compatible Java types as the embedded
 * driver's do.
 */
final class RemoteResultSet extends BaseResultSet {
    private final RemoteSession session;
    private final List<ColumnMetadata> columns;
    private final SqlType[] types;
    private final long cursorId;
    private final long generation;
    private final long timeoutMillis;
    private int fetchSize;
    /** Set when a fetch timed out: its page is lost, and the result cannot be read further. */
    private SQLTimeoutException fetchAbandoned;
    private List<ResultRow> page;
    private boolean last;
    /** The row's index in the page: -1 before its first row. */
    private int index = -1;
    /** Rows read so far, the current one included. */
    private int row;
    private boolean afterLast;

    /** A result whose first page has arrived; {@code session} fetches the rest (null when there is no rest). */
    RemoteResultSet(RemoteStatement statement, RemoteSession session, ResultPage first, int fetchSize,
                    long timeoutMillis) {
        super(statement);
        this.session = session;
        this.columns = first.getColumnsList();
        this.types = new SqlType[columns.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = columns.get(i).getType();
        }
        this.cursorId = first.getCursorId();
        this.generation = session == null ? 0 : session.generation();
        this.page = first.getRowsList();
        this.last = first.getLast();
        this.fetchSize = fetchSize;
        this.timeoutMillis = timeoutMillis;
    }

    /** An empty result with these columns (generated keys of a statement that generated none). */
    static RemoteResultSet empty(RemoteStatement statement, List<ColumnMetadata> columns) {
        return new RemoteResultSet(statement, null, ResultPage.newBuilder().addAllColumns(columns).setLast(true)
                .build(), 0, 0);
    }

    @Override
    protected boolean onRow() {
        return index >= 0 && !afterLast;
    }

    @Override
    protected int columnCount() {
        return types.length;
    }

    @Override
    protected String columnLabel(int column) {
        return columns.get(column - 1).getLabel();
    }

    @Override
    protected Object valueAt(int column) throws SQLException {
        return Values.decode(page.get(index).getValues(column - 1), types[column - 1]);
    }

    // ---- navigation ----------------------------------------------------------------------------------------

    @Override
    public boolean next() throws SQLException {
        checkOpen();
        if (afterLast) {
            return false;
        }
        if (index + 1 < page.size()) {
            index++;
            row++;
            return true;
        }
        if (fetchAbandoned != null) {
            throw new SQLException("a fetch of this result timed out, so the rows it was to bring are lost; run the"
                    + " query again", "24000", fetchAbandoned);
        }
        while (!last) {
            ResultPage next;
            try {
                next = session.fetch(cursorId, generation, fetchSize, timeoutMillis);
            } catch (SQLTimeoutException e) {
                // The member may still send that page; the session drops it when it comes. Reading on would skip
                // its rows without a word, so the result ends here.
                fetchAbandoned = e;
                throw e;
            }
            page = next.getRowsList();
            last = next.getLast();
            index = -1;
            if (!page.isEmpty()) {
                index = 0;
                row++;
                return true;
            }
        }
        afterLast = true;
        page = List.of();
        return false;
    }

    @Override
    public boolean isBeforeFirst() throws SQLException {
        checkOpen();
        return row == 0 && !page.isEmpty();
    }

    @Override
    public boolean isAfterLast() throws SQLException {
        checkOpen();
        return afterLast && row > 0;
    }

    @Override
    public boolean isFirst() throws SQLException {
        checkOpen();
        return row == 1 && !afterLast;
    }

    @Override
    public int getRow() throws SQLException {
        checkOpen();
        return afterLast ? 0 : row;
    }

    /** Tells the member to drop the cursor if rows remain there. */
    @Override
    protected void release() {
        if (!last && session != null) {
            session.closeCursor(cursorId, generation);
        }
        page = List.of();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return RemoteResultSetMetaData.of(columns);
    }

    @Override
    public int getType() throws SQLException {
        checkOpen();
        return TYPE_FORWARD_ONLY;
    }

    @Override
    public void setFetchDirection(int direction) throws SQLException {
        checkOpen();
        if (direction != FETCH_FORWARD) {
            throw new SQLException("the result set is read forward only", "HY106");
        }
    }

    @Override
    public int getFetchSize() throws SQLException {
        checkOpen();
        return fetchSize;
    }

    @Override
    public void setFetchSize(int rows) throws SQLException {
        checkOpen();
        if (rows < 0) {
            throw new SQLException("fetch size must not be negative", "HY024");
        }
        fetchSize = rows;
    }
}
