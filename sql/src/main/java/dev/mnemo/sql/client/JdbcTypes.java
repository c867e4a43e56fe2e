package dev.mnemo.sql.client;

import java.sql.Types;

/** What JDBC metadata derives from a java.sql.Types code alone, alike for columns and parameters. */
final class JdbcTypes {
    private JdbcTypes() {
    }

    static boolean isSigned(int jdbcType) {
        switch (jdbcType) {
            case Types.BIGINT: case Types.INTEGER: case Types.SMALLINT: case Types.TINYINT:
            case Types.DOUBLE: case Types.REAL: case Types.FLOAT: case Types.DECIMAL:
                return true;
            default:
                return false;
        }
    }

    static boolean isCaseSensitive(int jdbcType) {
        return jdbcType == Types.CHAR || jdbcType == Types.VARCHAR;
    }

    /** The characters a value needs at most, sign and separators included; {@code precision} for the rest. */
    static int displaySize(int jdbcType, int precision) {
        switch (jdbcType) {
            case Types.BIGINT: return 20;
            case Types.INTEGER: return 11;
            case Types.SMALLINT: return 6;
            case Types.TINYINT: return 4;
            case Types.BOOLEAN: return 5;
            case Types.DATE: return 10;
            case Types.TIME: case Types.TIMESTAMP: return precision > 0 ? precision : jdbcType == Types.TIME ? 12 : 23;
            case Types.DOUBLE: case Types.FLOAT: return 24;
            case Types.REAL: return 15;
            case Types.DECIMAL: return precision + 2;
            default: return Math.max(1, precision);
        }
    }
}
