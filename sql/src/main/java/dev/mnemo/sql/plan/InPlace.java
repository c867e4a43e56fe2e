package dev.mnemo.sql.plan;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.List;
import java.util.function.UnaryOperator;

/** Rewrites of a parsed statement made in place, before it is validated. */
public final class InPlace {
    private InPlace() {
    }

    /**
     * Replaces each operand of a call and each element of a list in {@code statement} for which {@code replacement}
     * gives a node (null: kept), then visits what stands there, a replacement too.
     */
    public static void replace(SqlNode statement, UnaryOperator<SqlNode> replacement) {
        statement.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                List<SqlNode> operands = call.getOperandList();
                for (int i = 0; i < operands.size(); i++) {
                    SqlNode replaced = replacement.apply(operands.get(i));
                    if (replaced != null) {
                        call.setOperand(i, replaced);
                    }
                }
                return super.visit(call);
            }

            @Override
            public Void visit(SqlNodeList list) {
                for (int i = 0; i < list.size(); i++) {
                    SqlNode replaced = replacement.apply(list.get(i));
                    if (replaced != null) {
                        list.set(i, replaced);
                    }
                }
                return super.visit(list);
            }
        });
    }
}
