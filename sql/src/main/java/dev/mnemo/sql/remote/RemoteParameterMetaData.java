package dev.mnemo.sql.remote;

import dev.mnemo.proto.v1.SqlType;
import dev.mnemo.proto.v1.StatementDescription;
import dev.mnemo.proto.v1.TypedValue;
import dev.mnemo.sql.client.DescribedParameterMetaData;
import dev.mnemo.sql.client.ParameterDescription;

import java.sql.ParameterMetaData;
import java.sql.Types;
import java.util.Arrays;

/**
 * A prepared statement's parameters as the remote driver reports them: as the member described the statement, or,
 * where a member cannot, how many there are and the type of each value set so far ({@link Types#OTHER} for one
 * not set: the member infers the real type when the statement runs).
 */
final class RemoteParameterMetaData {
    private RemoteParameterMetaData() {
    }

    /** The metadata of the parameters a member described. */
    static ParameterMetaData of(StatementDescription description) {
        return new DescribedParameterMetaData(description.getParametersList().stream()
                .map(p -> describe(p.getType(), p.getPrecision(), p.getScale(), ParameterMetaData.parameterNullable))
                .toList());
    }

    /** The metadata of parameters whose values are set so far ({@code null} for one not set). */
    static ParameterMetaData of(TypedValue[] params) {
        return new DescribedParameterMetaData(Arrays.stream(params).map(RemoteParameterMetaData::describe).toList());
    }

    private static ParameterDescription describe(TypedValue v) {
        return describe(type(v), 0, 0, ParameterMetaData.parameterNullableUnknown);
    }

    private static ParameterDescription describe(SqlType t, int precision, int scale, int nullability) {
        boolean unknown = t == SqlType.SQL_TYPE_UNSPECIFIED || t == SqlType.UNRECOGNIZED;
        return new ParameterDescription(unknown ? Types.OTHER : Values.jdbcType(t),
                unknown ? "OTHER" : Values.typeName(t),
                precision, scale, nullability, Values.className(t));
    }

    private static SqlType type(TypedValue v) {
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
            case UUID_VALUE: return SqlType.UUID;
            case TIMESTAMP_TZ_VALUE: return SqlType.TIMESTAMP_TZ;
            case NULL_TYPE: return v.getNullType();
            default: return SqlType.SQL_TYPE_UNSPECIFIED;
        }
    }
}
