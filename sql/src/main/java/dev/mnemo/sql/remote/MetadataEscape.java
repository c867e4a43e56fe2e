package dev.mnemo.sql.remote;

/**
 * How the remote driver asks a member for a {@link java.sql.DatabaseMetaData} answer over the plain client
 * protocol: an {@code ExecuteSql} whose text is {@code {metadata NAME}} (no SQL statement starts with a brace)
 * and whose parameters are the method's arguments, arrays as comma-separated strings. The member answers as
 * it does a query: result sets page as query results do, and any other answer is one row of one column.
 */
public final class MetadataEscape {
    private static final String PREFIX = "{metadata ";

    private MetadataEscape() {
    }

    /** The escape text asking for DatabaseMetaData method {@code method}. */
    public static String sql(String method) {
        return PREFIX + method + "}";
    }

    /** The method an escape names, or null if {@code sql} is not an escape. */
    public static String method(String sql) {
        if (!sql.startsWith(PREFIX) || !sql.endsWith("}")) {
            return null;
        }
        return sql.substring(PREFIX.length(), sql.length() - 1).trim();
    }
}
