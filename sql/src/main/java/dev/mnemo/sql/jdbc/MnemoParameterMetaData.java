package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.client.DescribedParameterMetaData;
import dev.mnemo.sql.client.ParameterDescription;
import dev.mnemo.sql.exec.ParamMeta;
import dev.mnemo.sql.schema.SqlTypes;

import java.sql.ParameterMetaData;
import java.util.List;

/** The types the validator inferred for a prepared statement's parameters. */
final class MnemoParameterMetaData {
    private MnemoParameterMetaData() {
    }

    static ParameterMetaData of(List<ParamMeta> params) {
        return new DescribedParameterMetaData(params.stream().map(MnemoParameterMetaData::describe).toList());
    }

    private static ParameterDescription describe(ParamMeta p) {
        return new ParameterDescription(SqlTypes.jdbcType(p.type()),
                SqlTypes.typeName(p.type()), p.precision(), p.scale(),
                ParameterMetaData.parameterNullable, SqlTypes.jdbcClassName(p.type()));
    }
}
