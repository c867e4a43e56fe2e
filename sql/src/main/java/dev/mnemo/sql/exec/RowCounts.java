package dev.mnemo.sql.exec;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOrderBy;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.util.SqlBasicVisitor;

import java.util.HashMap;
import java.util.Map;

/**
 * The row counts of FETCH FIRST (LIMIT) and OFFSET given as parameters, checked when the statement runs. The grammar
 * takes an unsigned literal or a parameter; a parameter's value that is negative or NULL is a data exception by the
 * standard (2201W, 2201X), where the compiled plan would give no rows, every row, or fail inside its own code.
 */
public final class RowCounts {
    /** The clause whose row count a parameter gives. */
    public enum Clause {
        FETCH("2201W", "invalid row count in FETCH FIRST (LIMIT)"),
        OFFSET("2201X", "invalid row count in OFFSET");

        private final String sqlState;
        private final String message;

        Clause(String sqlState, String message) {
            this.sqlState = sqlState;
            this.message = message;
        }
    }

    private RowCounts() {
    }

    /** The clause of each parameter of a validated statement that gives a row count, by parameter index. */
    static Map<Integer, Clause> of(SqlNode validated) {
        Map<Integer, Clause> out = new HashMap<>();
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                if (call instanceof SqlSelect) {
                    note(((SqlSelect) call).getFetch(), Clause.FETCH, out);
                    note(((SqlSelect) call).getOffset(), Clause.OFFSET, out);
                } else if (call instanceof SqlOrderBy) {
                    note(((SqlOrderBy) call).fetch, Clause.FETCH, out);
                    note(((SqlOrderBy) call).offset, Clause.OFFSET, out);
                }
                return super.visit(call);
            }
        });
        return out;
    }

    private static void note(SqlNode count, Clause clause, Map<Integer, Clause> out) {
        if (count instanceof SqlDynamicParam) {
            out.put(((SqlDynamicParam) count).getIndex(), clause);
        }
    }

    /** Fails with the clause's SQLState if {@code value} (a parameter's, in internal form) is no row count. */
    static void check(ParamMeta p, Object value) {
        if (p.rowCountOf() == null) {
            return;
        }
        if (value == null || ((Number) value).longValue() < 0) {
            throw new SqlError(p.rowCountOf().sqlState, p.rowCountOf().message + ": " + value
                    + " (a row count is zero or more)");
        }
    }
}
