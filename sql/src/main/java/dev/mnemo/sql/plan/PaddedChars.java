package dev.mnemo.sql.plan;

import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.fun.SqlTrimFunction;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A CHAR(n) value made a VARCHAR loses the spaces that pad it, as in PostgreSQL: {@code 'ab'} stored in a
 * CHAR(5) column is {@code 'ab   '}, and as a VARCHAR it is {@code 'ab'} again. Calcite makes it a VARCHAR to
 * compare it with one ({@code c = v}, {@code c IN (...)}, a join's or a MERGE's {@code ON}, {@code v IN (SELECT
 * c ...)}) and kept the spaces, so those comparisons missed the rows that {@code c = 'ab'} finds; a comparison it
 * makes without a cast ({@code c < v}) drops them too. A text literal keeps its spaces: Calcite types it as a
 * CHAR, but it is the text written. So do the values a statement writes, as they did: the engine pads a CHAR
 * column's and checks the length of a VARCHAR column's. Key and index lookups see through the trim ({@link
 * #paddedColumn}): the engine pads the value looked up as it pads the values it stores.
 */
public final class PaddedChars extends RelHomogeneousShuttle {
    private final Rewriter rewriter;

    private PaddedChars(RexBuilder rexBuilder) {
        this.rewriter = new Rewriter(rexBuilder);
    }

    /** The plan with every CHAR value made a VARCHAR, or compared with one, without its padding. */
    public static RelNode apply(RelNode plan, RexBuilder rexBuilder) {
        PaddedChars unpad = new PaddedChars(rexBuilder);
        if (plan instanceof TableModify && plan.getInput(0) instanceof Project) {
            RelNode written = plan.getInput(0);
            RelNode read = written.getInput(0).accept(unpad);
            return read == written.getInput(0) ? plan : plan.copy(plan.getTraitSet(),
                    List.of(written.copy(written.getTraitSet(), List.of(read))));
        }
        return plan.accept(unpad);
    }

    @Override
    public RelNode visit(RelNode other) {
        return super.visit(other).accept(rewriter);
    }

    /** The column of a CHAR without its padding ({@code TRIM(TRAILING ' ' FROM col)}, perhaps cast), else null. */
    static RexInputRef paddedColumn(RexNode n) {
        if (n.getKind() == SqlKind.CAST) {
            n = ((RexCall) n).getOperands().get(0);
        }
        if (n.getKind() != SqlKind.TRIM) {
            return null;
        }
        RexNode value = ((RexCall) n).getOperands().get(2);
        return value instanceof RexInputRef && isChar(value) ? (RexInputRef) value : null;
    }

    private static boolean isChar(RexNode n) {
        return n.getType().getSqlTypeName() == SqlTypeName.CHAR;
    }

    private static boolean isVarchar(RexNode n) {
        return n.getType().getSqlTypeName() == SqlTypeName.VARCHAR;
    }

    /** A CHAR value that is not a literal: its trailing spaces are padding. */
    private static boolean isPadded(RexNode n) {
        return isChar(n) && !(n instanceof RexLiteral);
    }

    private static boolean isComparison(SqlKind kind) {
        return kind.belongsTo(SqlKind.BINARY_COMPARISON) || kind == SqlKind.IS_DISTINCT_FROM
                || kind == SqlKind.IS_NOT_DISTINCT_FROM;
    }

    private final class Rewriter extends RexShuttle {
        private final RexBuilder rex;

        Rewriter(RexBuilder rex) {
            this.rex = rex;
        }

        @Override
        public RexNode visitSubQuery(RexSubQuery subQuery) {
            RelNode rel = subQuery.rel.accept(PaddedChars.this);
            RexSubQuery q = (RexSubQuery) super.visitSubQuery(rel == subQuery.rel ? subQuery : subQuery.clone(rel));
            SqlKind kind = q.getKind();
            return kind == SqlKind.IN || kind == SqlKind.SOME || kind == SqlKind.ALL ? unpaddedColumns(q) : q;
        }

        /**
         * {@code v IN (SELECT c ...)} (or {@code = ANY}, {@code = ALL}): the planner makes the comparison later,
         * of the operands with the subquery's columns, so the side that is a CHAR is unpadded here.
         */
        private RexSubQuery unpaddedColumns(RexSubQuery q) {
            List<RexNode> operands = new ArrayList<>(q.getOperands());
            List<RexNode> columns = new ArrayList<>();
            boolean changed = false;
            for (int i = 0; i < q.rel.getRowType().getFieldCount(); i++) {
                RexNode column = rex.makeInputRef(q.rel, i);
                RexNode operand = i < operands.size() ? operands.get(i) : null;
                if (operand != null && isPadded(operand) && isVarchar(column)) {
                    operands.set(i, unpadded(operand));
                    changed = true;
                } else if (operand != null && isVarchar(operand) && isChar(column)) {
                    column = unpadded(column);
                    changed = true;
                }
                columns.add(column);
            }
            if (!changed) {
                return q;
            }
            RelNode rel = LogicalProject.create(q.rel, List.of(), columns, q.rel.getRowType().getFieldNames(),
                    Set.of());
            return q.clone(q.getType(), operands).clone(rel);
        }

        @Override
        public RexNode visitCall(RexCall call) {
            RexCall c = (RexCall) super.visitCall(call);
            List<RexNode> in = c.getOperands();
            if (c.getKind() == SqlKind.CAST && c.getType().getSqlTypeName() == SqlTypeName.VARCHAR
                    && isPadded(in.get(0))) {
                return rex.makeCast(c.getType(), unpadded(in.get(0)), true, false);
            }
            if (isComparison(c.getKind()) && in.size() == 2 && isPadded(in.get(0)) != isPadded(in.get(1))
                    && (isVarchar(in.get(0)) || isVarchar(in.get(1)))) {
                List<RexNode> operands = new ArrayList<>();
                for (RexNode o : in) {
                    operands.add(isPadded(o) ? unpadded(o) : o);
                }
                return c.clone(c.getType(), operands);
            }
            return c;
        }

        private RexNode unpadded(RexNode n) {
            return rex.makeCall(SqlStdOperatorTable.TRIM, rex.makeFlag(SqlTrimFunction.Flag.TRAILING),
                    rex.makeLiteral(" "), n);
        }
    }
}
