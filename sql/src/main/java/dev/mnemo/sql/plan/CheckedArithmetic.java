package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.util.List;
import java.util.Map;

/**
 * Rewrites integer arithmetic ({@code + - * /}, unary minus and ABS on SMALLINT, INTEGER and BIGINT) to its
 * checked form, so that a result past its type's range is an error (SQLState 22003) instead of a wrapped value:
 * {@code 2147483647 + 1} fails rather than giving {@code -2147483648}, and so does {@code ABS(-2147483648)}.
 * DECIMAL arithmetic needs no rewrite (its values do not wrap, and a value too large for a column is refused when
 * stored). {@code + - * /} on DOUBLE and REAL become {@link CheckedFloats}', which fail where IEEE would give an
 * infinity from finite operands, or divide by zero.
 * Sums in window aggregates become {@link CheckedSum}'s here; those of other aggregates after planning.
 */
public final class CheckedArithmetic extends RelHomogeneousShuttle {
    /** Checked ABS for each integer type: Calcite has none, and its ABS gives back the smallest value unchanged. */
    private static final Map<SqlTypeName, SqlOperator> ABS = Map.of(
            SqlTypeName.TINYINT, absFunction(byte.class), SqlTypeName.SMALLINT, absFunction(short.class),
            SqlTypeName.INTEGER, absFunction(int.class), SqlTypeName.BIGINT, absFunction(long.class));

    private final Rewriter rewriter;

    public CheckedArithmetic(RexBuilder rexBuilder) {
        this.rewriter = new Rewriter(rexBuilder);
    }

    /** The plan with every integer and floating-point operation checked. */
    public static RelNode apply(RelNode plan, RexBuilder rexBuilder) {
        return plan.accept(new CheckedArithmetic(rexBuilder));
    }

    @Override
    public RelNode visit(RelNode other) {
        return super.visit(other).accept(rewriter);
    }

    private final class Rewriter extends RexShuttle {
        private final RexBuilder rexBuilder;

        Rewriter(RexBuilder rexBuilder) {
            this.rexBuilder = rexBuilder;
        }

        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            RelNode rel = subQuery.rel.accept(CheckedArithmetic.this);
            RexSubQuery same = rel == subQuery.rel ? subQuery : subQuery.clone(rel);
            return super.visitSubQuery(same);
        }

        @Override
        public RexNode visitOver(RexOver over) {
            RexNode visited = super.visitOver(over);
            return visited instanceof RexOver ? CheckedSum.over(rexBuilder, (RexOver) visited) : visited;
        }

        @Override
        public RexNode visitCall(RexCall call) {
            boolean[] changed = {false};
            List<RexNode> operands = visitList(call.operands, changed);
            SqlOperator checked = isInteger(call.getType().getSqlTypeName()) ? checkedFormOf(call) : null;
            if (checked != null) {
                return rexBuilder.makeCall(call.getParserPosition(), call.getType(), checked, operands);
            }
            RexNode floating = CheckedFloats.checked(rexBuilder, call, operands);
            if (floating != null) {
                return floating;
            }
            return changed[0] ? call.clone(call.getType(), operands) : call;
        }
    }

    private static boolean isInteger(SqlTypeName type) {
        return type == SqlTypeName.TINYINT || type == SqlTypeName.SMALLINT || type == SqlTypeName.INTEGER
                || type == SqlTypeName.BIGINT;
    }

    private static SqlOperator checkedFormOf(RexCall call) {
        if (call.getOperator() == SqlStdOperatorTable.ABS) {
            return ABS.get(call.getType().getSqlTypeName());
        }
        switch (call.getKind()) {
            case PLUS: return SqlStdOperatorTable.CHECKED_PLUS;
            case MINUS: return SqlStdOperatorTable.CHECKED_MINUS;
            case TIMES: return SqlStdOperatorTable.CHECKED_MULTIPLY;
            case DIVIDE: return SqlStdOperatorTable.CHECKED_DIVIDE;
            case MINUS_PREFIX: return SqlStdOperatorTable.CHECKED_UNARY_MINUS;
            default: return null;
        }
    }

    private static SqlOperator absFunction(Class<?> type) {
        return new SqlUserDefinedFunction(new SqlIdentifier("ABS", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                ReturnTypes.ARG0, null, null,
                ScalarFunctionImpl.create(Types.lookupMethod(CheckedArithmetic.class, "abs", type)));
    }

    // The absolute values that compiled plans compute: the smallest value of each type has none in the type.

    @Strict
    public static long abs(long v) {
        if (v == Long.MIN_VALUE) {
            throw absOutOfRange(v, "BIGINT");
        }
        return Math.abs(v);
    }

    @Strict
    public static int abs(int v) {
        if (v == Integer.MIN_VALUE) {
            throw absOutOfRange(v, "INTEGER");
        }
        return Math.abs(v);
    }

    @Strict
    public static short abs(short v) {
        if (v == Short.MIN_VALUE) {
            throw absOutOfRange(v, "SMALLINT");
        }
        return (short) Math.abs(v);
    }

    @Strict
    public static byte abs(byte v) {
        if (v == Byte.MIN_VALUE) {
            throw absOutOfRange(v, "TINYINT");
        }
        return (byte) Math.abs(v);
    }

    private static SqlError absOutOfRange(long v, String type) {
        return new SqlError("22003", "ABS(" + v + ") is out of range for " + type);
    }
}
