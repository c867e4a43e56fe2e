package dev.mnemo.sql.plan;

import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.exec.LookupJoins;
import dev.mnemo.sql.exec.LookupSpec;
import dev.mnemo.sql.schema.MnemoTable;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.linq4j.function.Predicate2;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.linq4j.tree.ParameterExpression;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.SingleRel;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.metadata.RelMdUtil;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.validate.SqlValidatorUtil;
import org.apache.calcite.util.Pair;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;

/**
 * A join that reads its table by key, never whole: for each row of its input (the join's other side), the table's
 * rows under the primary key, or the index values, that the row's join columns hold, read in the statement's
 * transaction (see {@link LookupJoins}) and kept where its condition, if any, holds. Its rows are the input's
 * columns, then the table's; an INNER or a LEFT join (an input row that keeps no match comes with NULLs), or a
 * semi-join (each input row that keeps a match, once, alone).
 */
public final class MnemoLookupJoin extends SingleRel implements EnumerableRel {
    /**
     * What one lookup costs in the planner's units: a key's encoding, a map read and a row's decoding, against the
     * 2 of a full scan's row. The planner's hash join costs about 3 per row of the table it reads whole and 1 to
     * ln(rows) per row of the other side; at 10 per lookup, the lookups win while the other side holds less than
     * about half the table's rows (100 rows) to one and a half times (100 000), and the whole-table join beyond.
     */
    static final double LOOKUP_COST = 10;

    private final RelOptTable table;
    private final MnemoTable mnemoTable;
    private final JoinRelType joinType;
    /** The index (unique or not) looked up; null for the primary key. */
    private final String index;
    /** For each column of the key (or index), in its order, the input's column holding the value looked up. */
    private final List<Integer> outerColumns;
    /** What a match must meet besides the lookup, over the input's columns then the table's; null for nothing. */
    private final RexNode condition;

    private MnemoLookupJoin(RelTraitSet traits, RelNode input, RelOptTable table, MnemoTable mnemoTable,
                            JoinRelType joinType, String index, List<Integer> outerColumns, RexNode condition) {
        super(input.getCluster(), traits, input);
        this.table = table;
        this.mnemoTable = mnemoTable;
        this.joinType = joinType;
        this.index = index;
        this.outerColumns = List.copyOf(outerColumns);
        this.condition = condition;
        if (joinType != JoinRelType.INNER && joinType != JoinRelType.LEFT && joinType != JoinRelType.SEMI) {
            throw new IllegalArgumentException("a lookup join is INNER, LEFT or SEMI, not " + joinType);
        }
    }

    /** The join of {@code input} (of the Enumerable convention) with the table read by {@code scan}. */
    static MnemoLookupJoin create(RelNode input, MnemoTableScan scan, JoinRelType joinType, String index,
                                  List<Integer> outerColumns, RexNode condition) {
        RelTraitSet traits = input.getCluster().traitSetOf(EnumerableConvention.INSTANCE);
        return new MnemoLookupJoin(traits, input, scan.getTable(), scan.mnemoTable(), joinType, index, outerColumns,
                condition);
    }

    public MnemoTable mnemoTable() {
        return mnemoTable;
    }

    @Override
    protected RelDataType deriveRowType() {
        if (!joinType.projectsRight()) {
            return getInput().getRowType();
        }
        return SqlValidatorUtil.deriveJoinRowType(getInput().getRowType(), table.getRowType(), joinType,
                getCluster().getTypeFactory(), null, List.of());
    }

    /** The input's columns then the table's, as the condition sees them (the table's as they are stored). */
    private RelDataType conditionRowType() {
        return getCluster().getTypeFactory().builder().addAll(getInput().getRowType().getFieldList())
                .addAll(table.getRowType().getFieldList()).build();
    }

    @Override
    public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
        return new MnemoLookupJoin(traitSet, sole(inputs), table, mnemoTable, joinType, index, outerColumns,
                condition);
    }

    @Override
    public RelWriter explainTerms(RelWriter pw) {
        return super.explainTerms(pw).item("table", table.getQualifiedName()).item("joinType", joinType.lowerName)
                .item("lookup", lookupText()).itemIf("condition", condition, condition != null);
    }

    /** The key or index looked up, each of its columns beside the input column that gives its value. */
    private String lookupText() {
        TableSchema s = mnemoTable.schema();
        int[] positions = lookedUpPositions();
        StringJoiner text = new StringJoiner(", ", index == null ? "KEY " : "INDEX " + index + " ", "");
        for (int i = 0; i < positions.length; i++) {
            text.add(s.column(positions[i]).name() + "=$" + outerColumns.get(i));
        }
        return text.toString();
    }

    /**
     * The rows as the planner estimates those of any join of the input and the table on the same condition (so that
     * its cost and the other joins' compare on the work alone): of all pairs, the share its equalities and its
     * condition select; under a LEFT join, the input's rows that keep no match too; under a semi-join, at most the
     * input's rows.
     */
    @Override
    public double estimateRowCount(RelMetadataQuery mq) {
        double outer = mq.getRowCount(getInput());
        double selectivity = RelMdUtil.guessSelectivity(joinCondition());
        double matched = outer * mnemoTable.rowCountEstimate() * selectivity;
        switch (joinType) {
            case LEFT:
                return outer * (1 - selectivity) + matched;
            case SEMI:
                return Math.min(outer, matched);
            default:
                return matched;
        }
    }

    /** The lookups' equalities and the condition, over the input's columns then the table's. */
    private RexNode joinCondition() {
        RexBuilder rex = getCluster().getRexBuilder();
        RelDataType type = conditionRowType();
        int[] positions = lookedUpPositions();
        List<RexNode> all = new ArrayList<>();
        for (int i = 0; i < positions.length; i++) {
            int tableColumn = getInput().getRowType().getFieldCount() + positions[i];
            all.add(rex.makeCall(SqlStdOperatorTable.EQUALS, rex.makeInputRef(type, outerColumns.get(i)),
                    rex.makeInputRef(type, tableColumn)));
        }
        if (condition != null) {
            all.add(condition);
        }
        return RexUtil.composeConjunction(rex, all);
    }

    private int[] lookedUpPositions() {
        TableSchema s = mnemoTable.schema();
        return index == null ? s.keyPositions() : s.indexPositions(s.findIndex(index));
    }

    @Override
    public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
        double work = mq.getRowCount(getInput()) * LOOKUP_COST + estimateRowCount(mq);
        return planner.getCostFactory().makeCost(work, work, 0);
    }

    @Override
    public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
        JavaTypeFactory types = implementor.getTypeFactory();
        Result outer = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
        BlockBuilder b = new BlockBuilder();
        Expression outerRows = outer.physType.convertTo(b.append("outer", outer.block), JavaRowFormat.ARRAY);
        LookupSpec spec = new LookupSpec(mnemoTable.schema(), index,
                outerColumns.stream().mapToInt(Integer::intValue).toArray(), joinType);
        Expression test = condition == null ? Expressions.constant(null, Predicate2.class) : predicate(implementor,
                PhysTypeImpl.of(types, getInput().getRowType(), JavaRowFormat.ARRAY),
                PhysTypeImpl.of(types, table.getRowType(), JavaRowFormat.ARRAY));
        b.add(Expressions.return_(null, Expressions.call(LookupJoins.class, "join", implementor.getRootExpression(),
                implementor.stash(spec, LookupSpec.class), outerRows, test)));
        return implementor.result(PhysTypeImpl.of(types, getRowType(), JavaRowFormat.ARRAY), b.toBlock());
    }

    /** The condition as compiled code: a test of an input row and a table row, both arrays. */
    private Expression predicate(EnumerableRelImplementor implementor, PhysType outer, PhysType tableRow) {
        BlockBuilder b = new BlockBuilder();
        ParameterExpression o = Expressions.parameter(Object[].class, "outerRow");
        ParameterExpression t = Expressions.parameter(Object[].class, "tableRow");
        RexProgramBuilder program = new RexProgramBuilder(conditionRowType(), getCluster().getRexBuilder());
        program.addCondition(condition);
        Expression holds = RexToLixTranslator.translateCondition(program.getProgram(), implementor.getTypeFactory(),
                b, new RexToLixTranslator.InputGetterImpl(List.of(Pair.of(o, outer), Pair.of(t, tableRow))),
                implementor::getCorrelVariableGetter, implementor.getConformance());
        b.add(Expressions.return_(null, holds));
        return Expressions.lambda(Predicate2.class, b.toBlock(), o, t);
    }
}
