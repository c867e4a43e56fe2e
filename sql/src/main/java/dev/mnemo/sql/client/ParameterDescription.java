package dev.mnemo.sql.client;

/**
 * One parameter of a prepared statement as ParameterMetaData reports it; each driver maps what it knows into it.
 *
 * @param jdbcType    the java.sql.Types code
 * @param typeName    the SQL type's name
 * @param precision   length for character and binary types, precision for DECIMAL; 0 if unknown
 * @param scale       scale for DECIMAL; 0 if unknown
 * @param nullability one of ParameterMetaData's parameterNoNulls, parameterNullable, parameterNullableUnknown
 * @param className   the class of the values the parameter takes
 */
public record ParameterDescription(int jdbcType, String typeName, int precision, int scale, int nullability,
                                   String className) {
}
