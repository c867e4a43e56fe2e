package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.DefaultParameterSetters;
import dev.mnemo.sql.exec.CompiledStatement;
import dev.mnemo.sql.exec.Result;

import java.sql.ParameterMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;

/**
 * A prepared statement: compiled once (or taken from the database's plan cache), run with new parameter
 * values each time. Values are converted to each parameter's inferred SQL type when the statement runs.
 * With auto-commit on, a batch of INSERT, UPSERT, UPDATE, DELETE or MERGE executions is one transaction: all
 * of it takes effect or none (a {@link java.sql.BatchUpdateException} then has no update counts). With it off,
 * executions run one by one in the open transaction and a failure stops the batch at the failing one.
 */
public final class MnemoPreparedStatement extends MnemoStatement implements DefaultParameterSetters {
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
        return queryResult(run(compiled, boundParams()), compiled.sql());
    }

    @Override
    public int executeUpdate() throws SQLException {
        return (int) executeLargeUpdate();
    }

    @Override
    public long executeLargeUpdate() throws SQLException {
        return updateResult(run(compiled, boundParams()), compiled.sql());
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
        startRun();
        if (compiled.kind() == CompiledStatement.Kind.DML && !todo.isEmpty() && connection.getAutoCommit()) {
            try {
                return batchDone(connection.executeBatch(compiled, todo));
            } catch (SQLException e) {
                // The batch was one transaction: none of it took effect, so no execution counts as done.
                throw batchFailure(e, new long[0], 0);
            }
        }
        List<Result> results = new ArrayList<>();
        for (Object[] params : todo) {
            try {
                Result r = connection.execute(compiled, params, 0);
                if (r.hasRows()) {
                    throw new SQLException("a batch statement returned rows", "07000");
                }
                results.add(r);
            } catch (SQLException e) {
                throw batchFailure(e, results.stream().mapToLong(Result::updateCount).toArray(), results.size());
            }
        }
        return batchDone(results);
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
        return compiled.returnsRows() ? MnemoResultSetMetaData.of(compiled.columns()) : null;
    }

    @Override
    public ParameterMetaData getParameterMetaData() throws SQLException {
        checkOpen();
        return MnemoParameterMetaData.of(compiled.params());
    }

    // ---- parameters ----------------------------------------------------------------------------------------

    @Override
    public void setNull(int i, int sqlType) throws SQLException {
        set(i, null);
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
}
