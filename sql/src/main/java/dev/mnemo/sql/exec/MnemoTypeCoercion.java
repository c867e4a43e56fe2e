package dev.mnemo.sql.exec;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.implicit.TypeCoercionImpl;

/**
 * Calcite's implicit casts, except that a text compared with a binary value ({@code bin = 'abc'}, {@code bin IN
 * ('a', 'b')}, {@code bin = vc}, a MERGE's {@code ON}) is taken as bytes, its UTF-8 encoding: the bytes the same
 * text becomes when it is written to a VARBINARY column or cast to one. Calcite compared the binary value's hex
 * text with the text instead, so {@code bin = 'abc'} missed the row that {@code INSERT ... VALUES ('abc')} wrote.
 */
final class MnemoTypeCoercion extends TypeCoercionImpl {
    MnemoTypeCoercion(RelDataTypeFactory types, SqlValidator validator) {
        super(types, validator);
    }

    @Override
    public RelDataType commonTypeForBinaryComparison(RelDataType a, RelDataType b) {
        if (a != null && b != null && (SqlTypeUtil.isBinary(a) && SqlTypeUtil.isCharacter(b)
                || SqlTypeUtil.isCharacter(a) && SqlTypeUtil.isBinary(b))) {
            return factory.createTypeWithNullability(factory.createSqlType(SqlTypeName.VARBINARY),
                    a.isNullable() || b.isNullable());
        }
        return super.commonTypeForBinaryComparison(a, b);
    }
}
