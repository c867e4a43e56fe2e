package dev.mnemo.sql.plan;

import dev.mnemo.engine.IndexDef;
import dev.mnemo.engine.TableSchema;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.JoinInfo;
import org.apache.calcite.rel.core.JoinRelType;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexOver;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * An INNER join, or a LEFT or semi-join (IN, EXISTS) with the table on the right, on equalities that cover a table's
 * whole primary key (or an index's columns, unique or not) becomes a {@link MnemoLookupJoin}: the other side's rows
 * each look up their matches (none to many) instead of the table being read whole. The table's side may be a full scan
 * under filters and projections; they go with it (a filter into the lookup join's condition, a projection above it,
 * which under a LEFT join may only pick or cast columns, or give constants, so that an unmatched row's NULLs stay
 * NULLs: NOT EXISTS and NOT IN, a LEFT join whose constant marker a filter above tests for NULL, look up too). Only
 * equalities of integers (of any width), of VARCHARs, or of the same DATE, TIME, TIMESTAMP, BOOLEAN, CHAR, DECIMAL or
 * UUID type on both sides, whose values a key lookup finds exactly as SQL compares them, are looked up; the other
 * conditions stay the join's to test. The cost model chooses between the lookups and a join that reads the whole table
 * (see {@link MnemoLookupJoin#LOOKUP_COST}).
 */
@SuppressWarnings("deprecation")
final class JoinByKeyLookups extends RelOptRule {
    /** How deep under the join the table's scan is looked for (through projections and filters). */
    private static final int DEPTH_MAX = 6;
    private static final Set<SqlTypeName> INTEGERS = EnumSet.copyOf(SqlTypeName.INT_TYPES);
    /** Types looked up only from a value of the very same type (see {@link #sameExactType}). */
    private static final Set<SqlTypeName> EXACT = EnumSet.of(SqlTypeName.DATE, SqlTypeName.TIME,
            SqlTypeName.TIMESTAMP, SqlTypeName.BOOLEAN, SqlTypeName.CHAR, SqlTypeName.DECIMAL, SqlTypeName.UUID);
    /** The joins whose rows lookups give: the table on either side of an INNER join, on the right of the others. */
    private static final Set<JoinRelType> LOOKED_UP_JOINS = EnumSet.of(JoinRelType.INNER, JoinRelType.LEFT,
            JoinRelType.SEMI);

    JoinByKeyLookups() {
        // Each input as an operand of its own, so that the rule fires again as the planner finds another form of
        // either (an aggregate that NOT EXISTS adds over the table becomes a projection once known needless).
        super(operand(LogicalJoin.class, operand(RelNode.class, any()), operand(RelNode.class, any())),
                "MnemoJoinByKeyLookupsRule");
    }

    /** The table's side of a join as a full scan: its columns and the filters its rows meet, over the scan's. */
    private record Traced(MnemoTableScan scan, List<RexNode> outputs, List<RexNode> filters) {
    }

    /**
     * What the lookups read: the unique index (null for the key), the other side's column per looked-up column, and
     * which of the join's key pairs give them.
     */
    private record Lookup(String index, List<Integer> outerColumns, List<Integer> pairs) {
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
        LogicalJoin join = call.rel(0);
        JoinInfo info = join.analyzeCondition();
        if (!LOOKED_UP_JOINS.contains(join.getJoinType()) || info.pairs().isEmpty()
                || info.nullExclusionFlags.contains(false) || RexUtil.containsCorrelation(join.getCondition())) {
            return; // IS NOT DISTINCT FROM would match NULL with NULL, which a lookup never finds
        }
        offer(call, join, info, true);
        if (join.getJoinType() == JoinRelType.INNER) {
            offer(call, join, info, false);
        }
    }

    private static void offer(RelOptRuleCall call, LogicalJoin join, JoinInfo info, boolean tableOnRight) {
        boolean left = join.getJoinType() == JoinRelType.LEFT;
        RelNode outer = tableOnRight ? join.getLeft() : join.getRight();
        Traced t = trace(call.rel(tableOnRight ? 2 : 1), 0);
        if (t == null || left && !t.outputs.stream().allMatch(e -> nullWithItsColumn(e) || constant(e))) {
            return; // an unmatched row's NULLs must come out as NULLs
        }
        List<Integer> tableKeys = tableOnRight ? info.rightKeys : info.leftKeys;
        List<Integer> outerKeys = tableOnRight ? info.leftKeys : info.rightKeys;
        Lookup lookup = lookup(t, tableKeys, outerKeys, outer.getRowType());
        if (lookup == null) {
            return;
        }
        int outerWidth = outer.getRowType().getFieldCount();
        List<RexNode> conditions = new ArrayList<>();
        for (RexNode f : t.filters) {
            conditions.add(RexUtil.shift(f, outerWidth));
        }
        for (RexNode c : RelOptUtil.conjunctions(join.getCondition())) {
            if (!lookedUp(c, lookup, info, join.getLeft().getRowType().getFieldCount())) {
                conditions.add(onLookupRows(c, join, t, tableOnRight, outerWidth));
            }
        }
        RelNode input = convert(outer, outer.getTraitSet().replace(EnumerableConvention.INSTANCE));
        RexNode condition = conditions.isEmpty() ? null
                : RexUtil.composeConjunction(join.getCluster().getRexBuilder(), conditions);
        MnemoLookupJoin lookupJoin = MnemoLookupJoin.create(input, t.scan, join.getJoinType(), lookup.index,
                lookup.outerColumns, condition);
        call.transformTo(joinColumns(lookupJoin, t, tableOnRight, outerWidth, join));
    }

    /** The join's columns over the lookup join's (the other side's, then the table's, unless a semi-join). */
    private static RelNode joinColumns(MnemoLookupJoin lookupJoin, Traced t, boolean tableOnRight, int outerWidth,
                                       LogicalJoin join) {
        RelDataType type = lookupJoin.getRowType();
        List<RexNode> outerColumns = new ArrayList<>();
        for (int i = 0; i < outerWidth; i++) {
            outerColumns.add(RexInputRef.of(i, type));
        }
        if (join.getJoinType() == JoinRelType.SEMI) {
            return lookupJoin;
        }
        RexBuilder rex = join.getCluster().getRexBuilder();
        // A table column that is NULL only where no row matched (a key column is never NULL).
        RexNode matched = rex.makeCall(SqlStdOperatorTable.IS_NOT_NULL,
                RexInputRef.of(outerWidth + t.scan.mnemoTable().schema().keyPositions()[0], type));
        List<RexNode> tableColumns = new ArrayList<>();
        for (RexNode e : t.outputs) {
            // Under a LEFT join the table's columns are nullable: the projection refers to them as they now are.
            tableColumns.add(e instanceof RexInputRef ? RexInputRef.of(outerWidth + ((RexInputRef) e).getIndex(), type)
                    : join.getJoinType() == JoinRelType.LEFT && constant(e) ? whereMatched(rex, matched, e)
                    : RexUtil.shift(e, outerWidth));
        }
        List<RexNode> columns = new ArrayList<>(tableOnRight ? outerColumns : tableColumns);
        columns.addAll(tableOnRight ? tableColumns : outerColumns);
        return RexUtil.isIdentity(columns, type) ? lookupJoin
                : LogicalProject.create(lookupJoin, List.of(), columns, join.getRowType().getFieldNames());
    }

    /** Whether an expression reads no column (as the marker that NOT EXISTS and NOT IN test for NULL). */
    private static boolean constant(RexNode e) {
        return RelOptUtil.InputFinder.bits(e).isEmpty();
    }

    /** A constant where a LEFT join's row has a match, NULL where it has none. */
    private static RexNode whereMatched(RexBuilder rex, RexNode matched, RexNode constant) {
        RelDataType type = rex.getTypeFactory().createTypeWithNullability(constant.getType(), true);
        return rex.makeCall(SqlStdOperatorTable.CASE, matched, rex.makeCast(type, constant, true, false),
                rex.makeNullLiteral(type));
    }

    /** Whether an expression is a column, or a cast of one to a nullable type: NULL where the column is. */
    private static boolean nullWithItsColumn(RexNode e) {
        return e instanceof RexInputRef || e.getKind() == SqlKind.CAST && e.getType().isNullable()
                && ((RexCall) e).getOperands().get(0) instanceof RexInputRef;
    }

    /** The two columns an equality of bare columns compares, in its order; null for any other expression. */
    private static int[] columnEquality(RexNode c) {
        if (c.getKind() != SqlKind.EQUALS) {
            return null;
        }
        List<RexNode> operands = ((RexCall) c).getOperands();
        if (!(operands.get(0) instanceof RexInputRef && operands.get(1) instanceof RexInputRef)) {
            return null;
        }
        return new int[] {((RexInputRef) operands.get(0)).getIndex(), ((RexInputRef) operands.get(1)).getIndex()};
    }

    /** Whether a conjunct of the join's condition is an equality of a pair the lookups match already. */
    private static boolean lookedUp(RexNode c, Lookup lookup, JoinInfo info, int leftWidth) {
        int[] columns = columnEquality(c);
        if (columns == null) {
            return false;
        }
        int a = columns[0];
        int b = columns[1];
        for (int pair : lookup.pairs) {
            int l = info.leftKeys.get(pair);
            int r = leftWidth + info.rightKeys.get(pair);
            if (a == l && b == r || a == r && b == l) {
                return true;
            }
        }
        return false;
    }

    /** A conjunct of the join's condition over the lookup join's columns: the other side's, then the table's. */
    private static RexNode onLookupRows(RexNode c, LogicalJoin join, Traced t, boolean tableOnRight, int outerWidth) {
        int leftWidth = join.getLeft().getRowType().getFieldCount();
        return c.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                boolean onLeft = ref.getIndex() < leftWidth;
                int at = onLeft ? ref.getIndex() : ref.getIndex() - leftWidth;
                return onLeft != tableOnRight ? RexUtil.shift(t.outputs.get(at), outerWidth)
                        : new RexInputRef(at, ref.getType());
            }
        });
    }

    /** The table's side as a full scan under filters and projections; null if it is anything else. */
    private static Traced trace(RelNode rel, int depth) {
        if (depth > DEPTH_MAX) {
            return null;
        }
        if (rel instanceof RelSubset) {
            for (RelNode r : ((RelSubset) rel).getRelList()) {
                Traced t = trace(r, depth + 1);
                if (t != null) {
                    return t;
                }
            }
            return null;
        }
        if (rel instanceof MnemoTableScan) {
            MnemoTableScan scan = (MnemoTableScan) rel;
            if (scan.access().kind != KeyAccess.Kind.FULL || scan.access().descending) {
                return null;
            }
            List<RexNode> columns = new ArrayList<>();
            for (int i = 0; i < scan.getRowType().getFieldCount(); i++) {
                columns.add(RexInputRef.of(i, scan.getRowType()));
            }
            return new Traced(scan, columns, List.of());
        }
        if (rel instanceof LogicalFilter && perRow(List.of(((LogicalFilter) rel).getCondition()))) {
            Traced t = trace(((LogicalFilter) rel).getInput(), depth + 1);
            if (t == null) {
                return null;
            }
            List<RexNode> filters = new ArrayList<>(t.filters);
            filters.add(onScan(((LogicalFilter) rel).getCondition(), t.outputs));
            return new Traced(t.scan, t.outputs, filters);
        }
        if (rel instanceof LogicalProject && perRow(((LogicalProject) rel).getProjects())) {
            Traced t = trace(((LogicalProject) rel).getInput(), depth + 1);
            if (t == null) {
                return null;
            }
            List<RexNode> outputs = new ArrayList<>();
            for (RexNode e : ((LogicalProject) rel).getProjects()) {
                outputs.add(onScan(e, t.outputs));
            }
            return new Traced(t.scan, outputs, t.filters);
        }
        return null;
    }

    /**
     * Whether expressions give the same value however often, and wherever, they are computed for a row: no random
     * values or sequence draws, no window over other rows, no reference to an outer query's row.
     */
    private static boolean perRow(List<RexNode> exprs) {
        for (RexNode e : exprs) {
            if (!RexUtil.isDeterministic(e) || RexOver.containsOver(e) || RexUtil.containsCorrelation(e)) {
                return false;
            }
        }
        return true;
    }

    /** An expression over a rel's columns, over the scan's instead, each column replaced by its expression there. */
    private static RexNode onScan(RexNode e, List<RexNode> columns) {
        return e.accept(new RexShuttle() {
            @Override
            public RexNode visitInputRef(RexInputRef ref) {
                return columns.get(ref.getIndex());
            }
        });
    }

    /**
     * The table's key, else a unique index, else a non-unique one, whose every column an equality looks up (the
     * first of these finds the fewest rows per lookup); null if none.
     */
    private static Lookup lookup(Traced t, List<Integer> tableKeys, List<Integer> outerKeys, RelDataType outerType) {
        TableSchema s = t.scan.mnemoTable().schema();
        Lookup byKey = lookup(null, s.keyPositions(), t, tableKeys, outerKeys, outerType);
        if (byKey != null) {
            return byKey;
        }
        List<IndexDef> indexes = s.indexes();
        for (boolean unique : new boolean[] {true, false}) {
            for (int i = 0; i < indexes.size(); i++) {
                Lookup byIndex = indexes.get(i).isUnique() == unique
                        ? lookup(indexes.get(i).name(), s.indexPositions(i), t, tableKeys, outerKeys, outerType) : null;
                if (byIndex != null) {
                    return byIndex;
                }
            }
        }
        return null;
    }

    /** Lookups of the columns at {@code positions} if an equality gives each a value found exactly; else null. */
    private static Lookup lookup(String index, int[] positions, Traced t, List<Integer> tableKeys,
                                 List<Integer> outerKeys, RelDataType outerType) {
        List<Integer> outerColumns = new ArrayList<>();
        List<Integer> pairs = new ArrayList<>();
        RelDataType scanType = t.scan.getRowType();
        for (int p : positions) {
            int found = -1;
            for (int j = 0; j < tableKeys.size() && found < 0; j++) {
                RexNode side = t.outputs.get(tableKeys.get(j));
                RelDataType outer = outerType.getFieldList().get(outerKeys.get(j)).getType();
                RelDataType column = scanType.getFieldList().get(p).getType();
                if (column(side) == p && foundAsEqual(outer, side.getType()) && foundAsEqual(outer, column)) {
                    found = j;
                }
            }
            if (found < 0) {
                return null;
            }
            outerColumns.add(outerKeys.get(found));
            pairs.add(found);
        }
        return new Lookup(index, outerColumns, pairs);
    }

    /**
     * The scan column an equality's table side is, bare or cast to a type that holds every value of it (a wider
     * integer, a VARCHAR at least as long); else -1. A narrowing cast changes what the join compares (a text cut
     * short equals more texts; an integer out of range fails), so the join must see every row of the table.
     */
    private static int column(RexNode side) {
        if (side instanceof RexInputRef) {
            return ((RexInputRef) side).getIndex();
        }
        if (side.getKind() == SqlKind.CAST && ((RexCall) side).getOperands().get(0) instanceof RexInputRef) {
            RexNode from = ((RexCall) side).getOperands().get(0);
            return widens(from.getType(), side.getType()) ? ((RexInputRef) from).getIndex() : -1;
        }
        return -1;
    }

    /** Whether a cast from {@code from} to {@code to} keeps every value as it is: alike types, none narrower. */
    private static boolean widens(RelDataType from, RelDataType to) {
        if (!alike(from.getSqlTypeName(), to.getSqlTypeName())) {
            return sameExactType(from, to);
        }
        return NarrowingCasts.keepsEveryValue(from, to);
    }

    /**
     * Whether a value of one type, coerced to the other for a lookup, finds exactly the values SQL finds equal:
     * integers of any width (a value out of a column's range is no value of it), or VARCHARs (a longer text is none).
     */
    private static boolean alike(SqlTypeName a, SqlTypeName b) {
        return INTEGERS.contains(a) ? INTEGERS.contains(b) : a == SqlTypeName.VARCHAR && b == SqlTypeName.VARCHAR;
    }

    /** Whether a lookup of a value of type {@code a} finds exactly the values of type {@code b} SQL finds equal. */
    private static boolean foundAsEqual(RelDataType a, RelDataType b) {
        return alike(a.getSqlTypeName(), b.getSqlTypeName()) || sameExactType(a, b);
    }

    /**
     * Whether both are one of the types whose equality is that of the values stored, with the same length, precision
     * and scale: a CHAR of another length compares padded, a DECIMAL of another scale or a TIME of other digits by
     * a value the stored one is not.
     */
    private static boolean sameExactType(RelDataType a, RelDataType b) {
        return EXACT.contains(a.getSqlTypeName()) && a.getSqlTypeName() == b.getSqlTypeName()
                && a.getPrecision() == b.getPrecision() && a.getScale() == b.getScale();
    }
}
