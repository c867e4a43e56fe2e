package dev.mnemo.benchmarks.harness;

import dev.mnemo.engine.TransactionConflictException;

import java.sql.SQLException;

/**
 * Tells conflicts from errors. A conflict is a serialization failure, which a correct database may report under
 * concurrency and a client would retry: SQLState 40001 or the engine's {@link TransactionConflictException}.
 * Anything else is an error, which a healthy run must not have.
 */
public final class Failures {
    /** What an operation's failure was. */
    public enum Kind { CONFLICT, ERROR }

    public static final String SERIALIZATION_FAILURE = "40001";

    private Failures() {
    }

    public static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TransactionConflictException) {
                return Kind.CONFLICT;
            }
            if (t instanceof SQLException && SERIALIZATION_FAILURE.equals(((SQLException) t).getSQLState())) {
                return Kind.CONFLICT;
            }
        }
        return Kind.ERROR;
    }

    /** One line naming the failure: class, SQLState if any, message. */
    public static String describe(Throwable failure) {
        StringBuilder sb = new StringBuilder(failure.getClass().getSimpleName());
        if (failure instanceof SQLException && ((SQLException) failure).getSQLState() != null) {
            sb.append(" [").append(((SQLException) failure).getSQLState()).append(']');
        }
        String message = failure.getMessage();
        if (message != null) {
            String firstLine = message.strip().lines().findFirst().orElse("");
            sb.append(": ").append(firstLine.length() > 160 ? firstLine.substring(0, 160) + "…" : firstLine);
        }
        return sb.toString();
    }
}
