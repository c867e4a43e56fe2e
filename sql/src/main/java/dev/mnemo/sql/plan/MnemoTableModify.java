package dev.mnemo.sql.plan;

import dev.mnemo.sql.exec.ModifySpec;
import dev.mnemo.sql.exec.MnemoRuntime;
import dev.mnemo.sql.schema.MnemoTable;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;

import java.util.ArrayList;
import java.util.List;

/**
 * INSERT, UPSERT, UPDATE, DELETE and MERGE on a Mnemo table: the input's rows are applied through the statement's
 * transaction by {@link MnemoRuntime#modify}, which returns the count of rows changed. Calcite's own
 * ModifiableTable path is not used: it cannot update or delete rows it does not hold as Java collections.
 */
public final class MnemoTableModify extends TableModify implements EnumerableRel {
    private final boolean upsert;

    MnemoTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, Prepare.CatalogReader reader,
                     RelNode input, Operation operation, List<String> updateColumns, List<RexNode> sourceExpressions,
                     boolean flattened, boolean upsert) {
        super(cluster, traits, table, reader, input, operation, updateColumns, sourceExpressions, flattened);
        this.upsert = upsert;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new MnemoTableModify(getCluster(), traitSet, getTable(), getCatalogReader(), sole(inputs),
                getOperation(), getUpdateColumnList(), getSourceExpressionList(), isFlattened(), upsert);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).itemIf("upsert", true, upsert);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        MnemoTable table = getTable().unwrapOrThrow(MnemoTable.class);
        Result child = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        List<Integer> updated = new ArrayList<>();
        if (getUpdateColumnList() != null) {
            for (String c : getUpdateColumnList()) {
                updated.add(table.schema().position(c));
            }
        }
        List<String> fields = getInput().getRowType().getFieldNames();
        ModifySpec spec = new ModifySpec(table.schema(), getOperation(), upsert, updated, fields.size(),
                child.physType.getFormat() == JavaRowFormat.SCALAR, table.identityPosition(),
                getOperation() == Operation.MERGE && fields.get(fields.size() - 1).equals(ModifySpec.ACTION));
        BlockBuilder b = new BlockBuilder();
        Expression input = b.append("input", child.block);
        Expression specRef = implementor.stash(spec, ModifySpec.class);
        b.add(Expressions.return_(null,
                Expressions.call(MnemoRuntime.class, "modify", implementor.getRootExpression(), specRef, input)));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
                pref.prefer(JavaRowFormat.SCALAR));
        return implementor.result(physType, b.toBlock());
    }
}
