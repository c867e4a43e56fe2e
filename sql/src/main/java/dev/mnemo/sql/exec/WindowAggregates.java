package dev.mnemo.sql.exec;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.Locale;
import java.util.Set;

/**
 * {@code STRING_AGG} and {@code GROUP_CONCAT} as window functions ({@code STRING_AGG(s, ',') OVER (...)}). Calcite
 * runs them only in a GROUP BY, where it makes them {@code LISTAGG}; over a window it had no code for them and
 * failed with an internal error. There they become {@code LISTAGG} before validation: the same value and
 * separator (GROUP_CONCAT's {@code SEPARATOR s}, or {@code ','}). An ORDER BY inside the call has no window form
 * (the window's own ORDER BY orders the rows it aggregates) and fails with 0A000.
 */
final class WindowAggregates {
    /** The aggregates that are LISTAGG under another name. */
    private static final Set<String> LISTAGG_NAMES = Set.of("STRING_AGG", "GROUP_CONCAT");

    private WindowAggregates() {
    }

    /** Replaces, in place, each STRING_AGG and GROUP_CONCAT over a window by LISTAGG of the same arguments. */
    static void standIn(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getKind() == SqlKind.OVER && call.operand(0) instanceof SqlBasicCall) {
                    asListagg((SqlBasicCall) call.operand(0));
                }
                return super.visit(call);
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
