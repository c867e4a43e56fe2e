package dev.mnemo.sql.exec;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlGroupedWindowFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNumericLiteral;
import org.apache.calcite.sql.SqlSampleSpec;
import org.apache.calcite.sql.SqlWindow;
import org.apache.calcite.sql.SqlWindowTableFunction;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlBasicVisitor;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * Refuses, with 0A000 and a message naming the feature, the query shapes that Calcite validates but that its
 * enumerable code cannot run, or runs wrongly: {@code MATCH_RECOGNIZE} (its code fails to compile or to translate
 * pattern quantifiers, navigation and measures), the grouped window functions ({@code GROUP BY TUMBLE(...)}, {@code
 * HOP}, {@code SESSION}, and their {@code _START}/{@code _END}), the {@code SESSION} table function, {@code
 * TABLESAMPLE SYSTEM}, {@code UNNEST} of several arrays (which Calcite pairs every element of one with every
 * element of the others, not by position), {@code IGNORE NULLS}, a window frame's {@code EXCLUDE} (but {@code NO
 * OTHERS}; the others gave wrong sums), and window frames of {@code RANGE} with an offset over a DECIMAL or of a
 * fraction (their code did not compile), over a descending {@code ORDER BY} (every value came out NULL), or of an
 * {@code INTERVAL} over a DATE (the offset taken in milliseconds against a count of days). Without this they failed
 * as internal errors (XX000), or gave wrong results.
 */
final class RefusedShapes {
    private RefusedShapes() {
    }

    /** Throws 0A000 if the validated statement has one of the shapes Mnemo cannot run. */
    static void check(SqlNode validated, SqlValidator validator) {
        validated.accept(new SqlBasicVisitor<Void>() {
            @Override
            public Void visit(SqlCall call) {
                refuse(call, validator);
                return super.visit(call);
            }
        });
    }

    private static void refuse(SqlCall call, SqlValidator validator) {
        if (call.getKind() == SqlKind.MATCH_RECOGNIZE) {
            throw new SqlError("0A000", "MATCH_RECOGNIZE is not supported: Mnemo cannot run row pattern recognition;"
                    + " LAG, LEAD and other window functions can often express the comparison of neighbouring rows");
        }
        if (call.getOperator() instanceof SqlGroupedWindowFunction) {
            throw new SqlError("0A000", call.getKind() + " in GROUP BY is not supported; group the rows of the table"
                    + " function instead, naming its columns: SELECT ws, COUNT(*) FROM TABLE(TUMBLE(TABLE t,"
                    + " DESCRIPTOR(c), INTERVAL ...)) AS w (<t's columns>, ws, we) GROUP BY ws (or HOP)");
        }
        if (call.getOperator() instanceof SqlWindowTableFunction && "SESSION".equals(call.getOperator().getName())) {
            throw new SqlError("0A000", "the SESSION table function is not supported; TUMBLE and HOP are");
        }
        if (call.getKind() == SqlKind.TABLESAMPLE && call.operand(1) instanceof SqlLiteral
                && ((SqlLiteral) call.operand(1)).getValueAs(SqlSampleSpec.class)
                        instanceof SqlSampleSpec.SqlTableSampleSpec sample && !sample.isBernoulli()) {
            throw new SqlError("0A000", "TABLESAMPLE SYSTEM is not supported; TABLESAMPLE BERNOULLI is");
        }
        if (call.getKind() == SqlKind.UNNEST && call.operandCount() > 1) {
            // Calcite pairs every element of each array with every element of the others; SQL pairs them by position.
            throw new SqlError("0A000", "UNNEST of several arrays is not supported; UNNEST each WITH ORDINALITY and"
                    + " join them on the ordinality");
        }
        if (call.getKind() == SqlKind.IGNORE_NULLS) {
            throw new SqlError("0A000", "IGNORE NULLS is not supported; filter the NULLs out in a CASE or a subquery");
        }
        if (call instanceof SqlWindow) {
            SqlLiteral exclude = ((SqlWindow) call).getExclude();
            if (exclude != null && !SqlWindow.isExcludeNoOthers(exclude)) {
                throw new SqlError("0A000", "a window frame's EXCLUDE CURRENT ROW, EXCLUDE GROUP and EXCLUDE TIES are"
                        + " not supported");
            }
            rangeFrame((SqlWindow) call, validator);
        }
    }

    /** Refuses a RANGE frame with an offset that Calcite would compute wrongly for the window's ORDER BY. */
    private static void rangeFrame(SqlWindow window, SqlValidator validator) {
        if (window.isRows() || !(isOffset(window.getLowerBound()) || isOffset(window.getUpperBound()))
                || window.getOrderList().size() != 1) {
            return;
        }
        SqlNode key = window.getOrderList().get(0);
        boolean descending = false;
        while (key instanceof SqlCall && (key.getKind() == SqlKind.DESCENDING || key.getKind() == SqlKind.NULLS_FIRST
                || key.getKind() == SqlKind.NULLS_LAST)) {
            descending |= key.getKind() == SqlKind.DESCENDING;
            key = ((SqlCall) key).operand(0);
        }
        if (descending) {
            throw new SqlError("0A000", "a RANGE frame with an offset (n PRECEDING or FOLLOWING) over a descending"
                    + " ORDER BY is not supported; order the window ascending, or use a ROWS frame");
        }
        RelDataType type = validator.getValidatedNodeTypeIfKnown(key);
        if (type != null && type.getSqlTypeName() == SqlTypeName.DATE) {
            throw new SqlError("0A000", "a RANGE frame with an INTERVAL offset over a DATE is not supported; order the"
                    + " window by the date CAST AS TIMESTAMP");
        }
        if (type != null && type.getSqlTypeName() == SqlTypeName.DECIMAL || isFraction(window.getLowerBound())
                || isFraction(window.getUpperBound())) {
            throw new SqlError("0A000", "a RANGE frame with an offset over a DECIMAL, or with an offset of a fraction,"
                    + " is not supported; order the window by a DOUBLE and give a whole offset, or use a ROWS frame");
        }
    }

    /** True for {@code n PRECEDING} or {@code n FOLLOWING} whose n is a literal with a fraction, such as 0.5. */
    private static boolean isFraction(SqlNode bound) {
        return isOffset(bound) && bound instanceof SqlCall && ((SqlCall) bound).operand(0) instanceof SqlNumericLiteral
                && !((SqlNumericLiteral) ((SqlCall) bound).operand(0)).isInteger();
    }

    /** True for {@code n PRECEDING} or {@code n FOLLOWING}, false for no bound, CURRENT ROW and UNBOUNDED. */
    private static boolean isOffset(SqlNode bound) {
        return bound != null && !SqlWindow.isCurrentRow(bound) && !SqlWindow.isUnboundedPreceding(bound)
                && !SqlWindow.isUnboundedFollowing(bound);
    }
}
