package dev.mnemo.sql.exec;

import dev.mnemo.engine.MnemoException;
import dev.mnemo.sql.SqlError;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.sql.parser.SqlParseException;

import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLSyntaxErrorException;
import java.sql.SQLTransactionRollbackException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns whatever a statement threw into a {@link SQLException} with a standard SQLState: the engine's typed
 * errors keep theirs, parse errors are 42601 (42000 for a clause given twice and the like) with line and column,
 * validation errors are classified (unknown table 42S02, unknown column 42S22), runtime data errors are 22xxx (an
 * invalid regular expression 2201B), a scalar subquery of more than one row is 21000, a JSON path that finds
 * nothing 22035, a query the planner cannot run 0A000, and anything else — a bug — is XX000 with the cause attached,
 * so no bare RuntimeException or AssertionError reaches a JDBC caller.
 */
public final class SqlErrors {
    /** How the SQL runtime says that a text is not a date, time or timestamp. */
    private static final Pattern DATETIME_TEXT = Pattern.compile(
            "^(Invalid (DATE|TIME|TIMESTAMP)\\b|Value of \\w+ field is out of range in ')");

    /** How the Java runtime says that a text is not a whole number ({@code Integer.parseInt} and the like). */
    private static final Pattern JAVA_NUMBER_TEXT =
            Pattern.compile("For input string: \"(.*)\"(?: under radix \\d+)?", Pattern.DOTALL);

    /** How the SQL runtime's TO_DATE says that a text does not match the format. */
    private static final String DATETIME_FORMAT = "Invalid format: ";

    /** How compiled plans say that a scalar subquery gave a second row. */
    private static final String SINGLE_VALUE = "more than one value in agg SINGLE_VALUE";

    /**
     * The package of the JSON path library's errors, which JSON_VALUE, JSON_QUERY and JSON_EXISTS let through with
     * ERROR ON ERROR: a path that finds nothing (22035, no SQL/JSON item), a text that is no JSON (22032).
     */
    private static final String JSON_PATH_ERRORS = "com.jayway.jsonpath.";

    private SqlErrors() {
    }

    /**
     * A parse error of {@code sql} (null if unknown), told short (see {@link SyntaxMessage}): 42601 for text that is
     * not SQL, 42000 for what the grammar refuses of what it read.
     */
    static SqlError parse(SqlParseException e, String sql) {
        return new SqlError(SyntaxMessage.isSyntax(e) ? "42601" : "42000", SyntaxMessage.of(e, sql), e);
    }

    /** The SQLException for any failure of a statement (or of commit/rollback). */
    public static SQLException toSqlException(Throwable t) {
        if (t instanceof SQLException) {
            return (SQLException) t;
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SqlError) {
                return make(((SqlError) c).sqlState(), c.getMessage(), t);
            }
            if (c instanceof MnemoException) {
                return make(((MnemoException) c).sqlState(), c.getMessage(), t);
            }
            if (c instanceof SqlParseException) {
                SqlError e = parse((SqlParseException) c, null);
                return make(e.sqlState(), e.getMessage(), t);
            }
            if (c instanceof CalciteContextException) {
                Throwable why = c.getCause() != null ? c.getCause() : c;
                return make(validationState(why.getMessage()), c.getMessage(), t);
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ArithmeticException) {
                String m = String.valueOf(c.getMessage());
                return m.toLowerCase(Locale.ROOT).contains("by zero") ? make("22012", "division by zero", t)
                        : make("22003", "arithmetic error: " + m, t);
            }
            if (c instanceof NumberFormatException) {
                return make("22018", invalidNumber(c.getMessage()), t);
            }
            if (c instanceof IllegalArgumentException && String.valueOf(c.getMessage()).startsWith("Cannot convert ")
                    && String.valueOf(c.getMessage()).endsWith("due to overflow")) {
                // An exact literal of more digits than a DECIMAL holds (19), met when Calcite types it.
                return make("22003", "numeric value out of range: " + c.getMessage(), t);
            }
            if (c instanceof IllegalArgumentException
                    && DATETIME_TEXT.matcher(String.valueOf(c.getMessage())).find()) {
                // Text cast to DATE, TIME or TIMESTAMP that is not one (the runtime's own message names it).
                return make("22007", "invalid datetime: " + c.getMessage(), t);
            }
            if (c instanceof IllegalStateException && String.valueOf(c.getMessage()).startsWith(SINGLE_VALUE)) {
                // The check a plan makes that a scalar subquery gives at most one row.
                return make("21000", "cardinality violation: a scalar subquery gave more than one row", t);
            }
            if (c instanceof CalciteException) {
                return make(validationState(c.getMessage()), c.getMessage(), t);
            }
            if (c instanceof UnsupportedOperationException) {
                return make("0A000", "not supported: " + c.getMessage(), t);
            }
            if (c instanceof PatternSyntaxException) {
                // REGEXP_LIKE, REGEXP_REPLACE, SIMILAR TO with a pattern that is not one.
                return make("2201B", "invalid regular expression: " + firstLine(c.getMessage()), t);
            }
            if (c instanceof SQLException && String.valueOf(c.getMessage()).startsWith(DATETIME_FORMAT)) {
                // TO_DATE of a text that does not match the format.
                return make("22007", "invalid datetime: " + c.getMessage(), t);
            }
            if (c.getClass().getName().startsWith(JSON_PATH_ERRORS)) {
                String kind = c.getClass().getSimpleName();
                return make(kind.equals("PathNotFoundException") ? "22035" : kind.equals("InvalidJsonException")
                        ? "22032" : "22000", "JSON error: " + firstLine(c.getMessage()), t);
            }
            if (c instanceof RelOptPlanner.CannotPlanException) {
                return make("0A000", "not supported: Mnemo cannot run this query (its planner has no way to execute "
                        + "one of its operations, such as PERCENTILE_CONT)", t);
            }
        }
        String m = firstLine(t.getMessage());
        return make("XX000", "internal error (" + t.getClass().getSimpleName() + "): "
                + (m.length() > 300 ? m.substring(0, 300) + "…" : m), t);
    }

    /** The message for a text that is no number, naming the text where the runtime's message gives it. */
    private static String invalidNumber(String message) {
        Matcher m = JAVA_NUMBER_TEXT.matcher(String.valueOf(message));
        return m.matches() ? "invalid number: the text '" + m.group(1) + "' is not a number"
                : "invalid number: " + message;
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message).strip();
        int line = m.indexOf('\n');
        return line > 0 ? m.substring(0, line) : m;
    }

    private static String validationState(String message) {
        String m = String.valueOf(message).toLowerCase(Locale.ROOT);
        if (m.startsWith("illegal date literal") || m.startsWith("illegal time literal")
                || m.startsWith("illegal timestamp literal")) {
            return "22007"; // TIME '25:00:00', DATE '2023-02-30': a datetime literal with a field out of range
        }
        if (m.contains("column") && (m.contains("not found") || m.contains("unknown target column"))) {
            return "42S22";
        }
        if ((m.contains("object") || m.contains("table")) && m.contains("not found")) {
            return "42S02";
        }
        if (m.contains("for cast") || m.contains("cannot be cast")
                || m.contains("invalid number") && !m.contains("invalid number of arguments")) {
            return "22018";
        }
        if (m.contains("numeric literal") && m.contains("out of range")) {
            return "22003"; // 1e400, or an exact literal of more digits than DECIMAL holds
        }
        if (m.contains("does not allow nulls")) {
            return "23502";
        }
        return "42000";
    }

    static SQLException make(String state, String message, Throwable cause) {
        SQLException e;
        String cls = state.substring(0, 2);
        switch (cls) {
            case "42": e = new SQLSyntaxErrorException(message, state); break;
            case "23": e = new SQLIntegrityConstraintViolationException(message, state); break;
            case "22": e = new SQLDataException(message, state); break;
            case "40": e = new SQLTransactionRollbackException(message, state); break;
            case "0A": e = new SQLFeatureNotSupportedException(message, state); break;
            case "08": e = new SQLNonTransientConnectionException(message, state); break;
            default: e = new SQLException(message, state); break;
        }
        if (cause != null) {
            e.initCause(cause);
        }
        return e;
    }
}
