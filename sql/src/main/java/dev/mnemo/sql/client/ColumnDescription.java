package dev.mnemo.sql.client;

/**
 * One column of a result as ResultSetMetaData reports it; each driver maps its own column source into it.
 *
 * @param label     the column's label (its alias if the query gave one)
 * @param name      the underlying column's name, or empty for an expression
 * @param schema    the schema of the column's table, or empty for an expression
 * @param table     the column's table, or empty for an expression
 * @param jdbcType  the java.sql.Types code
 * @param typeName  the SQL type's name
 * @param precision length for character and binary types, precision for DECIMAL
 * @param scale     scale for DECIMAL
 * @param nullable  whether the column may hold NULL
 * @param className the class getObject returns for the column
 */
public record ColumnDescription(String label, String name, String schema, String table, int jdbcType,
                                String typeName, int precision, int scale, boolean nullable, String className) {
}
