package dev.mnemo.sql.plan;

import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.TableKind;
import dev.mnemo.engine.TableSchema;
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
import java.util.Arrays;
import java.util.List;

/**
 * A join of a table with rows held as data ({@link MnemoValues}) on the table's key, which is what Calcite makes of
 * an IN list of 20 items or more, reads the table by key lookups of those values (KEY_IN) instead of whole; on the
 * columns of a secondary index, by index lookups (INDEX_IN). A key or index of several columns needs all of them
 * in the join's condition ({@code (a, b) IN ((1, 2), ...)}). Only inner joins and semi-joins, where a table row
 * that matches no value yields nothing, so the rows the lookups skip are rows the join would drop; the join stays,
 * and still decides which rows match.
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
        int[] l = info.leftKeys.toIntArray();
        int[] r = info.rightKeys.toIntArray();
        if (l.length == 0 || narrow(call, join, l, r)) {
            return;
        }
        // Some columns of the condition may not be traced to the table or the values: each alone may still be.
        for (int i = 0; l.length > 1 && i < l.length; i++) {
            if (narrow(call, join, new int[] {l[i]}, new int[] {r[i]})) {
                return;
            }
        }
    }

    /** Offers the join over lookups of the values in columns {@code r} (or {@code l}); whether it could. */
    private static boolean narrow(RelOptRuleCall call, LogicalJoin join, int[] l, int[] r) {
        RelNode left = narrowed(join.getLeft(), l, values(join.getRight(), r, 0), false, 0);
        if (left != null) {
            call.transformTo(join.copy(join.getTraitSet(), join.getCondition(), left, join.getRight(),
                    join.getJoinType(), join.isSemiJoinDone()));
            return true;
        }
        RelNode right = join.getJoinType() == JoinRelType.INNER
                ? narrowed(join.getRight(), r, values(join.getLeft(), l, 0), false, 0) : null;
        if (right != null) {
            call.transformTo(join.copy(join.getTraitSet(), join.getCondition(), join.getLeft(), right,
                    join.getJoinType(), join.isSemiJoinDone()));
            return true;
        }
        return false;
    }

    /** The rows of held data as {@code rel} passes columns {@code cols} on unchanged; else null. */
    static List<List<Operand>> values(RelNode rel, int[] cols, int depth) {
        if (depth > DEPTH_MAX) {
            return null;
        }
        if (rel instanceof RelSubset) {
            for (RelNode r : ((RelSubset) rel).getRelList()) {
                List<List<Operand>> v = values(r, cols, depth + 1);
                if (v != null) {
                    return v;
                }
            }
            return null;
        }
        if (rel instanceof MnemoValues) {
            List<List<Operand>> out = new ArrayList<>();
            for (List<Operand> row : ((MnemoValues) rel).rows()) {
                List<Operand> picked = new ArrayList<>(cols.length);
                for (int c : cols) {
                    picked.add(row.get(c));
                }
                out.add(picked);
            }
            return out;
        }
        int[] in = new int[cols.length];
        if (rel instanceof Aggregate) {
            // Grouping keeps the values (without duplicates, which a lookup skips anyway); aggregates do not.
            Aggregate a = (Aggregate) rel;
            for (int i = 0; i < cols.length; i++) {
                if (cols[i] >= a.getGroupCount() || a.getGroupType() != Aggregate.Group.SIMPLE) {
                    return null;
                }
                in[i] = a.getGroupSet().nth(cols[i]);
            }
            return values(a.getInput(), in, depth + 1);
        }
        if (rel instanceof LogicalProject) {
            for (int i = 0; i < cols.length; i++) {
                RexNode e = ((LogicalProject) rel).getProjects().get(cols[i]);
                if (!(e instanceof RexInputRef)) {
                    return null;
                }
                in[i] = ((RexInputRef) e).getIndex();
            }
            return values(((LogicalProject) rel).getInput(), in, depth + 1);
        }
        return null;
    }

    /**
     * {@code rel} reading its table by lookups of {@code rows}, when its columns {@code cols} (or casts of them that
     * keep their values) hold the table's key or an index's columns, and it reads the whole table; else null. With
     * {@code descending}, an ordered_set's key lookups read from the highest key down (its order is the new rel's).
     */
    static RelNode narrowed(RelNode rel, int[] cols, List<List<Operand>> rows, boolean descending, int depth) {
        if (rows == null || depth > DEPTH_MAX) {
            return null;
        }
        if (rel instanceof RelSubset) {
            for (RelNode r : ((RelSubset) rel).getRelList()) {
                RelNode n = narrowed(r, cols, rows, descending, depth + 1);
                if (n != null) {
                    return n;
                }
            }
            return null;
        }
        if (rel instanceof MnemoTableScan) {
            MnemoTableScan scan = (MnemoTableScan) rel;
            KeyAccess access = scan.access().kind == KeyAccess.Kind.FULL && !scan.access().descending
                    ? lookups(scan.mnemoTable().schema(), cols, rows) : null;
            if (access != null && descending) {
                boolean keyed = access.kind == KeyAccess.Kind.KEY_IN
                        && ScanOrder.walksInOrder(scan.mnemoTable().schema(), access);
                access = keyed ? access.walking(true) : null;
            }
            return access == null ? null : scan.withAccess(access);
        }
        if (rel instanceof LogicalFilter) {
            LogicalFilter f = (LogicalFilter) rel;
            RelNode in = narrowed(f.getInput(), cols, rows, descending, depth + 1);
            return in == null ? null : ScanOrder.keptBy(LogicalFilter.create(in, f.getCondition()));
        }
        if (rel instanceof LogicalProject) {
            LogicalProject p = (LogicalProject) rel;
            int[] in = new int[cols.length];
            for (int i = 0; i < cols.length; i++) {
                in[i] = KeyAccessAnalyzer.column(p.getProjects().get(cols[i]), true);
                if (in[i] < 0) {
                    return null;
                }
            }
            RelNode input = narrowed(p.getInput(), in, rows, descending, depth + 1);
            return input == null ? null
                    : ScanOrder.keptBy(LogicalProject.create(input, p.getHints(), p.getProjects(), p.getRowType()));
        }
        return null;
    }

    /** Key lookups if {@code cols} cover the key, else lookups of an index they cover (unique first); or null. */
    private static KeyAccess lookups(TableSchema s, int[] cols, List<List<Operand>> rows) {
        List<List<Operand>> keys = points(s.keyPositions(), cols, rows);
        if (keys != null) {
            return KeyAccess.in(null, keys);
        }
        KeyAccess best = null;
        List<IndexDef> ixs = s.indexes();
        for (int i = 0; i < ixs.size(); i++) {
            List<List<Operand>> values = points(s.indexPositions(i), cols, rows);
            if (values != null && (best == null || ixs.get(i).isUnique())) {
                best = KeyAccess.in(ixs.get(i).name(), values);
                if (ixs.get(i).isUnique()) {
                    return best;
                }
            }
        }
        int[] key = s.keyPositions();
        for (int n = key.length - 1; n >= 1 && s.kind() == TableKind.ORDERED_SET; n--) {
            // Leading columns of an ordered_set's key: a range of keys per value.
            List<List<Operand>> prefixes = points(Arrays.copyOf(key, n), cols, rows);
            if (prefixes != null) {
                return KeyAccess.in(null, prefixes);
            }
        }
        return best;
    }

    /** The rows' values of the columns at {@code positions}, in that order; null if {@code cols} lacks one. */
    private static List<List<Operand>> points(int[] positions, int[] cols, List<List<Operand>> rows) {
        int[] at = new int[positions.length];
        for (int p = 0; p < positions.length; p++) {
            at[p] = -1;
            for (int i = 0; i < cols.length && at[p] < 0; i++) {
                at[p] = cols[i] == positions[p] ? i : -1;
            }
            if (at[p] < 0) {
                return null;
            }
        }
        List<List<Operand>> out = new ArrayList<>(rows.size());
        for (List<Operand> row : rows) {
            List<Operand> point = new ArrayList<>(at.length);
            for (int i : at) {
                point.add(row.get(i));
            }
            out.add(point);
        }
        return out;
    }
}
