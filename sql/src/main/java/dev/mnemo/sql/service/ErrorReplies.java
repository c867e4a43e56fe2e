package dev.mnemo.sql.service;

import dev.mnemo.proto.v1.SqlError;
import dev.mnemo.sql.exec.SqlErrors;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.parser.SqlParseException;

import java.sql.SQLException;

/** Turns whatever a request threw into the wire's SqlError: the embedded SQLState, message and SQL position. */
final class ErrorReplies {
    private ErrorReplies() {
    }

    static SqlError of(Throwable t) {
        SQLException e = SqlErrors.toSqlException(t);
        String state = e.getSQLState() == null || e.getSQLState().length() != 5 ? "HY000" : e.getSQLState();
        SqlError.Builder b = SqlError.newBuilder().setSqlState(state)
                .setMessage(e.getMessage() == null ? state : e.getMessage());
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof SqlParseException && ((SqlParseException) c).getPos() != null) {
                SqlParseException p = (SqlParseException) c;
                return b.setLine(p.getPos().getLineNum()).setColumn(p.getPos().getColumnNum()).build();
            }
            if (c instanceof CalciteContextException) {
                CalciteContextException p = (CalciteContextException) c;
                return b.setLine(p.getPosLine()).setColumn(p.getPosColumn()).build();
            }
        }
        return b.build();
    }

    static SqlError of(String sqlState, String message) {
        return SqlError.newBuilder().setSqlState(sqlState).setMessage(message).build();
    }
}
