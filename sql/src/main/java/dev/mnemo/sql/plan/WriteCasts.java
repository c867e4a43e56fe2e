package dev.mnemo.sql.plan;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.List;

/**
 * Calcite casts the values an INSERT or UPDATE writes to their column's type, and a cast to CHAR(n) or
 * BINARY(n) silently cuts a longer value. The engine must see the whole value to refuse it (SQLState 22001),
 * so the casts of values being written become casts to the unbounded VARCHAR or VARBINARY; the engine then
 * pads and checks them against the column. Literals reach here still cast, not cut: see {@link MnemoRexBuilder}.
 */
public final class WriteCasts {
    private WriteCasts() {
    }

    /** The plan with the written values' length-cutting casts relaxed; other plans are returned as they are. */
    public static RelNode relax(RelNode plan) {
        if (!(plan instanceof LogicalTableModify)) {
            return plan;
        }
        RelNode input = relaxInput(plan.getInput(0));
        return input == plan.getInput(0) ? plan : plan.copy(plan.getTraitSet(), List.of(input));
    }

    private static RelNode relaxInput(RelNode rel) {
        if (rel instanceof LogicalProject) {
            LogicalProject p = (LogicalProject) rel;
            RexBuilder rex = p.getCluster().getRexBuilder();
            // A multi-row VALUES is a projection over a union of one projection per row.
            RelNode input = p.getInput() instanceof LogicalUnion ? relaxInput(p.getInput()) : p.getInput();
            RexShuttle retype = new RexShuttle() {
                @Override
                public RexNode visitInputRef(RexInputRef ref) {
                    return rex.makeInputRef(input, ref.getIndex());
                }
            };
            List<RexNode> exprs = new ArrayList<>();
            for (RexNode e : p.getProjects()) {
                exprs.add(relax(rex, input == p.getInput() ? e : e.accept(retype)));
            }
            return input == p.getInput() && exprs.equals(p.getProjects()) ? rel
                    : LogicalProject.create(input, p.getHints(), exprs, p.getRowType().getFieldNames(),
                            p.getVariablesSet());
        }
        if (rel instanceof LogicalUnion) {
            List<RelNode> inputs = new ArrayList<>();
            for (RelNode in : rel.getInputs()) {
                inputs.add(relaxInput(in));
            }
            return inputs.equals(rel.getInputs()) ? rel : LogicalUnion.create(inputs, ((LogicalUnion) rel).all);
        }
        return rel;
    }

    private static RexNode relax(RexBuilder rex, RexNode e) {
        SqlTypeName t = e.getType().getSqlTypeName();
        if (e.getKind() != SqlKind.CAST || (t != SqlTypeName.CHAR && t != SqlTypeName.BINARY)) {
            return e;
        }
        RelDataTypeFactory f = rex.getTypeFactory();
        RelDataType wide = f.createTypeWithNullability(
                f.createSqlType(t == SqlTypeName.CHAR ? SqlTypeName.VARCHAR : SqlTypeName.VARBINARY),
                e.getType().isNullable());
        RexNode value = ((RexCall) e).getOperands().get(0);
        // Calcite may nest two casts (type, then nullability); neither may cut the value.
        while (value.getKind() == SqlKind.CAST && (value.getType().getSqlTypeName() == SqlTypeName.CHAR
                || value.getType().getSqlTypeName() == SqlTypeName.BINARY)) {
            value = ((RexCall) value).getOperands().get(0);
        }
        return rex.makeCast(wide, value);
    }
}
