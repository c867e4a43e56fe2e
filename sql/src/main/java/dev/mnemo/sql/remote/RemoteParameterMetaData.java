package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.proto.v1.TypedValue;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;

/**
 * What the remote driver knows of a prepared statement's parameters without planning it: how many there are,
 * and the type of each value set so far ({@link Types#OTHER} for one not set: the member infers the real
 * type when the statement runs).
 */
final class RemoteParameterMetaData implements ParameterMetaData {
    private final TypedValue[] params;

    RemoteParameterMetaData(TypedValue[] params) {
        this.params = params.clone();
    }

    private SqlType type(int i) throws SQLException {
        if (i < 1 || i > params.length) {
            throw new SQLException("parameter index " + i + " is out of range 1.." + params.length, "07009");
        }
        TypedValue v = params[i - 1];
        if (v == null) {
            return SqlType.SQL_TYPE_UNSPECIFIED;
        }
        switch (v.getValueCase()) {
            case INT64_VALUE: return SqlType.BIGINT;
            case INT32_VALUE: return SqlType.INTEGER;
            case DOUBLE_VALUE: return SqlType.DOUBLE;
            case FLOAT_VALUE: return SqlType.REAL;
            case DECIMAL_VALUE: return SqlType.DECIMAL;
            case BOOL_VALUE: return SqlType.BOOLEAN;
            case STRING_VALUE: return SqlType.VARCHAR;
            case BYTES_VALUE: return SqlType.VARBINARY;
            case DATE_VALUE: return SqlType.DATE;
            case TIME_VALUE: return SqlType.TIME;
            case TIMESTAMP_VALUE: return SqlType.TIMESTAMP;
            case NULL_TYPE: return v.getNullType();
            default: return SqlType.SQL_TYPE_UNSPECIFIED;
        }
    }

    @Override
    public int getParameterCount() {
        return params.length;
    }

    @Override
    public int isNullable(int i) throws SQLException {
        type(i);
        return parameterNullableUnknown;
    }

    @Override
    public boolean isSigned(int i) throws SQLException {
        switch (type(i)) {
            case BIGINT: case INTEGER: case SMALLINT: case TINYINT: case DOUBLE: case REAL: case DECIMAL: return true;
            default: return false;
        }
    }

    @Override
    public int getPrecision(int i) throws SQLException {
        type(i);
        return 0;
    }

    @Override
    public int getScale(int i) throws SQLException {
        type(i);
        return 0;
    }

    @Override
    public int getParameterType(int i) throws SQLException {
        SqlType t = type(i);
        return t == SqlType.SQL_TYPE_UNSPECIFIED ? Types.OTHER : Values.jdbcType(t);
    }

    @Override
    public String getParameterTypeName(int i) throws SQLException {
        SqlType t = type(i);
        return t == SqlType.SQL_TYPE_UNSPECIFIED ? "OTHER" : t.name();
    }

    @Override
    public String getParameterClassName(int i) throws SQLException {
        return Values.className(type(i));
    }

    @Override
    public int getParameterMode(int i) throws SQLException {
        type(i);
        return parameterModeIn;
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("not a wrapper for " + iface.getName(), "HY000");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return iface.isInstance(this);
    }
}
