package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.exec.ParamMeta;
import dev.mnemo.sql.schema.SqlTypes;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/** The types the validator inferred for a prepared statement's parameters. */
final class MnemoParameterMetaData implements ParameterMetaData {
    private final List<ParamMeta> params;

    MnemoParameterMetaData(List<ParamMeta> params) {
        this.params = params;
    }

    private ParamMeta param(int i) throws SQLException {
        if (i < 1 || i > params.size()) {
            throw new SQLException("parameter index " + i + " is out of range 1.." + params.size(), "07009");
        }
        return params.get(i - 1);
    }

    @Override
    public int getParameterCount() {
        return params.size();
    }

    @Override
    public int isNullable(int i) throws SQLException {
        param(i);
        return parameterNullable;
    }

    @Override
    public boolean isSigned(int i) throws SQLException {
        switch (param(i).type()) {
            case BIGINT: case INTEGER: case SMALLINT: case TINYINT: case DOUBLE: case REAL: case FLOAT: case DECIMAL:
                return true;
            default:
                return false;
        }
    }

    @Override
    public int getPrecision(int i) throws SQLException {
        return param(i).precision();
    }

    @Override
    public int getScale(int i) throws SQLException {
        return param(i).scale();
    }

    @Override
    public int getParameterType(int i) throws SQLException {
        return SqlTypes.jdbcType(param(i).type());
    }

    @Override
    public String getParameterTypeName(int i) throws SQLException {
        return param(i).type().getName();
    }

    @Override
    public String getParameterClassName(int i) throws SQLException {
        return SqlTypes.jdbcClassName(param(i).type());
    }

    @Override
    public int getParameterMode(int i) throws SQLException {
        param(i);
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
