package dev.mnemo.sql.plan;

import dev.mnemo.sql.schema.SqlTypes;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.rel.type.RelDataTypeSystemImpl;
import org.apache.calcite.sql.type.SqlTypeName;

import java.math.RoundingMode;

/**
 * Calcite's type rules, with these changes. A DECIMAL that loses digits rounds half up rather than being cut.
 * {@code SUM} and {@code AVG} of a TINYINT, SMALLINT or INTEGER column are BIGINTs: a total of INTEGER values may
 * pass the range of INTEGER, and should then still be right. AVG is planned as its SUM cast to AVG's type, divided
 * by the count, so it needs the wider type too. (A total past BIGINT is an error; see {@link CheckedSum}.) And texts
 * of different lengths in one CASE, COALESCE, UNION or VALUES column have a VARCHAR type, not a CHAR padded to
 * the longest.
 */
public final class MnemoTypeSystem extends RelDataTypeSystemImpl {
    public static final RelDataTypeSystem INSTANCE = new MnemoTypeSystem();

    private MnemoTypeSystem() {
    }

    /**
     * TIME, TIMESTAMP and TIMESTAMP WITH TIME ZONE without a precision keep milliseconds in a cast
     * ({@code CAST(x AS TIMESTAMP)}), as they do in a column; Calcite's default of 0 digits made such a cast cut or
     * round them.
     */
    @Override
    public int getDefaultPrecision(SqlTypeName typeName) {
        return typeName == SqlTypeName.TIME || typeName == SqlTypeName.TIMESTAMP
                || typeName == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE ? SqlTypes.TIME_PRECISION
                : super.getDefaultPrecision(typeName);
    }

    /**
     * CHAR literals of different lengths that meet in one column ({@code CASE ... THEN 'ab' ELSE 'abcd' END},
     * {@code VALUES ('x'), ('xyz')}) are a VARCHAR of the longest, as in PostgreSQL, MySQL and H2. Calcite's
     * default made them a CHAR padded to the longest, whose spaces a VARCHAR column they were written to kept.
     */
    @Override
    public boolean shouldConvertRaggedUnionTypesToVarying() {
        return true;
    }

    @Override
    public RelDataType deriveSumType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        return isNarrowInteger(argumentType) ? bigint(typeFactory, argumentType)
                : super.deriveSumType(typeFactory, argumentType);
    }

    @Override
    public RelDataType deriveAvgAggType(RelDataTypeFactory typeFactory, RelDataType argumentType) {
        return isNarrowInteger(argumentType) ? bigint(typeFactory, argumentType)
                : super.deriveAvgAggType(typeFactory, argumentType);
    }

    /**
     * How a DECIMAL that loses digits (cast to a smaller scale, or to an integer type) is rounded: half up, as the
     * engine rounds a value it stores in a DECIMAL(p,s) column. Calcite's own choice is to cut the digits, which
     * made a literal and a parameter of the same value store differently.
     */
    @Override
    public RoundingMode roundingMode() {
        return RoundingMode.HALF_UP;
    }

    private static boolean isNarrowInteger(RelDataType type) {
        SqlTypeName t = type.getSqlTypeName();
        return t == SqlTypeName.TINYINT || t == SqlTypeName.SMALLINT || t == SqlTypeName.INTEGER;
    }

    private static RelDataType bigint(RelDataTypeFactory typeFactory, RelDataType like) {
        return typeFactory.createTypeWithNullability(typeFactory.createSqlType(SqlTypeName.BIGINT), like.isNullable());
    }
}
