package dev.mnemo.sql.client;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.util.List;

/** ParameterMetaData over a list of parameter descriptions; every parameter is an IN parameter. */
public final class DescribedParameterMetaData implements ParameterMetaData, SelfWrapper {
    private final List<ParameterDescription> params;

    public DescribedParameterMetaData(List<ParameterDescription> params) {
        this.params = List.copyOf(params);
    }

    private ParameterDescription param(int i) throws SQLException {
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
        return param(i).nullability();
    }

    @Override
    public boolean isSigned(int i) throws SQLException {
        return JdbcTypes.isSigned(param(i).jdbcType());
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
        return param(i).jdbcType();
    }

    @Override
    public String getParameterTypeName(int i) throws SQLException {
        return param(i).typeName();
    }

    @Override
    public String getParameterClassName(int i) throws SQLException {
        return param(i).className();
    }

    @Override
    public int getParameterMode(int i) throws SQLException {
        param(i);
        return parameterModeIn;
    }
}
