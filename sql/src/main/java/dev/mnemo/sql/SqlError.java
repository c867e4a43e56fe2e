package dev.mnemo.sql;

import java.util.concurrent.Callable;

/**
 * An error a SQL user caused, with its SQLState; the JDBC layer turns it into a {@link java.sql.SQLException}.
 * Thrown inside the SQL layer where a checked exception cannot pass (generated code, planner callbacks).
 */
public final class SqlError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final String sqlState;

    public SqlError(String sqlState, String message) {
        super(message);
        this.sqlState = sqlState;
    }

    public SqlError(String sqlState, String message, Throwable cause) {
        super(message, cause);
        this.sqlState = sqlState;
    }

    public String sqlState() {
        return sqlState;
    }

    /** Runs a body that declares checked exceptions, rethrowing them as a general error (SQLState HY000). */
    public static <T> T unchecked(Callable<T> body) {
        try {
            return body.call();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new SqlError("HY000", e.getMessage(), e);
        }
    }
}
