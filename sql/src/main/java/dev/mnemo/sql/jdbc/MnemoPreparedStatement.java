package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.exec.CompiledStatement;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Calendar;
import java.util.List;

/**
 * A prepared statement: compiled once (or taken from the database's plan cache), run with new parameter
 * values each time. Values are converted to each parameter's inferred SQL type when the statement runs.
 * With auto-commit on, a batch of INSERT, UPSERT, UPDATE, DELETE or MERGE executions is one transaction: all
 * of it takes effect or none (a {@link java.sql.BatchUpdateException} then has no update counts). With it off,
 * executions run one by one in the open transaction and a failure stops the batch at the failing one.
 */
public final class MnemoPreparedStatement extends MnemoStatement implements PreparedStatement {
    private final CompiledStatement compiled;
    private final Object[] params;
    private final BitSet set = new BitSet();
    private final List<Object[]> batch = new ArrayList<>();

    MnemoPreparedStatement(MnemoConnection connection, int resultSetType, CompiledStatement compiled) {
        super(connection, resultSetType);
        this.compiled = compiled;
        this.params = new Object[compiled.params().size()];
    }

    private void set(int index, Object value) throws SQLException {
        checkOpen();
        if (index < 1 || index > params.length) {
            throw new SQLException("parameter index " + index + " is out of range 1.." + params.length, "07009");
        }
        params[index - 1] = value;
        set.set(index - 1);
    }

    private Object[] boundParams() throws SQLException {
        if (set.cardinality() < params.length) {
            throw new SQLException("parameter " + (set.nextClearBit(0) + 1) + " is not set", "07001");
        }
        return params.clone();
    }

    @Override
    public ResultSet executeQuery() throws SQLException {
        if (!run(compiled, boundParams())) {
            throw new SQLException("executeQuery: the statement returns no rows: " + compiled.sql(), "07000");
        }
        return getResultSet();
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) executeLargeUpdate();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        if (run(compiled, boundParams())) {
            getResultSet().close();
            throw new SQLException("executeUpdate: the statement returns rows: " + compiled.sql(), "07000");
        }
        return getLargeUpdateCount();
    }

    @Override
    public boolean execute() throws SQLException {
        return run(compiled, boundParams());
    }

    @Override
    public void addBatch() throws SQLException {
        checkOpen();
        batch.add(boundParams());
    }

    @Override
    public void clearBatch() throws SQLException {
        checkOpen();
        batch.clear();
    }

    @Override
    public long[] executeLargeBatch() throws SQLException {
        checkOpen();
        List<Object[]> todo = new ArrayList<>(batch);
        batch.clear();
        if (compiled.kind() == CompiledStatement.Kind.DML && !todo.isEmpty() && connection.getAutoCommit()) {
            try {
                return connection.executeBatch(compiled, todo);
            } catch (SQLException e) {
                // The batch was one transaction: none of it took effect, so no execution counts as done.
                throw batchFailure(e, new long[0], 0);
            }
        }
        long[] counts = new long[todo.size()];
        for (int i = 0; i < counts.length; i++) {
            try {
                if (run(compiled, todo.get(i))) {
                    throw new SQLException("a batch statement returned rows", "07000");
                }
                counts[i] = getLargeUpdateCount();
            } catch (SQLException e) {
                throw batchFailure(e, counts, i);
            }
        }
        return counts;
    }

    @Override
    public int[] executeBatch() throws SQLException {
        return Arrays.stream(executeLargeBatch()).mapToInt(c -> (int) c).toArray();
    }

    @Override
    public void clearParameters() throws SQLException {
        checkOpen();
        Arrays.fill(params, null);
        set.clear();
    }

    @Override
    public ResultSetMetaData getMetaData() throws SQLException {
        checkOpen();
        return compiled.returnsRows() ? new MnemoResultSetMetaData(compiled.columns()) : null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return new MnemoParameterMetaData(compiled.params());
    }

    // ---- statement text is fixed -------------------------------------------------------------------------

    private SQLException textGiven() {
        return new SQLException("a PreparedStatement runs the SQL it was prepared with; use Statement for other SQL",
                "HY000");
    }

    @Override
    public ResultSet executeQuery(String sql) throws SQLException {
        throw textGiven();
    }

    @Override
    public int executeUpdate(String sql) throws SQLException {
        throw textGiven();
    }

    @Override
    public long executeLargeUpdate(String sql) throws SQLException {
        throw textGiven();
    }

    @Override
    public boolean execute(String sql) throws SQLException {
        throw textGiven();
    }

    @Override
    public void addBatch(String sql) throws SQLException {
        throw textGiven();
    }

    // ---- parameters ----------------------------------------------------------------------------------------

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        set(i, null);
    }

    @Override
    public void setNull(int i, int sqlType, String typeName) throws SQLException {
        set(i, null);
    }

    @Override
    public void setBoolean(int i, boolean x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setByte(int i, byte x) throws SQLException {
        set(i, (short) x);
    }

    @Override
    public void setShort(int i, short x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setInt(int i, int x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setLong(int i, long x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setFloat(int i, float x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setDouble(int i, double x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setBigDecimal(int i, BigDecimal x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setString(int i, String x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setNString(int i, String x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setBytes(int i, byte[] x) throws SQLException {
        set(i, x == null ? null : x.clone());
    }

    @Override
    public void setDate(int i, Date x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setDate(int i, Date x, Calendar cal) throws SQLException {
        set(i, x);
    }

    @Override
    public void setTime(int i, Time x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setTime(int i, Time x, Calendar cal) throws SQLException {
        set(i, x);
    }

    @Override
    public void setTimestamp(int i, Timestamp x) throws SQLException {
        set(i, x);
    }

    @Override
    public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
        set(i, x);
    }

    @Override
    public void setObject(int i, Object x) throws SQLException {
        set(i, x instanceof byte[] ? ((byte[]) x).clone() : x);
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType) throws SQLException {
        setObject(i, x);
    }

    @Override
    public void setObject(int i, Object x, int targetSqlType, int scaleOrLength) throws SQLException {
        setObject(i, x);
    }

    @Override
    public void setClob(int i, Clob x) throws SQLException {
        set(i, x == null ? null : x.getSubString(1, (int) x.length()));
    }

    @Override
    public void setBlob(int i, Blob x) throws SQLException {
        set(i, x == null ? null : x.getBytes(1, (int) x.length()));
    }

    @Override
    public void setCharacterStream(int i, Reader reader, int length) throws SQLException {
        throw unsupported("setCharacterStream");
    }

    @Override
    public void setCharacterStream(int i, Reader reader, long length) throws SQLException {
        throw unsupported("setCharacterStream");
    }

    @Override
    public void setCharacterStream(int i, Reader reader) throws SQLException {
        throw unsupported("setCharacterStream");
    }

    @Override
    public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
        throw unsupported("setAsciiStream");
    }

    @Override
    public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
        throw unsupported("setAsciiStream");
    }

    @Override
    public void setAsciiStream(int i, InputStream x) throws SQLException {
        throw unsupported("setAsciiStream");
    }

    @Override
    public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
        throw unsupported("setBinaryStream");
    }

    @Override
    public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
        throw unsupported("setBinaryStream");
    }

    @Override
    public void setBinaryStream(int i, InputStream x) throws SQLException {
        throw unsupported("setBinaryStream");
    }

    @Override
    @SuppressWarnings("deprecation")
    public void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
        throw unsupported("setUnicodeStream");
    }

    @Override
    public void setNCharacterStream(int i, Reader value, long length) throws SQLException {
        throw unsupported("setNCharacterStream");
    }

    @Override
    public void setNCharacterStream(int i, Reader value) throws SQLException {
        throw unsupported("setNCharacterStream");
    }

    @Override
    public void setBlob(int i, InputStream inputStream, long length) throws SQLException {
        throw unsupported("setBlob");
    }

    @Override
    public void setBlob(int i, InputStream inputStream) throws SQLException {
        throw unsupported("setBlob");
    }

    @Override
    public void setClob(int i, Reader reader, long length) throws SQLException {
        throw unsupported("setClob");
    }

    @Override
    public void setClob(int i, Reader reader) throws SQLException {
        throw unsupported("setClob");
    }

    @Override
    public void setNClob(int i, NClob value) throws SQLException {
        throw unsupported("setNClob");
    }

    @Override
    public void setNClob(int i, Reader reader, long length) throws SQLException {
        throw unsupported("setNClob");
    }

    @Override
    public void setNClob(int i, Reader reader) throws SQLException {
        throw unsupported("setNClob");
    }

    @Override
    public void setArray(int i, Array x) throws SQLException {
        throw unsupported("setArray");
    }

    @Override
    public void setRef(int i, Ref x) throws SQLException {
        throw unsupported("setRef");
    }

    @Override
    public void setRowId(int i, RowId x) throws SQLException {
        throw unsupported("setRowId");
    }

    @Override
    public void setSQLXML(int i, SQLXML xmlObject) throws SQLException {
        throw unsupported("setSQLXML");
    }

    @Override
    public void setURL(int i, URL x) throws SQLException {
        throw unsupported("setURL");
    }
}
