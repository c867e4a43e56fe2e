package dev.mnemo.sql.plan;

import dev.mnemo.engine.TableSchema;
import dev.mnemo.sql.exec.MnemoRuntime;
import dev.mnemo.sql.exec.ModifySpec;
import dev.mnemo.sql.schema.MnemoTable;
import org.apache.calcite.adapter.enumerable.EnumerableCalc;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexLocalRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgram;
import org.apache.calcite.rex.RexShuttle;

import java.util.ArrayList;
import java.util.List;

/**
 * Draws each sequence once per row, as the standard asks: every {@code NEXT VALUE FOR s} of a statement gives one
 * value in a row (the planner keeps a row's calls in one Calc as one shared expression). Calcite's generated code
 * evaluates a shared expression again for the condition and for the projections, and inside a CASE branch only
 * where the branch is taken; so a Calc that draws is split: below, {@link MnemoSequenceDraws} adds one draw per
 * sequence to each row of its input; above, the Calc's projections (and a condition that draws) read the draws as
 * columns. A condition that draws nothing filters below the draws, so only the rows it keeps draw; a row that a
 * condition which draws drops, or whose CASE branch is not taken, still uses up its value (sequences have gaps).
 * Runs on the chosen physical plan, after the planner. A MERGE lays out each row of its join as the values it would
 * insert, the target row it matched (nulls where none) and the values it would set; a sequence that only its insert
 * draws from draws only for the unmatched rows, one that only its update draws from only for the matched ones
 * ({@link #guardMerge}), so that neither leaves gaps for the rows it does not write.
 */
public final class SequenceDraws {
    private SequenceDraws() {
    }

    /** The plan with each Calc that draws from sequences split so that it draws once per row. */
    public static RelNode apply(RelNode plan) {
        return PlanRewrite.bottomUp(plan, rel -> guardMerge(split(rel)));
    }

    /** A MERGE over a Calc that draws, with each sequence drawn only for the rows whose values read it. */
    private static RelNode guardMerge(RelNode rel) {
        if (!(rel instanceof MnemoTableModify) || ((MnemoTableModify) rel).getOperation() != TableModify.Operation.MERGE
                || !(rel.getInput(0) instanceof EnumerableCalc)
                || !(rel.getInput(0).getInput(0) instanceof MnemoSequenceDraws)) {
            return rel;
        }
        MnemoTableModify merge = (MnemoTableModify) rel;
        EnumerableCalc calc = (EnumerableCalc) rel.getInput(0);
        MnemoSequenceDraws draws = (MnemoSequenceDraws) calc.getInput();
        RexProgram program = calc.getProgram();
        TableSchema schema = merge.getTable().unwrapOrThrow(MnemoTable.class).schema();
        int n = schema.columnCount();
        int k = merge.getUpdateColumnList() == null ? 0 : merge.getUpdateColumnList().size();
        List<String> fields = calc.getRowType().getFieldNames();
        boolean actions = fields.get(fields.size() - 1).equals(ModifySpec.ACTION);
        int width = fields.size() - (actions ? 1 : 0);
        int drawnFrom = draws.getInput().getRowType().getFieldCount();
        boolean inserts = width == 2 * n + k;
        int keyAt = (inserts ? n : 0) + schema.keyPositions()[0];
        RexNode key = program.expandLocalRef(program.getProjectList().get(keyAt));
        if (program.getCondition() != null || (!inserts && width != n + k) || !(key instanceof RexInputRef)
                || ((RexInputRef) key).getIndex() >= drawnFrom) {
            return rel; // not laid out as MnemoRuntime's merge reads it: every row draws
        }
        int[] when = new int[draws.sequences().size()];
        for (int i = 0; i < when.length; i++) {
            int firstReader = width;
            int lastReader = -1;
            for (int p = 0; p < fields.size(); p++) {
                if (RelOptUtil.InputFinder.bits(program.expandLocalRef(program.getProjectList().get(p)))
                        .get(drawnFrom + i)) {
                    firstReader = Math.min(firstReader, p);
                    lastReader = p;
                }
            }
            when[i] = inserts && lastReader < n ? MnemoRuntime.DRAW_UNMATCHED
                    : firstReader >= width - k && lastReader < width ? MnemoRuntime.DRAW_MATCHED
                    : MnemoRuntime.DRAW_ALWAYS;
        }
        if (actions) {
            return byAction(merge, calc, draws, when);
        }
        RelNode guarded = draws.guarded(((RexInputRef) key).getIndex(), when);
        return merge.copy(merge.getTraitSet(), List.of(calc.copy(calc.getTraitSet(), List.of(guarded))));
    }

    /**
     * The MERGE of several clauses with its draws guarded by each row's action, computed below them for that; as it
     * was where the action reads a draw.
     */
    private static RelNode byAction(MnemoTableModify merge, EnumerableCalc calc, MnemoSequenceDraws draws,
                                    int[] when) {
        RexProgram program = calc.getProgram();
        RexBuilder rex = calc.getCluster().getRexBuilder();
        RelNode input = draws.getInput();
        int drawnFrom = input.getRowType().getFieldCount();
        List<RexNode> projects = new ArrayList<>();
        for (RexLocalRef p : program.getProjectList()) {
            projects.add(program.expandLocalRef(p));
        }
        RexNode action = projects.get(projects.size() - 1);
        if (RelOptUtil.InputFinder.bits(action).nextSetBit(drawnFrom) >= 0) {
            return merge;
        }
        List<RexNode> withAction = new ArrayList<>(rex.identityProjects(input.getRowType()));
        withAction.add(action);
        List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
        names.add(ModifySpec.ACTION);
        RelNode acted = EnumerableCalc.create(input, RexProgram.create(input.getRowType(), withAction, null, names,
                rex));
        MnemoSequenceDraws guarded = draws.guardedByAction(acted, drawnFrom, when);
        RexShuttle past = new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return ref.getIndex() < drawnFrom ? ref : rex.makeInputRef(ref.getType(), ref.getIndex() + 1);
            }
        };
        projects.replaceAll(p -> p.accept(past));
        projects.set(projects.size() - 1, rex.makeInputRef(guarded, drawnFrom)); // computed once, below
        RelNode top = EnumerableCalc.create(guarded, RexProgram.create(guarded.getRowType(), projects, null,
                calc.getRowType(), rex));
        return merge.copy(merge.getTraitSet(), List.of(top));
    }

    private static RelNode split(RelNode rel) {
        if (!(rel instanceof EnumerableCalc)) {
            return rel;
        }
        EnumerableCalc calc = (EnumerableCalc) rel;
        RexProgram program = calc.getProgram();
        List<RexNode> draws = drawsOf(program);
        if (draws.isEmpty()) {
            return rel;
        }
        RexBuilder rex = calc.getCluster().getRexBuilder();
        RelNode input = calc.getInput();
        RexNode condition = program.getCondition() == null ? null : program.expandLocalRef(program.getCondition());
        if (condition != null && draws.stream().noneMatch(d -> contains(condition, d))) {
            // A condition that draws nothing filters first: the rows it drops draw no values.
            input = EnumerableCalc.create(input, RexProgram.create(input.getRowType(),
                    rex.identityProjects(input.getRowType()), condition, input.getRowType(), rex));
        }
        int width = input.getRowType().getFieldCount();
        RelDataTypeFactory.Builder columns = rex.getTypeFactory().builder().addAll(input.getRowType().getFieldList());
        List<String> sequences = new ArrayList<>();
        for (int i = 0; i < draws.size(); i++) {
            columns.add("$DRAW" + i, draws.get(i).getType());
            sequences.add(RexLiteral.stringValue(((RexCall) draws.get(i)).getOperands().get(0)));
        }
        RelNode drawn = new MnemoSequenceDraws(input.getTraitSet(), input, sequences, columns.build());
        RexShuttle readDraws = new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                int i = draws.indexOf(call);
                return i >= 0 ? rex.makeInputRef(call.getType(), width + i) : super.visitCall(call);
            }
        };
        List<RexNode> projects = new ArrayList<>();
        for (RexLocalRef p : program.getProjectList()) {
            projects.add(program.expandLocalRef(p).accept(readDraws));
        }
        RexNode drawnCondition = input != calc.getInput() || condition == null ? null : condition.accept(readDraws);
        return EnumerableCalc.create(drawn, RexProgram.create(drawn.getRowType(), projects, drawnCondition,
                calc.getRowType(), rex));
    }

    /** The program's distinct NEXT VALUE FOR calls, in terms of its input (their operands are literals). */
    private static List<RexNode> drawsOf(RexProgram program) {
        List<RexNode> draws = new ArrayList<>();
        List<RexNode> exprs = program.getExprList();
        for (int i = 0; i < exprs.size(); i++) {
            RexNode e = exprs.get(i);
            if (e instanceof RexCall && ((RexCall) e).getOperator() == SequenceCalls.NEXT_VALUE) {
                RexNode draw = program.expandLocalRef(new RexLocalRef(i, e.getType()));
                if (!draws.contains(draw)) {
                    draws.add(draw);
                }
            }
        }
        return draws;
    }

    private static boolean contains(RexNode expression, RexNode draw) {
        boolean[] found = new boolean[1];
        expression.accept(new RexShuttle() {
            @Override
            public RexNode visitCall(RexCall call) {
                found[0] |= call.equals(draw);
                return super.visitCall(call);
            }
        });
        return found[0];
    }
}
