package dev.mnemo.sql.plan;

import dev.mnemo.sql.exec.MnemoRuntime;
import dev.mnemo.sql.exec.ValuesSpec;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;

import java.util.List;

/**
 * Rows of constants and parameters, as a VALUES clause or an IN list gives them, held as data: the compiled plan
 * stashes them and calls {@link MnemoRuntime#values}. Calcite's own VALUES generates code for every row, and a
 * few thousand rows outgrow the JVM's 64 KB limit on a method; this compiles to the same code for any number.
 */
public final class MnemoValues extends AbstractRelNode implements EnumerableRel {
    /** Rows shown in a plan's text; the rest are counted. */
    private static final int SHOWN_ROWS = 8;

    private final List<List<Operand>> rows;

    MnemoValues(RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, List<List<Operand>> rows) {
        super(cluster, traits);
        this.rowType = rowType;
        this.rows = List.copyOf(rows);
    }

    static MnemoValues create(RelOptCluster cluster, RelDataType rowType, List<List<Operand>> rows) {
        return new MnemoValues(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), rowType, rows);
    }

    /** Rows held as data, as the statement's converter makes them of a long IN list. */
    public static MnemoValues of(RelOptCluster cluster, RelDataType rowType, List<List<Operand>> rows) {
        return create(cluster, rowType, rows);
    }

    public List<List<Operand>> rows() {
        return rows;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new MnemoValues(getCluster(), traitSet, rowType, rows);
    }

    @Override
    protected RelDataType deriveRowType() {
        return rowType;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        // The planner tells relational expressions apart by their row types and these items' equality, so the
        // rows go in whole.
        return super.explainTerms(pw).item("rows", new Shown(rows));
    }

    /** All the rows, for equality; the first few and a count, for the plan's text. */
    private record Shown(List<List<Operand>> rows) {
        @Override
        public String toString() {
            List<List<Operand>> first = rows.subList(0, Math.min(rows.size(), SHOWN_ROWS));
            return rows.size() + " " + first + (rows.size() > SHOWN_ROWS ? "…" : "");
        }
    }

    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        return rows.size();
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double n = rows.size();
        return planner.getCostFactory().makeCost(n, n + 1, 0);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), pref.preferArray());
        ValuesSpec spec = new ValuesSpec(rows, physType.getFormat() == JavaRowFormat.SCALAR);
        Expression specRef = implementor.stash(spec, ValuesSpec.class);
        Expression call = Expressions.call(MnemoRuntime.class, "values", implementor.getRootExpression(), specRef);
        return implementor.result(physType, Blocks.toBlock(call));
    }
}
