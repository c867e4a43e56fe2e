package dev.mnemo.sql.schema;

import dev.mnemo.engine.ColumnType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

import java.sql.Types;
import java.util.Locale;
import java.util.Map;

/** Maps Mnemo column types to Calcite's types and to JDBC type codes, and back. */
public final class SqlTypes {
    /** Fractional seconds kept by TIME and TIMESTAMP: Calcite computes them in milliseconds. */
    public static final int TIME_PRECISION = 3;

    /** The fractional digits a TIME's or TIMESTAMP's declared precision keeps: none below 0, at most 3. */
    public static int fractionDigits(int precision) {
        return Math.min(Math.max(precision, 0), TIME_PRECISION);
    }

    /** How metadata and SCRIPT spell an instant's type. */
    public static final String TIMESTAMP_TZ_NAME = "TIMESTAMP WITH TIME ZONE";

    private SqlTypes() {
    }

    /** The Calcite type of a column; nullable, because the engine (not generated code) enforces NOT NULL. */
    public static RelDataType relType(RelDataTypeFactory f, ColumnType t) {
        RelDataType type;
        switch (t.kind()) {
            // Unbounded: Calcite's casts to VARCHAR(n) truncate silently, and a value too long for its column
            // must reach the engine, which refuses it (22001). Metadata reports the declared length.
            case VARCHAR: type = f.createSqlType(SqlTypeName.VARCHAR); break;
            case CHAR: type = f.createSqlType(SqlTypeName.CHAR, t.length()); break;
            case VARBINARY: type = f.createSqlType(SqlTypeName.VARBINARY); break;
            case DECIMAL: type = f.createSqlType(SqlTypeName.DECIMAL, t.length(), t.scale()); break;
            // A column of finer digits (made through the engine's API) is read to the millisecond.
            case TIME: type = f.createSqlType(SqlTypeName.TIME, Math.min(t.scale(), TIME_PRECISION)); break;
            case TIMESTAMP: type = f.createSqlType(SqlTypeName.TIMESTAMP, Math.min(t.scale(), TIME_PRECISION)); break;
            case TIMESTAMP_TZ: type = f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE,
                    Math.min(t.scale(), TIME_PRECISION)); break;
            default: type = f.createSqlType(sqlTypeName(t)); break;
        }
        return f.createTypeWithNullability(type, true);
    }

    /** The Calcite type name of a column type: a SMALLINT declared TINYINT is a TINYINT. */
    public static SqlTypeName sqlTypeName(ColumnType t) {
        return t.isTinyint() ? SqlTypeName.TINYINT : sqlTypeName(t.kind());
    }

    public static SqlTypeName sqlTypeName(ColumnType.Kind kind) {
        switch (kind) {
            case BIGINT: return SqlTypeName.BIGINT;
            case INTEGER: return SqlTypeName.INTEGER;
            case SMALLINT: return SqlTypeName.SMALLINT;
            case DOUBLE: return SqlTypeName.DOUBLE;
            case REAL: return SqlTypeName.REAL;
            case DECIMAL: return SqlTypeName.DECIMAL;
            case BOOLEAN: return SqlTypeName.BOOLEAN;
            case VARCHAR: return SqlTypeName.VARCHAR;
            case CHAR: return SqlTypeName.CHAR;
            case VARBINARY: return SqlTypeName.VARBINARY;
            case DATE: return SqlTypeName.DATE;
            case TIME: return SqlTypeName.TIME;
            case TIMESTAMP: return SqlTypeName.TIMESTAMP;
            case UUID: return SqlTypeName.UUID;
            // An instant: Calcite's generated code runs this type, milliseconds since 1970 at UTC.
            case TIMESTAMP_TZ: return SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
            default: throw new IllegalStateException("unhandled column type " + kind);
        }
    }

    /**
     * Other databases' names of the types Mnemo stores, as a column's type may be declared: PostgreSQL's {@code TEXT}
     * (and MySQL's: text of any length, the longest VARCHAR), {@code INT2}, {@code INT4}, {@code INT8},
     * {@code BOOL}, {@code FLOAT4} and {@code FLOAT8}.
     */
    private static final Map<String, SqlTypeName> ALIASES = Map.of(
            "TEXT", SqlTypeName.VARCHAR, "INT2", SqlTypeName.SMALLINT, "INT4", SqlTypeName.INTEGER,
            "INT8", SqlTypeName.BIGINT, "BOOL", SqlTypeName.BOOLEAN, "FLOAT4", SqlTypeName.REAL,
            "FLOAT8", SqlTypeName.DOUBLE);

    /** Every other database's type name Mnemo knows, with the standard type it means. */
    public static Map<String, SqlTypeName> aliases() {
        return ALIASES;
    }

    /** The standard type another database's type name {@code name} means; null if it is none Mnemo knows. */
    public static SqlTypeName aliasOf(String name) {
        return ALIASES.get(name.toUpperCase(Locale.ROOT));
    }

    /** The column type for a declared SQL type, or null if Mnemo cannot store it. */
    public static ColumnType columnType(SqlTypeName name, int precision, int scale) {
        switch (name) {
            case BIGINT: return ColumnType.BIGINT;
            case INTEGER: return ColumnType.INTEGER;
            case SMALLINT: return ColumnType.SMALLINT;
            case TINYINT: return ColumnType.TINYINT;
            case DOUBLE: case FLOAT: return ColumnType.DOUBLE;
            case REAL: return ColumnType.REAL;
            case DECIMAL: return ColumnType.decimal(precision < 0 ? 19 : precision, Math.max(scale, 0));
            case BOOLEAN: return ColumnType.BOOLEAN;
            case VARCHAR: return ColumnType.varchar(precision < 0 ? ColumnType.LENGTH_MAX : precision);
            case CHAR: return ColumnType.of(ColumnType.Kind.CHAR, precision < 0 ? 1 : precision, 0);
            case VARBINARY: case BINARY:
                return ColumnType.of(ColumnType.Kind.VARBINARY, precision < 0 ? ColumnType.LENGTH_MAX : precision, 0);
            case DATE: return ColumnType.DATE;
            case TIME: return ColumnType.time(precision < 0 ? TIME_PRECISION : precision);
            case TIMESTAMP: return ColumnType.timestamp(precision < 0 ? TIME_PRECISION : precision);
            case UUID: return ColumnType.UUID;
            case TIMESTAMP_TZ: case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return ColumnType.timestampTz(precision < 0 ? TIME_PRECISION : precision);
            default: return null;
        }
    }

    /** The java.sql.Types code of a Calcite type: OTHER for UUID, as JDBC has no code of its own for it. */
    public static int jdbcType(SqlTypeName name) {
        switch (name) {
            case BIGINT: return Types.BIGINT;
            case INTEGER: return Types.INTEGER;
            case SMALLINT: return Types.SMALLINT;
            case TINYINT: return Types.TINYINT;
            case DOUBLE: return Types.DOUBLE;
            case FLOAT: return Types.FLOAT;
            case REAL: return Types.REAL;
            case DECIMAL: return Types.DECIMAL;
            case BOOLEAN: return Types.BOOLEAN;
            case VARCHAR: return Types.VARCHAR;
            case CHAR: return Types.CHAR;
            case VARBINARY: return Types.VARBINARY;
            case BINARY: return Types.BINARY;
            case DATE: return Types.DATE;
            case TIME: return Types.TIME;
            case TIMESTAMP: return Types.TIMESTAMP;
            case TIMESTAMP_TZ: case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return Types.TIMESTAMP_WITH_TIMEZONE;
            case NULL: return Types.NULL;
            default: return Types.OTHER;
        }
    }

    public static int jdbcType(ColumnType t) {
        return jdbcType(sqlTypeName(t));
    }

    /** The class name ResultSet.getObject returns for a Calcite type. */
    public static String jdbcClassName(SqlTypeName name) {
        switch (name) {
            case BIGINT: return Long.class.getName();
            case INTEGER: return Integer.class.getName();
            case SMALLINT: return Short.class.getName();
            // JDBC's table B-3 maps TINYINT, as SMALLINT, to Integer; Mnemo keeps Short for SMALLINT (as before).
            case TINYINT: return Integer.class.getName();
            case DOUBLE: case FLOAT: return Double.class.getName();
            case REAL: return Float.class.getName();
            case DECIMAL: return java.math.BigDecimal.class.getName();
            case BOOLEAN: return Boolean.class.getName();
            case VARCHAR: case CHAR: return String.class.getName();
            case VARBINARY: case BINARY: return byte[].class.getName();
            case DATE: return java.sql.Date.class.getName();
            case TIME: return java.sql.Time.class.getName();
            case TIMESTAMP: return java.sql.Timestamp.class.getName();
            case UUID: return java.util.UUID.class.getName();
            case TIMESTAMP_TZ: case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return java.time.OffsetDateTime.class.getName();
            default: return Object.class.getName();
        }
    }

    /**
     * The characters a TIME or TIMESTAMP of {@code digits} fractional digits takes as text ({@code 12:30:00.5} is
     * 10): what JDBC calls the precision of a datetime (COLUMN_SIZE, getPrecision); its scale is the digits.
     */
    public static int datetimeLength(SqlTypeName name, int digits) {
        int offset = name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || name == SqlTypeName.TIMESTAMP_TZ ? 6 : 0;
        return (name == SqlTypeName.TIME ? 8 : 19) + (digits > 0 ? digits + 1 : 0) + offset;
    }

    /** The SQL spelling of a column type for metadata (TYPE_NAME). */
    public static String typeName(ColumnType t) {
        return typeName(sqlTypeName(t));
    }

    /** The SQL spelling of a Calcite type for metadata: an instant is a {@code TIMESTAMP WITH TIME ZONE}. */
    public static String typeName(SqlTypeName name) {
        boolean instant = name == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE || name == SqlTypeName.TIMESTAMP_TZ;
        return instant ? TIMESTAMP_TZ_NAME : name.getName();
    }
}
