package dev.mnemo.sql.plan;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A join of a table with rows held as data ({@link MnemoValues}) on the table's key, which is what Calcite makes of
 * an IN list of 20 items or more, reads the table by key lookups of those values (KEY_IN) instead of whole. Only
 * inner joins and semi-joins, where a table row that matches no value yields nothing, so the rows the lookups
 * skip are rows the join would drop; the join stays, and still decides which rows match.
 */
@SuppressWarnings("deprecation")
final class KeyInFromValues extends RelOptRule {
    /** How deep under the join the table and the values are looked for (through projections, filters, DISTINCT). */
    private static final int DEPTH_MAX = 6;

    KeyInFromValues() {
        super(operand(LogicalJoin.class, any()), "MnemoKeyInFromValuesRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalJoin join = call.rel(0);
        JoinRelType type = join.getJoinType();
        if (type != JoinRelType.INNER && type != JoinRelType.SEMI) {
            return;
        }
        JoinInfo info = join.analyzeCondition();
        for (int i = 0; i < info.leftKeys.size(); i++) {
            int l = info.leftKeys.get(i);
            int r = info.rightKeys.get(i);
            RelNode left = narrowed(join.getLeft(), l, values(join.getRight(), r, 0), 0);
            if (left != null) {
                call.transformTo(join.copy(join.getTraitSet(), join.getCondition(), left, join.getRight(), type,
                        join.isSemiJoinDone()));
                return;
            }
            RelNode right = type == JoinRelType.INNER
                    ? narrowed(join.getRight(), r, values(join.getLeft(), l, 0), 0) : null;
            if (right != null) {
                call.transformTo(join.copy(join.getTraitSet(), join.getCondition(), join.getLeft(), right, type,
                        join.isSemiJoinDone()));
                return;
            }
        }
    }

    /** The values of column {@code col} of held rows, as {@code rel} passes them on unchanged; else null. */
    private static List<Operand> values(RelNode rel, int col, int depth) {
        if (depth > DEPTH_MAX) {
            return null;
        }
        if (rel instanceof RelSubset) {
            for (RelNode r : ((RelSubset) rel).getRelList()) {
                List<Operand> v = values(r, col, depth + 1);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
        if (rel instanceof MnemoValues) {
            List<Operand> out = new ArrayList<>();
            for (List<Operand> row : ((MnemoValues) rel).rows()) {
                out.add(row.get(col));
            }
            return out;
        }
        if (rel instanceof Aggregate) {
            // Grouping keeps the values (without duplicates, which a lookup skips anyway); aggregates do not.
            Aggregate a = (Aggregate) rel;
            return col < a.getGroupCount() && a.getGroupType() == Aggregate.Group.SIMPLE
                    ? values(a.getInput(), a.getGroupSet().nth(col), depth + 1) : null;
        }
        if (rel instanceof LogicalProject) {
            RexNode e = ((LogicalProject) rel).getProjects().get(col);
            return e instanceof RexInputRef
                    ? values(((LogicalProject) rel).getInput(), ((RexInputRef) e).getIndex(), depth + 1) : null;
        }
        return null;
    }

    /**
     * {@code rel} reading its table by lookups of {@code keys}, when its column {@code col} is the table's
     * single-column key (or a cast of it that keeps its values) and it reads the whole table; else null.
     */
    private static RelNode narrowed(RelNode rel, int col, List<Operand> keys, int depth) {
        if (keys == null || depth > DEPTH_MAX) {
            return null;
        }
        if (rel instanceof RelSubset) {
            for (RelNode r : ((RelSubset) rel).getRelList()) {
                RelNode n = narrowed(r, col, keys, depth + 1);
                if (n != null) {
                    return n;
                }
            }
            return null;
        }
        if (rel instanceof MnemoTableScan) {
            MnemoTableScan scan = (MnemoTableScan) rel;
            int[] key = scan.mnemoTable().schema().keyPositions();
            if (scan.access().kind != KeyAccess.Kind.FULL || key.length != 1 || key[0] != col) {
                return null;
            }
            return scan.withAccess(new KeyAccess(KeyAccess.Kind.KEY_IN, null, List.of(), null, false, null, false,
                    keys));
        }
        if (rel instanceof LogicalFilter) {
            LogicalFilter f = (LogicalFilter) rel;
            RelNode in = narrowed(f.getInput(), col, keys, depth + 1);
            return in == null ? null : LogicalFilter.create(in, f.getCondition());
        }
        if (rel instanceof LogicalProject) {
            LogicalProject p = (LogicalProject) rel;
            int c = KeyAccessAnalyzer.column(p.getProjects().get(col), true);
            RelNode in = c < 0 ? null : narrowed(p.getInput(), c, keys, depth + 1);
            return in == null ? null : LogicalProject.create(in, p.getHints(), p.getProjects(), p.getRowType());
        }
        return null;
    }
}
