package dev.mnemo.sql.plan;

import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.plan.Strong;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * UUIDs order as their bytes unsigned, as their text sorts and as the engine's keys hold them. Calcite's generated
 * code orders them by {@code UUID.compareTo}, which compares the two halves signed, so that {@code 8000...} sorted
 * before {@code 7fff...}. A sort, a MIN or MAX, an ARG_MIN or ARG_MAX by a UUID, or the ORDER BY inside an aggregate
 * ({@code STRING_AGG(s, ',' ORDER BY u)}) on a UUID therefore works on its text instead, which has the right
 * order; comparisons ({@code <}, {@code >=}, ...) and windows ordered by a UUID, or taking its MIN or MAX, are made
 * on the text as they are built ({@link MnemoRexBuilder}).
 */
public final class UuidOrder {
    private static final List<SqlKind> EXTREMES = List.of(SqlKind.MIN, SqlKind.MAX);
    /** The aggregates that give the value of the row with the least or greatest key, their second argument. */
    private static final List<SqlKind> BY_KEY = List.of(SqlKind.ARG_MIN, SqlKind.ARG_MAX);
    private static final SqlOperator TEXT = new SqlUserDefinedFunction(
            new SqlIdentifier("UUID_ORDER_TEXT", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            ReturnTypes.explicit(SqlTypeName.VARCHAR), null, null,
            ScalarFunctionImpl.create(Types.lookupMethod(UuidOrder.class, "text", UUID.class))) {
        /** NULL for NULL ({@link #text(UUID)} is strict): a comparison of the text rejects a NULL UUID. */
        @Override
        public Supplier<Strong.Policy> getStrongPolicyInference() {
            return () -> Strong.Policy.ANY;
        }
    };

    private UuidOrder() {
    }

    /** The logical plan with its sorts, MIN or MAX and ordered aggregates of UUIDs made on their text. */
    public static RelNode apply(RelNode plan) {
        return PlanRewrite.bottomUp(plan, UuidOrder::rewrite);
    }

    /** Whether the aggregate takes the least or greatest of its values. */
    static boolean isExtreme(SqlKind kind) {
        return EXTREMES.contains(kind);
    }

    static boolean isUuid(RelDataType type) {
        return type.getSqlTypeName() == SqlTypeName.UUID;
    }

    /**
     * The UUID as its canonical text, whose order is the UUID's. Not a cast: Calcite takes a cast for one that keeps
     * the order of its operand, and would sort or compare the UUID itself again.
     */
    static RexNode text(RexBuilder rex, RexNode uuid) {
        return rex.makeCall(varchar(rex.getTypeFactory(), uuid.getType()), TEXT, List.of(uuid));
    }

    /**
     * Whether a cast of {@code value} to {@code type} gives a UUID's text, to be made of {@link #text} instead. Calcite
     * takes a cast of a UUID to text for one that keeps its order: it would sort the UUIDs (signed) for an ORDER BY
     * of the cast, or pass a scan's order on them through it. A literal's cast is folded as it is.
     */
    static boolean isToText(RelDataType type, RexNode value) {
        return isUuid(value.getType()) && SqlTypeUtil.inCharFamily(type) && !(value instanceof RexLiteral);
    }

    /** The UUID whose text {@code n} is ({@link #text}), or null when {@code n} is no such text. */
    static RexNode textOf(RexNode n) {
        return n instanceof RexCall && ((RexCall) n).getOperator() == TEXT ? ((RexCall) n).getOperands().get(0) : null;
    }

    /** The type of a UUID's text: a VARCHAR, nullable as the UUID is. */
    private static RelDataType varchar(RelDataTypeFactory types, RelDataType uuid) {
        return types.createTypeWithNullability(types.createSqlType(SqlTypeName.VARCHAR), uuid.isNullable());
    }

    /** The canonical text of a UUID, lower case. */
    @Strict
    public static String text(UUID uuid) {
        return uuid.toString();
    }

    private static RelNode rewrite(RelNode node) {
        if (node instanceof Sort) {
            return sort((Sort) node);
        }
        if (node instanceof Aggregate) {
            return aggregate((Aggregate) node);
        }
        return node;
    }

    /** The input with the text of each of {@code uuids} (its field numbers) added after its own fields. */
    private static RelNode withTexts(RelNode input, List<Integer> uuids) {
        RexBuilder rex = input.getCluster().getRexBuilder();
        List<RexNode> fields = new ArrayList<>(rex.identityProjects(input.getRowType()));
        List<String> names = new ArrayList<>(input.getRowType().getFieldNames());
        for (int i : uuids) {
            fields.add(text(rex, rex.makeInputRef(input, i)));
            names.add("UUID_TEXT$" + names.size());
        }
        return LogicalProject.create(input, List.of(), fields, names, Set.of());
    }

    private static RelNode firstFields(RelNode input, RelDataType rowType) {
        RexBuilder rex = input.getCluster().getRexBuilder();
        List<RexNode> fields = new ArrayList<>();
        for (int i = 0; i < rowType.getFieldCount(); i++) {
            fields.add(rex.makeInputRef(input, i));
        }
        return LogicalProject.create(input, List.of(), fields, rowType.getFieldNames(), Set.of());
    }

    /**
     * The order with each key on a UUID field of {@code row} moved to that field's text, a field after the row's
     * own; the UUID fields whose texts it needs are added to {@code uuids}, once each, in the texts' order.
     */
    private static List<RelFieldCollation> onTexts(List<RelFieldCollation> order, RelDataType row,
                                                   List<Integer> uuids) {
        List<RelFieldCollation> out = new ArrayList<>(order.size());
        for (RelFieldCollation c : order) {
            boolean uuid = isUuid(row.getFieldList().get(c.getFieldIndex()).getType());
            out.add(uuid ? c.withFieldIndex(textField(c.getFieldIndex(), row, uuids)) : c);
        }
        return out;
    }

    /** The number of the field after {@code row}'s own that holds the text of its UUID field {@code field}. */
    private static int textField(int field, RelDataType row, List<Integer> uuids) {
        int at = uuids.indexOf(field);
        if (at < 0) {
            at = uuids.size();
            uuids.add(field);
        }
        return row.getFieldCount() + at;
    }

    private static RelNode sort(Sort sort) {
        RelNode input = sort.getInput();
        List<Integer> uuids = new ArrayList<>();
        List<RelFieldCollation> order = onTexts(sort.getCollation().getFieldCollations(), input.getRowType(), uuids);
        if (uuids.isEmpty()) {
            return sort;
        }
        RelCollation collation = RelCollations.of(order);
        RelNode texts = withTexts(input, uuids);
        Sort sorted = sort.copy(sort.getTraitSet().replace(collation), texts, collation, sort.offset, sort.fetch);
        return firstFields(sorted, sort.getRowType());
    }

    /**
     * The aggregate with its MIN and MAX of UUIDs made on their texts and cast back, and the ORDER BY inside its
     * calls ({@code STRING_AGG(s, ',' ORDER BY u)}, {@code ARRAY_AGG(...)}, {@code WITHIN GROUP}) on the texts.
     */
    private static RelNode aggregate(Aggregate agg) {
        RelNode input = agg.getInput();
        List<Integer> uuids = new ArrayList<>();
        List<AggregateCall> calls = new ArrayList<>();
        for (AggregateCall call : agg.getAggCallList()) {
            calls.add(onTexts(call, input, uuids));
        }
        if (uuids.isEmpty()) {
            return agg;
        }
        Aggregate onTexts = agg.copy(agg.getTraitSet(), withTexts(input, uuids), agg.getGroupSet(),
                agg.getGroupSets(), calls);
        RexBuilder rex = agg.getCluster().getRexBuilder();
        List<RexNode> fields = new ArrayList<>();
        for (int i = 0; i < agg.getRowType().getFieldCount(); i++) {
            RelDataType wanted = agg.getRowType().getFieldList().get(i).getType();
            RexNode field = rex.makeInputRef(onTexts, i);
            fields.add(isUuid(wanted) && !isUuid(field.getType()) ? rex.makeCast(wanted, field) : field);
        }
        return LogicalProject.create(onTexts, List.of(), fields, agg.getRowType().getFieldNames(), Set.of());
    }

    /** The call on the texts of the UUIDs it takes the least or greatest of, picks a row by, or orders rows by. */
    private static AggregateCall onTexts(AggregateCall call, RelNode input, List<Integer> uuids) {
        RelDataType row = input.getRowType();
        boolean extreme = isExtreme(call.getAggregation().getKind()) && isUuid(call.getType());
        boolean byUuid = BY_KEY.contains(call.getAggregation().getKind())
                && isUuid(row.getFieldList().get(call.getArgList().get(1)).getType());
        List<RelFieldCollation> order = onTexts(call.collation.getFieldCollations(), row, uuids);
        if (!extreme && !byUuid && order.equals(call.collation.getFieldCollations())) {
            return call;
        }
        List<Integer> args = extreme ? List.of(textField(call.getArgList().get(0), row, uuids))
                : byUuid ? List.of(call.getArgList().get(0), textField(call.getArgList().get(1), row, uuids))
                : call.getArgList();
        RelDataType type = extreme ? varchar(input.getCluster().getTypeFactory(), call.getType()) : call.getType();
        return AggregateCall.create(call.getParserPosition(), call.getAggregation(), call.isDistinct(),
                call.isApproximate(), call.ignoreNulls(), call.rexList, args, call.filterArg, call.distinctKeys,
                RelCollations.of(order), type, call.getName());
    }
}
