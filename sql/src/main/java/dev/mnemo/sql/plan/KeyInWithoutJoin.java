package dev.mnemo.sql.plan;

import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.ImmutableBitSet;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A long IN list on a table's key ({@code id IN (1, 2, ...)} of 20 items or more, which Calcite makes an inner join
 * with the list's distinct values) reads the table by key lookups of the values (KEY_IN) with no join: in key order
 * either way on an ordered_set, so ORDER BY the key needs no sort and a LIMIT stops the lookups early. Only where the
 * lookups give exactly the rows the join would keep: a projection of the table's columns only over a join on
 * equalities of bare columns, all the key's (or leading ones of an ordered_set's key), whose values are distinct (so
 * no row is repeated) and of the same type as the table's column, a type whose stored value is the value itself or
 * none (integers, VARCHAR). NULL values and duplicates then match nothing more than the join does: a lookup skips
 * NULLs, values the column cannot hold, and repeats.
 */
@SuppressWarnings("deprecation")
final class KeyInWithoutJoin extends RelOptRule {
    /** Types whose values a key lookup finds exactly when SQL's equality does (no rounding, padding or -0.0). */
    private static final Set<SqlTypeName> EXACT = EnumSet.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
            SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.VARCHAR);

    KeyInWithoutJoin() {
        super(operand(LogicalProject.class, operand(LogicalJoin.class, any())), "MnemoKeyInWithoutJoinRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalProject project = call.rel(0);
        LogicalJoin join = call.rel(1);
        int leftColumns = join.getLeft().getRowType().getFieldCount();
        if (join.getJoinType() != JoinRelType.INNER
                || !RelOptUtil.InputFinder.bits(project.getProjects(), null).asList().stream()
                .allMatch(i -> i < leftColumns)) {
            return;
        }
        JoinInfo info = join.analyzeCondition();
        int[] l = info.leftKeys.toIntArray();
        int[] r = info.rightKeys.toIntArray();
        if (l.length == 0 || !info.isEqui() || !exactTypes(join, l, r)) {
            return;
        }
        if (!Boolean.TRUE.equals(call.getMetadataQuery().areColumnsUnique(join.getRight(), ImmutableBitSet.of(r)))) {
            return; // each table row would join once per repeat of its key's value
        }
        List<List<Operand>> values = KeyInFromValues.values(join.getRight(), r, 0);
        for (boolean descending : new boolean[] {false, true}) {
            RelNode left = KeyInFromValues.narrowed(join.getLeft(), l, values, descending, 0);
            if (left != null && readsByKey(left, l.length)) {
                // A projection that changes nothing is left out: the planner merges the ascending lookups with such a
                // projection over them, so a sort over them would cost as many rows as the projection kept over the
                // descending ones, and win the tie.
                call.transformTo(RexUtil.isIdentity(project.getProjects(), left.getRowType()) ? left
                        : ScanOrder.keptBy(LogicalProject.create(left, project.getHints(),
                        project.getProjects(), project.getRowType())));
            }
        }
    }

    /**
     * Whether each pair of equal columns is of one type whose values a lookup finds as the join's equality does. An
     * equality by IS NOT DISTINCT FROM is one too: the lookups are of key columns (see {@link #readsByKey}), which
     * hold no NULL.
     */
    private static boolean exactTypes(LogicalJoin join, int[] l, int[] r) {
        for (int i = 0; i < l.length; i++) {
            SqlTypeName t = join.getLeft().getRowType().getFieldList().get(l[i]).getType().getSqlTypeName();
            if (!EXACT.contains(t)
                    || t != join.getRight().getRowType().getFieldList().get(r[i]).getType().getSqlTypeName()) {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether the narrowed rel reads its table by key lookups (not through an index) of values of all the {@code
     * columns} equal in the join: a column the lookups leave out (not the key's) is one only the join tests.
     */
    private static boolean readsByKey(RelNode rel, int columns) {
        while (!(rel instanceof MnemoTableScan)) {
            rel = rel.getInput(0);
        }
        KeyAccess access = ((MnemoTableScan) rel).access();
        return access.kind == KeyAccess.Kind.KEY_IN
                && (access.points.isEmpty() || access.points.get(0).size() == columns);
    }
}
