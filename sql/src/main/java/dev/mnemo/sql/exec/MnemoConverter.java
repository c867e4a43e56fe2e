package dev.mnemo.sql.exec;

import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.parser.SqlMergeClauses;
import dev.mnemo.sql.schema.MnemoTable;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.SqlInsert;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.SqlToRelConverter;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Calcite's SQL-to-relational converter, with two changes. A long IN list held as data
 * ({@link HeldInLists.Held}) becomes its rows. And the joins of a MERGE keep their conditions whole: Calcite
 * pushes an expression of an equality ({@code t.x = s.a} where {@code s.a} needs a cast, {@code t.x + 1 = s.a + 1})
 * into a new column of the join's input, and then lays out the MERGE's rows as if the source had only its own
 * columns, so the target row it hands on lost a column and the MERGE was refused (0A000). The planner may still
 * push those expressions down once the MERGE's rows are laid out. And a MERGE inserts its source's columns as the
 * source gives them ({@link #convertInsert}).
 */
final class MnemoConverter extends SqlToRelConverter {
    private boolean merging;
    /** The values the MERGE being converted inserts, in terms of the rows its source reads. */
    private List<RexNode> inserted;

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
            RelRoot root = super.convertQueryRecursive(query, top, targetRowType);
            return query.getKind() == SqlKind.MERGE ? root.withRel(actions(query, sourceColumns(root.rel))) : root;
        } finally {
            merging = outer;
            if (query.getKind() == SqlKind.MERGE) {
                inserted = null;
            }
        }
    }

    /**
     * The insert of a MERGE, handed to Calcite with each value a NULL of its type: Calcite would fold the source's
     * projection into the values and evaluate them over the rows of the MERGE's join, where a column reference means
     * the join's column, not the one the source read ({@code USING (SELECT id + 100 AS id FROM t)} inserted {@code id
     * + 200}, {@code USING (SELECT name, id FROM t)} the name as the id, and a {@code NEXT VALUE FOR} in the source
     * drew a second value for the insert). {@link #sourceColumns} puts the values back in terms of the join.
     */
    @Override
    protected RelNode convertInsert(SqlInsert call) {
        RelNode insert = super.convertInsert(call);
        if (merging && insert.getInput(0) instanceof LogicalValues) {
            return constantInsert(insert, (LogicalValues) insert.getInput(0));
        }
        if (!merging || !(insert.getInput(0) instanceof LogicalProject)) {
            return insert;
        }
        LogicalProject values = (LogicalProject) insert.getInput(0);
        inserted = new ArrayList<>();
        List<RexNode> placeholders = new ArrayList<>();
        for (RexNode v : values.getProjects()) {
            RexNode value = v;
            RelNode over = values.getInput();
            for (; over instanceof Project; over = over.getInput(0)) {
                value = RelOptUtil.pushPastProject(value, (Project) over); // in terms of the rows the source reads
            }
            inserted.add(over instanceof LogicalValues ? ofConstants(value, (LogicalValues) over) : value);
            placeholders.add(rexBuilder.makeNullLiteral(v.getType()));
        }
        return insert.copy(insert.getTraitSet(), List.of(LogicalProject.create(values.getInput(), List.of(),
                placeholders, values.getRowType().getFieldNames(), Set.of())));
    }

    /**
     * The insert of a MERGE whose values are all literals over a source of literals ({@code USING (VALUES ...)}):
     * Calcite folds them into rows of data, where it expects a projection of the source's rows. The literals are
     * inserted as they are, and a projection of placeholders over those rows stands where Calcite expects one.
     */
    private RelNode constantInsert(RelNode insert, LogicalValues rows) {
        if (!sameRows(rows)) {
            throw new SqlError("0A000", "this MERGE cannot insert values that differ between the rows of a source "
                    + "of constants; give them as columns of the source and insert those");
        }
        inserted = new ArrayList<>(rows.getTuples().get(0));
        List<RexNode> placeholders = new ArrayList<>();
        for (RexNode v : inserted) {
            placeholders.add(rexBuilder.makeNullLiteral(v.getType()));
        }
        return insert.copy(insert.getTraitSet(), List.of(LogicalProject.create(rows, List.of(), placeholders,
                rows.getRowType().getFieldNames(), Set.of())));
    }

    private static boolean sameRows(LogicalValues rows) {
        return !rows.getTuples().isEmpty() && rows.getTuples().stream().distinct().count() == 1;
    }

    /**
     * A value over rows of data that Calcite folded the insert's literals into: where every row is the same, a
     * column of them is that row's literal; otherwise the value is left to {@link #sourceColumns}.
     */
    private static RexNode ofConstants(RexNode value, LogicalValues rows) {
        if (!sameRows(rows)) {
            return value;
        }
        return value.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return rows.getTuples().get(0).get(ref.getIndex());
            }
        });
    }

    /**
     * The MERGE with the values it inserts in terms of its join's columns: each part of a value that is a column of
     * the source becomes that column of the join (so a source row draws from a sequence once). A value that still
     * needs what the source read, not a column it gives, is refused (0A000).
     */
    private RelNode sourceColumns(RelNode merge) {
        List<RexNode> values = inserted;
        if (values == null || !(merge instanceof TableModify) || !(merge.getInput(0) instanceof LogicalProject)
                || !(merge.getInput(0).getInput(0) instanceof Join)) {
            return merge;
        }
        LogicalProject rows = (LogicalProject) merge.getInput(0);
        RelNode join = rows.getInput();
        RelNode source = ((Join) join).getLeft();
        List<RexNode> columns = new ArrayList<>();
        for (int i = 0; i < source.getRowType().getFieldCount(); i++) {
            columns.add(source instanceof Project ? ((Project) source).getProjects().get(i)
                    : rexBuilder.makeInputRef(source, i)); // a table: the join's first columns are its columns
        }
        List<RexNode> projects = new ArrayList<>(rows.getProjects());
        for (int i = 0; i < values.size() && i < projects.size(); i++) {
            projects.set(i, ofSource(values.get(i), columns, join));
        }
        RelNode laidOut = LogicalProject.create(join, rows.getHints(), projects, rows.getRowType().getFieldNames(),
                rows.getVariablesSet());
        return merge.copy(merge.getTraitSet(), List.of(laidOut));
    }

    /**
     * A MERGE of several WHEN clauses ({@link MergeClauses}) with the action each row takes as its last column
     * ({@link ModifySpec#ACTION}): that of the first clause of its kind whose condition holds, or none. The
     * conditions are read back from the values that choose by them: the first new value of its update, and the first
     * value of its insert that is not DEFAULT.
     */
    private RelNode actions(SqlNode query, RelNode merge) {
        if (!(query instanceof SqlMergeClauses) || !(merge instanceof TableModify)
                || !(merge.getInput(0) instanceof LogicalProject)) {
            return merge;
        }
        List<SqlMergeClauses.Clause> clauses = ((SqlMergeClauses) query).clauses();
        TableModify modify = (TableModify) merge;
        LogicalProject rows = (LogicalProject) merge.getInput(0);
        TableSchema schema = modify.getTable().unwrapOrThrow(MnemoTable.class).schema();
        int n = schema.columnCount();
        int k = modify.getUpdateColumnList() == null ? 0 : modify.getUpdateColumnList().size();
        List<RexNode> projects = new ArrayList<>(rows.getProjects());
        boolean inserts = projects.size() == 2 * n + k;
        int oldAt = inserts ? n : 0;
        RexNode matched = rexBuilder.makeCall(SqlStdOperatorTable.IS_NOT_NULL,
                projects.get(oldAt + schema.keyPositions()[0]));
        RexNode unmatched = rexBuilder.makeCall(SqlStdOperatorTable.NOT, matched);
        List<RexNode> when = new ArrayList<>();
        List<SqlMergeClauses.Clause> matching = clauses.stream().filter(SqlMergeClauses.Clause::matched).toList();
        if (k > 0) {
            addActions(when, matched, conditions(projects.subList(oldAt + n, oldAt + n + 1), matching.size()),
                    matching);
        }
        List<SqlMergeClauses.Clause> inserting = clauses.stream().filter(c -> !c.matched()).toList();
        if (inserts) {
            addActions(when, unmatched, conditions(projects.subList(0, n), inserting.size()), inserting);
        }
        projects.replaceAll(p -> p.accept(UNMARK));
        when.add(code(ModifySpec.NONE));
        projects.add(rexBuilder.makeCall(SqlStdOperatorTable.CASE, when));
        List<String> names = new ArrayList<>(rows.getRowType().getFieldNames());
        names.add(ModifySpec.ACTION);
        RelNode laidOut = LogicalProject.create(rows.getInput(), rows.getHints(), projects, names,
                rows.getVariablesSet());
        return merge.copy(merge.getTraitSet(), List.of(laidOut));
    }

    private void addActions(List<RexNode> when, RexNode kind, List<RexNode> conditions,
                            List<SqlMergeClauses.Clause> clauses) {
        for (int i = 0; i < clauses.size(); i++) {
            when.add(rexBuilder.makeCall(SqlStdOperatorTable.AND, kind, conditions.get(i)));
            when.add(code(clauses.get(i).action() == SqlMergeClauses.Action.UPDATE ? ModifySpec.UPDATE
                    : clauses.get(i).action() == SqlMergeClauses.Action.DELETE ? ModifySpec.DELETE
                    : ModifySpec.INSERT));
        }
    }

    private RexNode code(int action) {
        return rexBuilder.makeExactLiteral(BigDecimal.valueOf(action),
                rexBuilder.getTypeFactory().createSqlType(SqlTypeName.INTEGER));
    }

    /**
     * The conditions of {@code count} clauses, as the first value among {@code values} that chooses by them has them
     * ({@link MergeClauses#WHEN}); a clause whose condition the value lost (a CASE branch never taken) never acts.
     */
    private List<RexNode> conditions(List<RexNode> values, int count) {
        for (RexNode value : values) {
            List<RexNode> conditions = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                conditions.add(rexBuilder.makeLiteral(false));
            }
            boolean[] found = {false};
            value.accept(new RexShuttle() {
                @Override
                public RexNode visitCall(RexCall call) {
                    if (call.getOperator() != MergeClauses.WHEN) {
                        return super.visitCall(call);
                    }
                    int i = ((RexLiteral) call.getOperands().get(1)).getValueAs(Integer.class);
                    conditions.set(i, call.getOperands().get(0).accept(UNMARK));
                    found[0] = true;
                    return call;
                }
            });
            if (found[0]) {
                return conditions;
            }
        }
        throw new IllegalStateException("the MERGE's values lost the conditions of its WHEN clauses: " + values);
    }

    /** A value with each condition and value marked by {@link MergeClauses#WHEN} in place of its mark. */
    private static final RexShuttle UNMARK = new RexShuttle() {
        @Override
        public RexNode visitCall(RexCall call) {
            return MergeClauses.isMark(call.getOperator()) ? call.getOperands().get(0).accept(this)
                    : super.visitCall(call);
        }
    };

    private RexNode ofSource(RexNode value, List<RexNode> columns, RelNode join) {
        boolean[] unresolved = {false};
        RexNode mapped = value.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                int i = columns.indexOf(call);
                return i >= 0 ? rexBuilder.makeInputRef(join, i) : super.visitCall(call);
            }

            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                int i = columns.indexOf(ref);
                unresolved[0] |= i < 0;
                return i >= 0 ? rexBuilder.makeInputRef(join, i) : ref;
            }
        });
        if (unresolved[0]) {
            throw new SqlError("0A000", "this MERGE cannot insert a value its source query does not give as a "
                    + "column; give it as one (USING (SELECT ..., expression AS c FROM ...) s) and insert s.c");
        }
        return mapped;
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
