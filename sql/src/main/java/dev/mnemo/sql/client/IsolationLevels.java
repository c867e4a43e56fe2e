package dev.mnemo.sql.client;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;

/**
 * Mnemo's one rule for an isolation level asked of it, by {@code Connection.setTransactionIsolation} or by SQL's
 * {@code SET TRANSACTION} and {@code START TRANSACTION}: every transaction is SERIALIZABLE, so a weaker level is
 * served as SERIALIZABLE with a warning (JDBC and the SQL standard let a database give a stronger level than asked,
 * and pools and ORMs ask for READ COMMITTED as a matter of course), and TRANSACTION_NONE is refused.
 */
public final class IsolationLevels {
    /** The level every transaction has, as SQL names it. */
    public static final String SERIALIZABLE = "SERIALIZABLE";
    /** The SQLState of the warning that a weaker level is served as SERIALIZABLE: a plain warning. */
    public static final String SERVED_STRONGER_STATE = "01000";

    private IsolationLevels() {
    }

    /** The warning for a level asked as SQL names it ({@code READ COMMITTED}); null for SERIALIZABLE. */
    public static SQLWarning served(String level) {
        if (SERIALIZABLE.equals(level)) {
            return null;
        }
        return new SQLWarning("isolation level " + level + " is served as SERIALIZABLE: every Mnemo transaction is "
                + "SERIALIZABLE (optimistic, validated at commit), which gives all that " + level + " promises and "
                + "more", SERVED_STRONGER_STATE);
    }

    /**
     * The SQL name of a JDBC level; TRANSACTION_NONE fails with 0A000 and a number that is no level with 22023, as
     * neither can be served.
     */
    public static String name(int level) throws SQLException {
        switch (level) {
            case Connection.TRANSACTION_SERIALIZABLE: return SERIALIZABLE;
            case Connection.TRANSACTION_REPEATABLE_READ: return "REPEATABLE READ";
            case Connection.TRANSACTION_READ_COMMITTED: return "READ COMMITTED";
            case Connection.TRANSACTION_READ_UNCOMMITTED: return "READ UNCOMMITTED";
            case Connection.TRANSACTION_NONE:
                throw new SQLException("TRANSACTION_NONE is not offered: every Mnemo statement runs in a transaction,"
                        + " and every transaction is SERIALIZABLE", "0A000");
            default:
                throw new SQLException(level + " is no isolation level of java.sql.Connection", "22023");
        }
    }

    /** Whether a JDBC level is served (as SERIALIZABLE): every level but TRANSACTION_NONE. */
    public static boolean isServed(int level) {
        return level == Connection.TRANSACTION_SERIALIZABLE || level == Connection.TRANSACTION_REPEATABLE_READ
                || level == Connection.TRANSACTION_READ_COMMITTED || level == Connection.TRANSACTION_READ_UNCOMMITTED;
    }
}
