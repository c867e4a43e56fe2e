package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.util.List;

/**
 * A DOUBLE made a REAL must be a value of REAL: Calcite's cast turns a finite DOUBLE past REAL's range (1e300) into
 * an infinity, which would then be stored or returned as if it had been given. {@link MnemoRexBuilder} puts this
 * check before each such cast, written or made to store a value in a column, so that the value fails with SQLState
 * 22003, as the engine refuses it and as other conversions out of range do. The infinities and NaN are values of
 * REAL too, and pass.
 */
public final class RealCasts {
    private static final SqlOperator CHECK = new SqlUserDefinedFunction(new SqlIdentifier("CHECK_REAL",
            SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.DOUBLE_NULLABLE, null, null,
            ScalarFunctionImpl.create(Types.lookupMethod(RealCasts.class, "checkReal", double.class)));

    private static final SqlOperator TRY_CHECK = new SqlUserDefinedFunction(new SqlIdentifier("TRY_CHECK_REAL",
            SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.DOUBLE_NULLABLE, null, null,
            ScalarFunctionImpl.create(Types.lookupMethod(RealCasts.class, "tryReal", double.class)));

    private RealCasts() {
    }

    /** Whether a cast of {@code value} to {@code type} needs the check first: DOUBLE (or FLOAT) to REAL. */
    static boolean needsCheck(RelDataType type, RexNode value) {
        SqlTypeName from = value.getType().getSqlTypeName();
        return type.getSqlTypeName() == SqlTypeName.REAL
                && (from == SqlTypeName.DOUBLE || from == SqlTypeName.FLOAT)
                && !(value instanceof RexCall && (((RexCall) value).getOperator() == CHECK
                        || ((RexCall) value).getOperator() == TRY_CHECK));
    }

    /** The value, checked to be one of REAL when the plan runs; for a {@code safe} cast (TRY_CAST) null if not. */
    static RexNode checked(RexBuilder rexBuilder, RexNode value, boolean safe) {
        RelDataTypeFactory f = rexBuilder.getTypeFactory();
        RelDataType type = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE),
                safe || value.getType().isNullable());
        return rexBuilder.makeCall(type, safe ? TRY_CHECK : CHECK, List.of(value));
    }

    /** The check a TRY_CAST's plan calls: {@code v} itself, or null if it is finite and past REAL's range. */
    @Strict
    public static Double tryReal(double v) {
        return Double.isFinite(v) && Math.abs(v) > Float.MAX_VALUE ? null : v;
    }

    /** The check compiled plans call: {@code v} itself, or 22003 if it is finite and past REAL's range. */
    @Strict
    public static double checkReal(double v) {
        if (Double.isFinite(v) && Math.abs(v) > Float.MAX_VALUE) {
            throw new SqlError("22003", "value " + v + " is out of range for REAL");
        }
        return v;
    }
}
