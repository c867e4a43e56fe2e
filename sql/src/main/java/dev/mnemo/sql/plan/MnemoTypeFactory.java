package dev.mnemo.sql.plan;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.SqlTypeName;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.BasicSqlType;
import org.apache.calcite.sql.type.SqlTypeName;

import java.lang.reflect.Type;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Calcite's Java type factory over {@link MnemoTypeSystem}, whose character types are UTF-8. Calcite's default
 * character set is ISO-8859-1: a text literal outside it ({@code '日本'}) failed to encode, and a text cast or
 * written to VARBINARY became its ISO-8859-1 bytes. UTF-8 is what the engine stores and the drivers send. A UUID is a
 * {@link UUID} in generated code: Calcite's own factory made it an Object, which its UUID functions do not take.
 */
public final class MnemoTypeFactory extends JavaTypeFactoryImpl {
    public MnemoTypeFactory() {
        super(MnemoTypeSystem.INSTANCE);
    }

    /**
     * A TIMESTAMP WITH TIME ZONE is an instant, which Calcite's generated code computes with as a TIMESTAMP WITH
     * LOCAL TIME ZONE (milliseconds since 1970 at UTC); its own TIMESTAMP_TZ it does not run.
     */
    @Override
    public RelDataType createSqlType(SqlTypeName typeName, int precision) {
        return super.createSqlType(typeName == SqlTypeName.TIMESTAMP_TZ
                ? SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE : typeName, precision);
    }

    @Override
    public RelDataType createSqlType(SqlTypeName typeName) {
        return typeName == SqlTypeName.TIMESTAMP_TZ ? createSqlType(typeName, RelDataType.PRECISION_NOT_SPECIFIED)
                : super.createSqlType(typeName);
    }

    @Override
    public Type getJavaClass(RelDataType type) {
        if (type instanceof BasicSqlType && type.getSqlTypeName() == SqlTypeName.UUID) {
            return UUID.class;
        }
        return super.getJavaClass(type);
    }

    @Override
    public Charset getDefaultCharset() {
        return StandardCharsets.UTF_8;
    }
}
