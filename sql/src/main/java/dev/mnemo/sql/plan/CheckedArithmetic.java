package dev.mnemo.sql.plan;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.List;

/**
 * Rewrites integer arithmetic ({@code + - * /} and unary minus on SMALLINT, INTEGER and BIGINT) to its checked
 * form, so that a result past its type's range is an error (SQLState 22003) instead of a wrapped value:
 * {@code 2147483647 + 1} fails rather than giving {@code -2147483648}. DECIMAL arithmetic needs no rewrite (its
 * values do not wrap, and a value too large for a column is refused when stored); DOUBLE and REAL follow IEEE.
 * Sums of integers in window aggregates become {@link CheckedSum}'s here; those of other aggregates after planning.
 */
public final class CheckedArithmetic extends RelHomogeneousShuttle {
    private final Rewriter rewriter;

    public CheckedArithmetic(RexBuilder rexBuilder) {
        this.rewriter = new Rewriter(rexBuilder);
    }

    /** The plan with every integer operation checked. */
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
            return changed[0] ? call.clone(call.getType(), operands) : call;
        }
    }

    private static boolean isInteger(SqlTypeName type) {
        return type == SqlTypeName.TINYINT || type == SqlTypeName.SMALLINT || type == SqlTypeName.INTEGER
                || type == SqlTypeName.BIGINT;
    }

    private static SqlOperator checkedFormOf(RexCall call) {
        switch (call.getKind()) {
            case PLUS: return SqlStdOperatorTable.CHECKED_PLUS;
            case MINUS: return SqlStdOperatorTable.CHECKED_MINUS;
            case TIMES: return SqlStdOperatorTable.CHECKED_MULTIPLY;
            case DIVIDE: return SqlStdOperatorTable.CHECKED_DIVIDE;
            case MINUS_PREFIX: return SqlStdOperatorTable.CHECKED_UNARY_MINUS;
            default: return null;
        }
    }
}
