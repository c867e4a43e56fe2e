package dev.mnemo.sql.plan;

import dev.mnemo.sql.exec.MnemoRuntime;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;

import java.util.List;

/**
 * Passes on at most {@code rows} rows of its input and then ends without asking the input for another. Placed
 * under a literal LIMIT whose input reads lazily: Calcite's limit asks its input for one row past the last it
 * keeps, which would make an ordered scan read a whole further chunk of rows (and decode them) only to drop them.
 */
public final class RowsAtMost extends SingleRel implements EnumerableRel {
    private final int rows;

    RowsAtMost(RelNode input, int rows) {
        super(input.getCluster(), input.getTraitSet(), input);
        this.rows = rows;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new RowsAtMost(inputs.get(0), rows);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("rows", rows);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        Result in = implementor.visitChild(this, 0, (EnumerableRel) getInput(), pref);
        BlockBuilder builder = new BlockBuilder();
        Expression input = builder.append("input", in.block);
        builder.add(Expressions.return_(null,
                Expressions.call(MnemoRuntime.class, "atMost", input, Expressions.constant(rows))));
        return implementor.result(in.physType, builder.toBlock());
    }
}
