package dev.mnemo.sql.exec;

import dev.mnemo.sql.plan.InPlace;
import org.apache.calcite.sql.SqlBasicCall;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnresolvedFunction;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.Locale;

/**
 * Other databases' names for standard functions, made the standard's before validation so that they are typed and
 * run as those are: {@code NOW()} is {@code CURRENT_TIMESTAMP} (as in PostgreSQL, MySQL and H2), the time of the
 * statement as {@code StatementTime} reads it; PostgreSQL's {@code nextval('s')} (or {@code nextval('s'::regclass)})
 * is {@code NEXT VALUE FOR s}, its text read as a column default's is. A name given arguments it does not take is
 * left for the validator to refuse (42000).
 */
final class FunctionAliases {
    private FunctionAliases() {
    }

    /**
     * Replaces, in place, each {@code nextval('s')} by {@code NEXT VALUE FOR s}; before sequences are looked up,
     * which {@link #standIn} is not.
     */
    static void standInNextval(SqlNode statement) {
        InPlace.replace(statement, FunctionAliases::nextValueFor);
    }

    /** {@code NEXT VALUE FOR s} if {@code node} is {@code nextval('s')}, else null. */
    private static SqlNode nextValueFor(SqlNode node) {
        if (!(node instanceof SqlBasicCall) || !(((SqlCall) node).getOperator() instanceof SqlUnresolvedFunction)
                || ((SqlCall) node).getFunctionQuantifier() != null) {
            return null;
        }
        SqlIdentifier sequence = ColumnDefaults.nextvalSequence((SqlCall) node);
        return sequence == null ? null
                : SqlStdOperatorTable.NEXT_VALUE.createCall(node.getParserPosition(), sequence);
    }

    /** Replaces, in place, each call of an alias by the standard function it names. */
    static void standIn(SqlNode statement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call.getOperator() instanceof SqlUnresolvedFunction && call instanceof SqlBasicCall
                        && call.operandCount() == 0 && call.getFunctionQuantifier() == null
                        && "NOW".equals(call.getOperator().getName().toUpperCase(Locale.ROOT))) {
                    ((SqlBasicCall) call).setOperator(SqlStdOperatorTable.CURRENT_TIMESTAMP);
                }
                return super.visit(call);
            }
        });
    }
}
