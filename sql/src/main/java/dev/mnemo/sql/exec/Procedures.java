package dev.mnemo.sql.exec;

import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.cluster.Membership;
import dev.mnemo.sql.schema.MnemoSchema;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;

import java.util.List;

/**
 * Mnemo's procedures, run with {@code CALL}: {@code CALL [MNEMO.]REMOVE_MEMBER('name')} removes a member from the
 * cluster for good ({@link Membership#remove}), on the leader. Its argument is a character literal: the statement
 * is an operator's, run once, not prepared with parameters.
 */
final class Procedures {
    static final String REMOVE_MEMBER = "REMOVE_MEMBER";

    private Procedures() {
    }

    /** Whether {@code node} is a {@code CALL}. */
    static boolean isCall(SqlNode node) {
        return node.getKind() == SqlKind.PROCEDURE_CALL;
    }

    /**
     * The member name a {@code CALL REMOVE_MEMBER} gives, checked: an unknown procedure fails with 42883, other
     * arguments than one character literal with 42000.
     */
    static String memberName(SqlCall call) {
        SqlNode invoked = call.operand(0);
        if (!(invoked instanceof SqlCall routine)) {
            throw new SqlError("42000", "CALL takes a procedure with its arguments: CALL REMOVE_MEMBER('name')");
        }
        SqlIdentifier id = routine.getOperator().getNameAsId();
        List<String> names = id.names;
        boolean ours = names.size() == 1 || (names.size() == 2 && names.get(0).equalsIgnoreCase(MnemoSchema.NAME));
        if (!ours || !names.get(names.size() - 1).equalsIgnoreCase(REMOVE_MEMBER)) {
            throw new SqlError("42883", "no procedure " + id + " (Mnemo has " + MnemoSchema.NAME + "."
                    + REMOVE_MEMBER + ")");
        }
        if (routine.operandCount() != 1 || !(routine.operand(0) instanceof SqlCharStringLiteral name)) {
            throw new SqlError("42000", REMOVE_MEMBER + " takes one argument, the member's name as a character "
                    + "literal: CALL " + MnemoSchema.NAME + "." + REMOVE_MEMBER + "('b')");
        }
        return name.getValueAs(String.class);
    }

    /** Runs a checked {@code CALL}. */
    static void call(SqlDatabase database, SqlCall call) {
        database.membership().remove(memberName(call));
    }
}
