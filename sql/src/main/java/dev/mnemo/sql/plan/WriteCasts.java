package dev.mnemo.sql.plan;

import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.logical.LogicalUnion;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Calcite casts the values an INSERT or UPDATE writes to their column's type, and a cast to CHAR(n) or
 * BINARY(n) silently cuts a longer value. The engine must see the whole value to refuse it (SQLState 22001),
 * so the casts of values being written become casts to the unbounded VARCHAR or VARBINARY; the engine then
 * pads and checks them against the column. Literals reach here still cast, not cut: see {@link MnemoRexBuilder}.
 * Likewise a cast to TINYINT, SMALLINT or INTEGER fails past the type's range without naming the column (22003):
 * the casts of values being written to those types become casts to BIGINT, and the engine checks the range with the
 * column's name.
 */
public final class WriteCasts {
    private static final Set<SqlTypeName> NARROW_INTEGERS =
            EnumSet.of(SqlTypeName.TINYINT, SqlTypeName.SMALLINT, SqlTypeName.INTEGER);

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

    /**
     * The column each parameter that an INSERT or UPDATE stores as it is given is written to, by parameter index: a
     * value of a row of VALUES or a SELECT, or of a SET (a MERGE's are not told). The engine names the column when
     * a value does not fit it; a parameter is made its column's type before the statement runs, so this names it.
     */
    public static Map<Integer, String> writtenParams(RelNode plan) {
        Map<Integer, String> out = new HashMap<>();
        if (plan instanceof LogicalTableModify m && (m.isInsert() || m.isUpdate())) {
            List<String> written = new ArrayList<>(m.getTable().getRowType().getFieldNames());
            if (m.isUpdate()) {
                written.addAll(m.getUpdateColumnList()); // an UPDATE's rows: the old row, then the new values
            }
            noteParams(m.getInput(), written, out);
        }
        return out;
    }

    /** Notes the parameters {@code rel} gives as its columns, written to {@code columns} (null: to none). */
    private static void noteParams(RelNode rel, List<String> columns, Map<Integer, String> out) {
        if (rel instanceof LogicalUnion) {
            rel.getInputs().forEach(in -> noteParams(in, columns, out));
        }
        if (!(rel instanceof LogicalProject p)) {
            return;
        }
        String[] ofInput = new String[p.getInput().getRowType().getFieldCount()];
        for (int i = 0; i < p.getProjects().size() && i < columns.size(); i++) {
            RexNode e = p.getProjects().get(i);
            while (e.getKind() == SqlKind.CAST) {
                e = ((RexCall) e).getOperands().get(0);
            }
            if (e instanceof RexDynamicParam d && columns.get(i) != null) {
                out.put(d.getIndex(), columns.get(i));
            } else if (e instanceof RexInputRef r) {
                ofInput[r.getIndex()] = columns.get(i);
            }
        }
        noteParams(p.getInput(), Arrays.asList(ofInput), out);
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
        if (e.getKind() == SqlKind.CAST && NARROW_INTEGERS.contains(t)) {
            return widened(rex, e);
        }
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
        return rex.makeCast(wide, NarrowingCasts.uncut(value, e.getType()));
    }

    /**
     * A cast to a narrow integer type made a cast to BIGINT of the same value. Calcite's second cast of the same type
     * (nullability) and the rounding {@link MnemoRexBuilder} put before it go too: the cast to BIGINT rounds again.
     */
    private static RexNode widened(RexBuilder rex, RexNode e) {
        SqlTypeName t = e.getType().getSqlTypeName();
        RexNode value = ((RexCall) e).getOperands().get(0);
        while (value.getKind() == SqlKind.CAST && value.getType().getSqlTypeName() == t) {
            value = ((RexCall) value).getOperands().get(0);
        }
        value = IntegerCasts.unrounded(value);
        RelDataTypeFactory f = rex.getTypeFactory();
        RelDataType wide = f.createTypeWithNullability(f.createSqlType(SqlTypeName.BIGINT), e.getType().isNullable());
        return rex.makeCast(wide, value);
    }
}
