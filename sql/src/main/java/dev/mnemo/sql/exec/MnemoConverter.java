package dev.mnemo.sql.exec;

import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;

import java.util.List;
import java.util.Set;

/**
 * Calcite's SQL-to-relational converter, with two changes. A long IN list held as data
 * ({@link HeldInLists.Held}) becomes its rows. And the joins of a MERGE keep their conditions whole: Calcite
 * pushes an expression of an equality ({@code t.x = s.a} where {@code s.a} needs a cast, {@code t.x + 1 = s.a + 1})
 * into a new column of the join's input, and then lays out the MERGE's rows as if the source had only its own
 * columns, so the target row it hands on lost a column and the MERGE was refused (0A000). The planner may still
 * push those expressions down once the MERGE's rows are laid out.
 */
final class MnemoConverter extends SqlToRelConverter {
    private boolean merging;

    MnemoConverter(RelOptTable.ViewExpander views, SqlValidator validator, Prepare.CatalogReader reader,
                   RelOptCluster cluster, SqlRexConvertletTable convertlets, Config config) {
        super(views, validator, reader, cluster, convertlets, config);
    }

    @Override
    protected RelRoot convertQueryRecursive(SqlNode query, boolean top, RelDataType targetRowType) {
        if (query instanceof HeldInLists.Held) {
            return RelRoot.of(((HeldInLists.Held) query).toRel(cluster), SqlKind.VALUES);
        }
        boolean outer = merging;
        merging = outer || query.getKind() == SqlKind.MERGE;
        try {
            return super.convertQueryRecursive(query, top, targetRowType);
        } finally {
            merging = outer;
        }
    }

    @Override
    protected RelNode createJoin(Blackboard bb, RelNode left, RelNode right, RexNode condition, JoinRelType type) {
        RelNode joined = super.createJoin(bb, left, right, condition, type);
        if (!merging || joined instanceof Join) {
            return joined; // not a MERGE, or nothing pushed down (a correlation is no Project either)
        }
        int width = left.getRowType().getFieldCount() + right.getRowType().getFieldCount();
        boolean pushed = joined.getInputs().size() == 1 && joined.getInput(0) instanceof Join
                && joined.getInput(0).getRowType().getFieldCount() > width;
        return pushed ? LogicalJoin.create(left, right, List.of(), condition, Set.of(), type) : joined;
    }
}
