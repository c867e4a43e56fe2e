package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.adapter.enumerable.AggAddContext;
import org.apache.calcite.adapter.enumerable.AggContext;
import org.apache.calcite.adapter.enumerable.AggImplementor;
import org.apache.calcite.adapter.enumerable.AggResultContext;
import org.apache.calcite.adapter.enumerable.EnumUtils;
import org.apache.calcite.adapter.enumerable.StrictAggImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexWindow;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableAggFunction;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedAggFunction;
import org.apache.calcite.util.Optionality;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code SUM} of integers that fails with SQLState 22003 when the total is past the range of its type, where
 * Calcite's adds with Java's {@code +} and wraps. The total is kept exactly (a 64-bit sum and how many times it
 * wrapped), so it does not depend on the order of the rows: values that pass the range on the way and come back
 * give the right total. {@code SUM} of DOUBLE or REAL values fails with 22003 where Calcite's running total would
 * overflow to an infinity ({@link FloatImplementor}). Calcite turns SUM and AVG into {@code $SUM0} and COUNT as it plans; {@link #apply}
 * replaces the sums of the chosen plan's aggregates, and {@link #over} those of window aggregates, which must be
 * replaced before planning.
 */
public final class CheckedSum {
    private static final Method CARRY = Types.lookupMethod(CheckedSum.class, "carry", long.class, long.class);
    private static final Method TOTAL = Types.lookupMethod(CheckedSum.class, "total", long.class, long.class,
            long.class, long.class, String.class);

    /** SUM, null over no rows. */
    private static final SqlAggFunction SUM = function("SUM", true, false);
    /** {@code $SUM0}, 0 over no rows. */
    private static final SqlAggFunction SUM0 = function("$SUM0", false, false);
    /** SUM of DOUBLE or REAL values, null over no rows. */
    private static final SqlAggFunction FLOAT_SUM = function("SUM", true, true);
    /** {@code $SUM0} of DOUBLE or REAL values, 0 over no rows. */
    private static final SqlAggFunction FLOAT_SUM0 = function("$SUM0", false, true);

    private CheckedSum() {
    }

    private static SqlAggFunction function(String name, boolean nullOverNoRows, boolean floating) {
        ImplementableAggFunction f = new ImplementableAggFunction() {
            @Override
            public AggImplementor getImplementor(boolean windowContext) {
                return floating ? new FloatImplementor() : new Implementor();
            }

            @Override
            public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
                return typeFactory.createSqlType(floating ? SqlTypeName.DOUBLE : SqlTypeName.BIGINT);
            }

            @Override
            public List<FunctionParameter> getParameters() {
                return List.of();
            }
        };
        return new SqlUserDefinedAggFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                nullOverNoRows ? ReturnTypes.AGG_SUM : ReturnTypes.AGG_SUM_EMPTY_IS_ZERO, null, null, f, false, false,
                Optionality.FORBIDDEN);
    }

    /** The checked form of a sum of integers, or of DOUBLE or REAL values; null for any other aggregate. */
    private static SqlAggFunction checkedFormOf(SqlAggFunction f, RelDataType type) {
        if (CheckedFloats.isFloating(type.getSqlTypeName())) {
            return f.getKind() == SqlKind.SUM ? FLOAT_SUM : f.getKind() == SqlKind.SUM0 ? FLOAT_SUM0 : null;
        }
        if (!isInteger(type.getSqlTypeName())) {
            return null;
        }
        return f.getKind() == SqlKind.SUM ? SUM : f.getKind() == SqlKind.SUM0 ? SUM0 : null;
    }

    private static boolean isInteger(SqlTypeName type) {
        return type == SqlTypeName.TINYINT || type == SqlTypeName.SMALLINT || type == SqlTypeName.INTEGER
                || type == SqlTypeName.BIGINT;
    }

    /** The physical plan with every sum of integers, DOUBLE or REAL values of its aggregates checked. */
    public static RelNode apply(RelNode plan) {
        return PlanRewrite.bottomUp(plan, CheckedSum::checkSums);
    }

    private static RelNode checkSums(RelNode rel) {
        if (!(rel instanceof Aggregate)) {
            return rel;
        }
        Aggregate agg = (Aggregate) rel;
        List<AggregateCall> calls = new ArrayList<>();
        boolean checked = false;
        for (AggregateCall c : agg.getAggCallList()) {
            SqlAggFunction f = checkedFormOf(c.getAggregation(), c.getType());
            checked |= f != null;
            calls.add(f == null ? c : AggregateCall.create(c.getParserPosition(), f, c.isDistinct(),
                    c.isApproximate(), c.ignoreNulls(), c.rexList, c.getArgList(), c.filterArg, c.distinctKeys,
                    c.getCollation(), c.getType(), c.getName()));
        }
        return checked ? agg.copy(agg.getTraitSet(), agg.getInput(), agg.getGroupSet(), agg.getGroupSets(), calls)
                : agg;
    }

    /** A window aggregate, checked if it is a sum of integers, DOUBLE or REAL values. */
    static RexNode over(RexBuilder rexBuilder, RexOver over) {
        SqlAggFunction f = checkedFormOf(over.getAggOperator(), over.getType());
        if (f == null) {
            return over;
        }
        RexWindow w = over.getWindow();
        return rexBuilder.makeOver(over.getType(), f, over.getOperands(), w.partitionKeys, w.orderKeys,
                w.getLowerBound(), w.getUpperBound(), w.getExclude(), w.isRows(), true, false, over.isDistinct(),
                over.ignoreNulls());
    }

    /**
     * Adds as Calcite's SUM does, and also counts how often the 64-bit sum wrapped. The state is the sum and that
     * count: the true total is {@code sum + carry * 2^64}, which is within BIGINT exactly when the carry is 0.
     */
    private static final class Implementor extends StrictAggImplementor {
        @Override
        public List<Type> getNotNullState(AggContext info) {
            return List.of(long.class, long.class);
        }

        @Override
        protected void implementNotNullAdd(AggContext info, AggAddContext add) {
            Expression sum = add.accumulator().get(0);
            Expression carry = add.accumulator().get(1);
            Expression v = add.currentBlock().append("v", EnumUtils.convert(add.arguments().get(0), long.class));
            accAdvance(add, carry, Expressions.add(carry, Expressions.call(CARRY, sum, v)));
            accAdvance(add, sum, Expressions.add(sum, v));
        }

        @Override
        protected Expression implementNotNullResult(AggContext info, AggResultContext result) {
            SqlTypeName type = info.returnRelType().getSqlTypeName();
            long[] range = range(type);
            // A long within the result's range: StrictAggImplementor narrows it to the result's Java type.
            return Expressions.call(TOTAL, result.accumulator().get(0), result.accumulator().get(1),
                    Expressions.constant(range[0]), Expressions.constant(range[1]),
                    Expressions.constant(type.getName()));
        }

        private static long[] range(SqlTypeName type) {
            switch (type) {
                case TINYINT: return new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
                case SMALLINT: return new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
                case INTEGER: return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
                default: return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
            }
        }
    }

    /**
     * Adds DOUBLE or REAL values in the order they come, as Calcite's SUM does, with {@link CheckedFloats}' addition:
     * a running total that overflows to an infinity though the values added are finite fails with 22003. (A floating
     * total depends on the order of its values anyway; values that are infinities or NaN give what IEEE gives.)
     */
    private static final class FloatImplementor extends StrictAggImplementor {
        @Override
        public List<Type> getNotNullState(AggContext info) {
            return List.of(javaType(info));
        }

        @Override
        protected void implementNotNullAdd(AggContext info, AggAddContext add) {
            Expression sum = add.accumulator().get(0);
            Expression v = EnumUtils.convert(add.arguments().get(0), javaType(info));
            accAdvance(add, sum, Expressions.call(CheckedFloats.plus(javaType(info)), sum, v));
        }

        @Override
        protected Expression implementNotNullResult(AggContext info, AggResultContext result) {
            return result.accumulator().get(0);
        }

        private static Class<?> javaType(AggContext info) {
            return info.returnRelType().getSqlTypeName() == SqlTypeName.REAL ? float.class : double.class;
        }
    }

    /** How far {@code sum + v} wraps around the range of long: +1 past its top, -1 past its bottom, else 0. */
    public static long carry(long sum, long v) {
        long r = sum + v;
        if (((sum ^ r) & (v ^ r)) >= 0) {
            return 0;
        }
        return v < 0 ? -1 : 1;
    }

    /** The total {@code sum + carry * 2^64}; an error (22003) unless it lies in {@code [min, max]}. */
    public static long total(long sum, long carry, long min, long max, String type) {
        if (carry != 0 || sum < min || sum > max) {
            BigInteger total = BigInteger.valueOf(carry).shiftLeft(64).add(BigInteger.valueOf(sum));
            throw new SqlError("22003", "SUM out of range: the total " + total + " is not a " + type);
        }
        return sum;
    }
}
