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
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A DOUBLE or REAL cast to an integer type rounds half up (away from zero at the half), as a DECIMAL does
 * ({@link MnemoTypeSystem}): 12.7e0 becomes 13 and -12.5e0 becomes -13. Calcite's own cast cuts the fraction for
 * INTEGER, SMALLINT and TINYINT, and turns NaN into 0. {@link MnemoRexBuilder} puts the rounding before each such
 * cast, written or made to store a value in a column; a value out of the type's range after rounding, NaN and the
 * infinities fail with SQLState 22003, and a TRY_CAST's are null. The cast that follows the rounding is then exact.
 */
public final class IntegerCasts {
    private static final Map<SqlTypeName, SqlOperator> ROUND = Map.of(
            SqlTypeName.TINYINT, function("roundTinyint"), SqlTypeName.SMALLINT, function("roundSmallint"),
            SqlTypeName.INTEGER, function("roundInteger"), SqlTypeName.BIGINT, function("roundBigint"));

    /** The rounding of a TRY_CAST, null where the others fail; it is given the largest value of the type. */
    private static final SqlOperator TRY_ROUND = new SqlUserDefinedFunction(new SqlIdentifier("TRY_ROUND_WHOLE",
            SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.DOUBLE_NULLABLE, null, null,
            ScalarFunctionImpl.create(Types.lookupMethod(IntegerCasts.class, "tryRound", double.class, long.class)));
    private static final Map<SqlTypeName, Long> MAX = Map.of(SqlTypeName.TINYINT, (long) Byte.MAX_VALUE,
            SqlTypeName.SMALLINT, (long) Short.MAX_VALUE, SqlTypeName.INTEGER, (long) Integer.MAX_VALUE,
            SqlTypeName.BIGINT, Long.MAX_VALUE);

    private IntegerCasts() {
    }

    /** Whether a cast of {@code value} to {@code type} needs rounding first: approximate to integer. */
    static boolean needsRounding(RelDataType type, RexNode value) {
        return ROUND.containsKey(type.getSqlTypeName()) && SqlTypeUtil.isApproximateNumeric(value.getType())
                && !isRounded(value);
    }

    /**
     * Whether a cast of {@code value} to {@code type} needs it rounded to a whole DECIMAL first: a DECIMAL with a
     * fraction to an integer type. Calcite's own cast checks the range before it rounds, so 127.6 passed as a
     * TINYINT and wrapped round to -128.
     */
    static boolean needsWholeDecimal(RelDataType type, RexNode value) {
        RelDataType from = value.getType();
        return ROUND.containsKey(type.getSqlTypeName()) && from.getSqlTypeName() == SqlTypeName.DECIMAL
                && from.getScale() > 0;
    }

    /** The whole DECIMAL a DECIMAL with a fraction rounds half up to, with a digit more for the carry. */
    static RelDataType wholeDecimal(RelDataTypeFactory f, RelDataType from) {
        int max = f.getTypeSystem().getMaxNumericPrecision();
        int precision = Math.min(max, from.getPrecision() - from.getScale() + 1);
        return f.createTypeWithNullability(f.createSqlType(SqlTypeName.DECIMAL, precision, 0), from.isNullable());
    }

    private static boolean isRounded(RexNode value) {
        return value instanceof RexCall && (ROUND.containsValue(((RexCall) value).getOperator())
                || ((RexCall) value).getOperator() == TRY_ROUND);
    }

    /** The value a rounding made by {@link #rounded} rounds, or {@code value} itself when it is no such rounding. */
    static RexNode unrounded(RexNode value) {
        return isRounded(value) ? ((RexCall) value).getOperands().get(0) : value;
    }

    /**
     * The value rounded half up to a whole DOUBLE, checked against the range of the integer type it is cast to; for a
     * {@code safe} cast (TRY_CAST) null where it is out of that range, as it is where CAST fails.
     */
    static RexNode rounded(RexBuilder rexBuilder, RexNode value, RelDataType type, boolean safe) {
        RelDataTypeFactory f = rexBuilder.getTypeFactory();
        RelDataType whole = f.createTypeWithNullability(f.createSqlType(SqlTypeName.DOUBLE),
                safe || value.getType().isNullable());
        if (safe) {
            RexNode max = rexBuilder.makeExactLiteral(BigDecimal.valueOf(MAX.get(type.getSqlTypeName())),
                    f.createSqlType(SqlTypeName.BIGINT));
            return rexBuilder.makeCall(whole, TRY_ROUND, List.of(value, max));
        }
        return rexBuilder.makeCall(whole, ROUND.get(type.getSqlTypeName()), List.of(value));
    }

    private static SqlOperator function(String method) {
        return new SqlUserDefinedFunction(new SqlIdentifier(method.toUpperCase(Locale.ROOT),
                SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.DOUBLE_NULLABLE, null, null,
                ScalarFunctionImpl.create(Types.lookupMethod(IntegerCasts.class, method, double.class)));
    }

    // The roundings compiled plans call, one per integer type.

    @Strict
    public static double roundTinyint(double v) {
        return rounded(v, Byte.MIN_VALUE, Byte.MAX_VALUE, "TINYINT");
    }

    @Strict
    public static double roundSmallint(double v) {
        return rounded(v, Short.MIN_VALUE, Short.MAX_VALUE, "SMALLINT");
    }

    @Strict
    public static double roundInteger(double v) {
        return rounded(v, Integer.MIN_VALUE, Integer.MAX_VALUE, "INTEGER");
    }

    @Strict
    public static double roundBigint(double v) {
        return rounded(v, Long.MIN_VALUE, Long.MAX_VALUE, "BIGINT");
    }

    /** {@code v} rounded half up, or null if that is no value of the integer type whose largest is {@code max}. */
    @Strict
    public static Double tryRound(double v, long max) {
        try {
            return rounded(v, -max - 1, max, "an integer type");
        } catch (SqlError e) {
            return null;
        }
    }

    /** {@code v} rounded half up; 22003 if that is not a value of the type (NaN, an infinity, out of range). */
    static double rounded(double v, long min, long max, String type) {
        double a = Math.abs(v);
        double whole = Math.floor(a);
        if (a - whole >= 0.5) {
            whole += 1.0;
        }
        double r = Math.copySign(whole, v);
        // max + 1.0 is exact as a double for every integer type (2^63 for BIGINT, whose max is not), and NaN
        // fails both comparisons.
        if (!(r >= min && r < max + 1.0)) {
            throw new SqlError("22003", "value " + v + " is out of range for " + type);
        }
        return r;
    }
}
