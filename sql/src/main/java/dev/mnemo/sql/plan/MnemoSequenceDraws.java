package dev.mnemo.sql.plan;

import dev.mnemo.sql.exec.MnemoRuntime;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;

import java.util.Arrays;
import java.util.List;

/**
 * Its input's rows, each with one value drawn from each of some sequences after its columns: drawn once when the
 * row is reached ({@link MnemoRuntime#drawPerRow}), however often the row is then read. Calcite's Calc computes a
 * row's values again on every read of it, which would draw again. See {@link SequenceDraws}.
 */
final class MnemoSequenceDraws extends SingleRel implements EnumerableRel {
    private final List<String> sequences;
    /** The input column that tells a MERGE's matched rows (not null) from its unmatched ones, or -1. */
    private final int guard;
    /** For each sequence, when it draws: {@link MnemoRuntime#DRAW_ALWAYS}, {@code _UNMATCHED} or {@code _MATCHED}. */
    private final int[] when;
    /** Whether the guard is the action of each row of a MERGE of several clauses, not a column of its target. */
    private final boolean byAction;

    /** {@code rowType} is the input's columns, then one column of each sequence's type. */
    MnemoSequenceDraws(RelTraitSet traits, RelNode input, List<String> sequences, RelDataType rowType) {
        this(traits, input, sequences, rowType, -1, new int[sequences.size()], false);
    }

    /** As the other constructor, drawing each sequence only for the rows {@code when} says (see {@link #when}). */
    MnemoSequenceDraws(RelTraitSet traits, RelNode input, List<String> sequences, RelDataType rowType, int guard,
                       int[] when, boolean byAction) {
        super(input.getCluster(), traits, input);
        this.sequences = List.copyOf(sequences);
        this.rowType = rowType;
        this.guard = guard;
        this.when = when.clone();
        this.byAction = byAction;
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new MnemoSequenceDraws(traitSet, sole(inputs), sequences, rowType, guard, when, byAction);
    }

    /** This node, drawing each sequence only for the rows {@code when} says, told apart by column {@code guard}. */
    MnemoSequenceDraws guarded(int guard, int[] when) {
        return new MnemoSequenceDraws(getTraitSet(), getInput(), sequences, rowType, guard, when, false);
    }

    /**
     * This node over {@code input}, its input with one more column, {@code guard}, the action of each row of a MERGE
     * of several clauses; each sequence drawing only for the rows {@code when} says.
     */
    MnemoSequenceDraws guardedByAction(RelNode input, int guard, int[] when) {
        List<RelDataTypeField> drawn = rowType.getFieldList().subList(rowType.getFieldCount() - sequences.size(),
                rowType.getFieldCount());
        RelDataType columns = getCluster().getTypeFactory().builder().addAll(input.getRowType().getFieldList())
                .addAll(drawn).build();
        return new MnemoSequenceDraws(getTraitSet(), input, sequences, columns, guard, when, true);
    }

    /** The sequences drawn, in the order of their columns. */
    List<String> sequences() {
        return sequences;
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("draws", sequences).itemIf("guard", guard, guard >= 0)
                .itemIf("when", Arrays.toString(when), guard >= 0).itemIf("byAction", true, byAction);
    }

    /** The SQL type of each sequence's column. */
    private String[] types() {
        List<RelDataTypeField> fields = rowType.getFieldList();
        int first = fields.size() - sequences.size();
        String[] types = new String[sequences.size()];
        for (int i = 0; i < types.length; i++) {
            types[i] = fields.get(first + i).getType().getSqlTypeName().getName();
        }
        return types;
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        Result in = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        BlockBuilder b = new BlockBuilder();
        Expression rows = in.physType.convertTo(b.append("input", in.block), JavaRowFormat.ARRAY);
        b.add(Expressions.return_(null, Expressions.call(MnemoRuntime.class, "drawPerRow",
                implementor.getRootExpression(), rows, Expressions.constant(sequences.toArray(new String[0])),
                Expressions.constant(types()), Expressions.constant(guard), Expressions.constant(when),
                Expressions.constant(byAction))));
        PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
        return implementor.result(physType, b.toBlock());
    }
}
