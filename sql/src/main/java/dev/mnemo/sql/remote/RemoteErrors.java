package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.SqlError;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.sql.SQLTransientConnectionException;

/** The SQLException a member's SqlError stands for: the subclass JDBC assigns to its SQLState class. */
final class RemoteErrors {
    private RemoteErrors() {
    }

    static SQLException of(SqlError e) {
        return make(e.getSqlState(), e.getMessage());
    }

    static SQLException make(String state, String message) {
        String cls = state.length() >= 2 ? state.substring(0, 2) : "";
        switch (cls) {
            case "42": return new SQLSyntaxErrorException(message, state);
            case "23": return new SQLIntegrityConstraintViolationException(message, state);
            case "22": return new SQLDataException(message, state);
            case "40": return new SQLTransactionRollbackException(message, state);
            case "0A": return new SQLFeatureNotSupportedException(message, state);
            case "28": return new SQLInvalidAuthorizationSpecException(message, state);
            case "08": return "08001".equals(state) ? new SQLTransientConnectionException(message, state)
                    : new SQLNonTransientConnectionException(message, state);
            default: return new SQLException(message, state);
        }
    }
}
