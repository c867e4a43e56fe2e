package dev.mnemo.sql.exec;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlBasicTypeNameSpec;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.fun.SqlCase;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.util.SqlShuttle;
import org.apache.calcite.util.Litmus;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;

/**
 * {@code STRING_AGG} and {@code GROUP_CONCAT} as window functions ({@code STRING_AGG(s, ',') OVER (...)}). Calcite
 * runs them only in a GROUP BY, where it makes them {@code LISTAGG}; over a window it had no code for them and
 * failed with an internal error. There they become {@code LISTAGG} before validation: the same value and
 * separator (GROUP_CONCAT's {@code SEPARATOR s}, or {@code ','}). An ORDER BY inside the call has no window form
 * (the window's own ORDER BY orders the rows it aggregates) and fails with 0A000.
 *
 * <p>{@code PERCENT_RANK} and {@code CUME_DIST}, which Calcite validates but has no code for, become the counts they
 * are defined by: {@code (RANK() - 1) / (rows - 1)} (0 in a partition of one row) and {@code rows up to the current
 * row's last peer / rows}, both DOUBLE. {@code NTH_VALUE(x, n)} with a literal n is NULL while its frame holds fewer
 * than n rows: Calcite's own code looked for the n-th row in the whole partition, past the frame's end.
 */
final class WindowAggregates {
    /** The aggregates that are LISTAGG under another name. */
    private static final Set<String> LISTAGG_NAMES = Set.of("STRING_AGG", "GROUP_CONCAT");

    private WindowAggregates() {
    }

    /**
     * Replaces, in place, each STRING_AGG and GROUP_CONCAT over a window by LISTAGG of the same arguments, and each
     * PERCENT_RANK, CUME_DIST and NTH_VALUE over a window by an expression Calcite runs correctly.
     */
    static void standIn(SqlNode statement) {
        Set<SqlNode> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        Deque<SqlSelect> selects = new ArrayDeque<>();
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.OVER && call.operand(0) instanceof SqlBasicCall) {
                    asListagg((SqlBasicCall) call.operand(0));
                }
                if (call instanceof SqlBasicCall) {
                    for (int i = 0; i < call.operandCount(); i++) {
                        SqlNode replaced = computed(call.operand(i), kept, selects.peek());
                        if (replaced != null) {
                            call.setOperand(i, replaced);
                        }
                    }
                }
                if (!(call instanceof SqlSelect)) {
                    return super.visit(call);
                }
                selects.push((SqlSelect) call);
                try {
                    return super.visit(call);
                } finally {
                    selects.pop();
                }
            }

            @Override
            public Void visit(SqlNodeList list) {
                for (int i = 0; i < list.size(); i++) {
                    SqlNode replaced = computed(list.get(i), kept, selects.peek());
                    if (replaced != null) {
                        list.set(i, replaced);
                    }
                }
                return super.visit(list);
            }
        });
    }

    /**
     * The expression that stands for a window function Calcite cannot run as it is, or null for any other node and
     * for those in {@code kept}, the calls an expression made here keeps as they are. The expression names no
     * window of the WINDOW clause of {@code select}: Calcite's resolution of a window that refines a named one
     * changed the named one.
     */
    private static SqlNode computed(SqlNode node, Set<SqlNode> kept, SqlSelect select) {
        if (node == null || node.getKind() != SqlKind.OVER || kept.contains(node)) {
            return null;
        }
        SqlCall over = (SqlCall) node;
        SqlWindow window = window(over.operand(1), select);
        if (window == null) {
            return null;
        }
        SqlParserPos pos = over.getParserPosition();
        SqlCall function = over.operand(0);
        switch (function.getOperator().getName().toUpperCase(Locale.ROOT)) {
            case "PERCENT_RANK": {
                SqlNode rank = over(SqlStdOperatorTable.RANK.createCall(pos), window, false);
                SqlNode share = SqlStdOperatorTable.DIVIDE.createCall(pos,
                        asDouble(SqlStdOperatorTable.MINUS.createCall(pos, rank, one())),
                        SqlStdOperatorTable.MINUS.createCall(pos, over(count(), window, true), one()));
                SqlNode alone = SqlStdOperatorTable.EQUALS.createCall(pos, over(count(), window, true), one());
                return new SqlCase(pos, null, SqlNodeList.of(alone), SqlNodeList.of(asDouble(zero())), share);
            }
            case "CUME_DIST":
                return SqlStdOperatorTable.DIVIDE.createCall(pos, asDouble(over(count(), window, false)),
                        over(count(), window, true));
            case "NTH_VALUE": {
                SqlNode n = function.operandCount() == 2 ? function.operand(1) : null;
                if (!(n instanceof SqlLiteral)) {
                    return null;
                }
                SqlNode reached = SqlStdOperatorTable.GREATER_THAN_OR_EQUAL.createCall(pos,
                        over(count(), window, false), copy(n));
                kept.add(over);
                return new SqlCase(pos, null, SqlNodeList.of(reached), SqlNodeList.of(over),
                        SqlLiteral.createNull(pos));
            }
            default:
                return null;
        }
    }

    /** The window an OVER names or writes out, or null where it is neither (a name that refines another window). */
    private static SqlWindow window(SqlNode operand, SqlSelect select) {
        if (operand instanceof SqlWindow) {
            return ((SqlWindow) operand).getRefName() == null ? (SqlWindow) operand : null;
        }
        if (!(operand instanceof SqlIdentifier) || select == null || select.getWindowList() == null) {
            return null;
        }
        for (SqlNode declared : select.getWindowList()) {
            SqlWindow w = (SqlWindow) declared;
            if (w.getDeclName() != null && w.getDeclName().equalsDeep(operand, Litmus.IGNORE)) {
                return w.getRefName() == null ? w : null;
            }
        }
        return null;
    }

    /**
     * {@code aggregate OVER} a copy of {@code window} written out, with the window's frame, or with a frame of its
     * whole partition.
     */
    private static SqlNode over(SqlNode aggregate, SqlWindow window, boolean wholePartition) {
        SqlParserPos pos = SqlParserPos.ZERO;
        SqlLiteral exclude = window.getExclude() == null || wholePartition
                ? SqlWindow.createExcludeNoOthers(pos) : (SqlLiteral) copy(window.getExclude());
        SqlLiteral rows = SqlLiteral.createBoolean(wholePartition || window.isRows(), pos);
        SqlWindow copy = SqlWindow.create(null, null, (SqlNodeList) copy(window.getPartitionList()),
                (SqlNodeList) copy(window.getOrderList()), rows,
                wholePartition ? SqlWindow.createUnboundedPreceding(pos) : copy(window.getLowerBound()),
                wholePartition ? SqlWindow.createUnboundedFollowing(pos) : copy(window.getUpperBound()),
                SqlLiteral.createBoolean(window.isAllowPartial(), pos), exclude, pos);
        return SqlStdOperatorTable.OVER.createCall(pos, aggregate, copy);
    }

    private static SqlNode count() {
        return SqlStdOperatorTable.COUNT.createCall(SqlParserPos.ZERO, SqlIdentifier.star(SqlParserPos.ZERO));
    }

    private static SqlNode asDouble(SqlNode value) {
        SqlDataTypeSpec type = new SqlDataTypeSpec(new SqlBasicTypeNameSpec(SqlTypeName.DOUBLE, SqlParserPos.ZERO),
                SqlParserPos.ZERO);
        return SqlStdOperatorTable.CAST.createCall(SqlParserPos.ZERO, value, type);
    }

    private static SqlNode one() {
        return SqlLiteral.createExactNumeric("1", SqlParserPos.ZERO);
    }

    private static SqlNode zero() {
        return SqlLiteral.createExactNumeric("0", SqlParserPos.ZERO);
    }

    /**
     * A copy that shares no node with the original: the validator rewrites the identifiers of a window in place, and
     * each window the rewrite makes must be its own.
     */
    private static SqlNode copy(SqlNode node) {
        return node == null ? null : node.accept(new SqlShuttle() {
            @Override
            public SqlNode visit(SqlIdentifier id) {
                return id.clone(id.getParserPosition());
            }

            @Override
            public SqlNode visit(SqlLiteral literal) {
                return literal.clone(literal.getParserPosition());
            }
        });
    }

    private static void asListagg(SqlBasicCall aggregate) {
        String name = aggregate.getOperator().getName().toUpperCase(Locale.ROOT);
        if (!LISTAGG_NAMES.contains(name)) {
            return;
        }
        for (int i = 0; i < aggregate.operandCount(); i++) {
            SqlNode operand = aggregate.operand(i);
            if (operand instanceof SqlNodeList) {
                throw new SqlError("0A000", name + " with an ORDER BY inside is not supported as a window function;"
                        + " order the window instead: " + name + "(...) OVER (... ORDER BY ...)");
            }
            if (operand != null && operand.getKind() == SqlKind.SEPARATOR) {
                aggregate.setOperand(i, ((SqlCall) operand).operand(0));
            }
        }
        aggregate.setOperator(SqlStdOperatorTable.LISTAGG);
    }
}
