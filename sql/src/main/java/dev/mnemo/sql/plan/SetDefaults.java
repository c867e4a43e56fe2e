package dev.mnemo.sql.plan;

import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalTableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlMerge;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlUpdate;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.InitializerContext;
import org.apache.calcite.sql2rel.InitializerExpressionFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code UPDATE t SET c = DEFAULT}, and the same in a MERGE's {@code WHEN MATCHED THEN UPDATE}: Calcite's validator
 * knows DEFAULT only in an INSERT's VALUES, so the SET is validated and converted as {@code c = NULL}, and the
 * planned projection then takes the column's default from the same factory that fills an INSERT's DEFAULT and
 * omitted columns (NULL where none is declared).
 */
public final class SetDefaults {
    /**
     * The name of the call {@code MNEMO$DEFAULT('C')}, which stands for column C's default where a DEFAULT cannot
     * stand: one WHEN clause's value in the CASE that chooses a MERGE's values by clause.
     */
    public static final String MARK = "MNEMO$DEFAULT";

    private SetDefaults() {
    }

    /**
     * The converted INSERT, UPDATE or MERGE with each {@link #MARK} call replaced by its column's default, from the
     * same factory that fills an INSERT's DEFAULT.
     */
    public static RelNode marked(RelNode plan) {
        if (!(plan instanceof TableModify)) {
            return plan;
        }
        RelOptTable table = plan.getTable();
        InitializerExpressionFactory defaults = table.unwrapOrThrow(InitializerExpressionFactory.class);
        RexBuilder rex = plan.getCluster().getRexBuilder();
        InitializerContext context = new Context(rex);
        RexShuttle replace = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                if (!call.getOperator().getName().equals(MARK)) {
                    return super.visitCall(call);
                }
                String column = RexLiteral.stringValue(call.getOperands().get(0));
                int i = table.getRowType().getField(column, true, false).getIndex();
                return rex.ensureType(call.getType(), defaults.newColumnDefaultValue(table, i, context), true);
            }
        };
        return plan.accept(new RelHomogeneousShuttle() {
            @Override
            public RelNode visit(RelNode other) {
                return super.visit(other).accept(replace);
            }
        });
    }

    /**
     * Replaces each DEFAULT that an UPDATE, or a MERGE's WHEN MATCHED clause, sets with NULL; returns their positions
     * in its SET list (none for other statements).
     */
    public static List<Integer> stand(SqlNode statement) {
        SqlUpdate update = statement instanceof SqlUpdate ? (SqlUpdate) statement
                : statement instanceof SqlMerge ? ((SqlMerge) statement).getUpdateCall() : null;
        List<Integer> positions = new ArrayList<>();
        if (update == null) {
            return positions;
        }
        SqlNodeList values = update.getSourceExpressionList();
        for (int j = 0; j < values.size(); j++) {
            SqlNode v = values.get(j);
            if (v.getKind() == SqlKind.DEFAULT) {
                values.set(j, SqlLiteral.createNull(v.getParserPosition()));
                positions.add(j);
            }
        }
        return positions;
    }

    /**
     * The converted UPDATE or MERGE with the columns at {@code positions} of its SET list set to their defaults. An
     * UPDATE's source expressions say where in the projection each new value is; a MERGE's new values are the
     * projection's last columns, in the order of its SET list.
     */
    public static RelNode apply(RelNode plan, List<Integer> positions) {
        if (positions.isEmpty()) {
            return plan;
        }
        LogicalTableModify update = (LogicalTableModify) plan;
        if (!(update.getInput() instanceof LogicalProject)) {
            throw new IllegalStateException("the input of " + update.getOperation() + " is not a projection: "
                    + update.getInput());
        }
        LogicalProject input = (LogicalProject) update.getInput();
        int firstNewValue = input.getProjects().size() - update.getUpdateColumnList().size();
        RelOptTable table = update.getTable();
        InitializerExpressionFactory defaults = table.unwrapOrThrow(InitializerExpressionFactory.class);
        RexBuilder rex = update.getCluster().getRexBuilder();
        InitializerContext context = new Context(rex);
        List<RexNode> exprs = new ArrayList<>(input.getProjects());
        for (int j : positions) {
            String column = update.getUpdateColumnList().get(j);
            int at = update.isMerge() ? firstNewValue + j
                    : ((RexInputRef) update.getSourceExpressionList().get(j)).getIndex();
            int i = table.getRowType().getField(column, true, false).getIndex();
            RelDataType type = exprs.get(at).getType();
            if (type.getSqlTypeName() == SqlTypeName.NULL) {
                // A MERGE's source leaves the NULL stood in untyped: the default takes the column's type.
                type = rex.getTypeFactory().createTypeWithNullability(
                        table.getRowType().getFieldList().get(i).getType(), true);
            }
            exprs.set(at, rex.ensureType(type, defaults.newColumnDefaultValue(table, i, context), true));
        }
        RelNode projected = LogicalProject.create(input.getInput(), input.getHints(), exprs,
                input.getRowType().getFieldNames(), input.getVariablesSet());
        return update.copy(update.getTraitSet(), List.of(projected));
    }

    /** What a column's default needs from its surroundings: a builder of literals. */
    private record Context(RexBuilder rex) implements InitializerContext {
        @Override
        public RexBuilder getRexBuilder() {
            return rex;
        }

        @Override
        public SqlNode validateExpression(RelDataType rowType, SqlNode expr) {
            throw new UnsupportedOperationException("column defaults are literals");
        }

        @Override
        public RexNode convertExpression(SqlNode e) {
            throw new UnsupportedOperationException("column defaults are literals");
        }
    }
}
