package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
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

import java.util.List;

/**
 * Checks a text before Calcite casts it to DOUBLE or REAL. Calcite's cast reads {@code '1e400'} as an infinity,
 * which would then be stored or compared as if it had been given; such a text fails with SQLState 22003, as a
 * number too large for its type does elsewhere. A text that names an infinity or NaN ({@code 'Infinity'}) stays
 * what it says, and one that is no number is left for the cast to refuse.
 */
public final class FloatText {
    private static final SqlOperator DOUBLE_CHECK = check("DOUBLE_TEXT", "checkDouble");
    private static final SqlOperator REAL_CHECK = check("REAL_TEXT", "checkReal");

    private FloatText() {
    }

    private static SqlOperator check(String name, String method) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                ReturnTypes.ARG0, null, null,
                ScalarFunctionImpl.create(Types.lookupMethod(FloatText.class, method, String.class)));
    }

    /** Whether a cast of {@code value} to {@code type} needs the check first: text to DOUBLE, FLOAT or REAL. */
    static boolean needsCheck(RelDataType type, RexNode value) {
        SqlTypeName to = type.getSqlTypeName();
        return (to == SqlTypeName.DOUBLE || to == SqlTypeName.FLOAT || to == SqlTypeName.REAL)
                && SqlTypeUtil.inCharFamily(value.getType())
                && !(value instanceof RexCall && (((RexCall) value).getOperator() == DOUBLE_CHECK
                        || ((RexCall) value).getOperator() == REAL_CHECK));
    }

    /** The text, checked when the expression runs to be within the range of {@code type}. */
    static RexNode checked(RexBuilder rexBuilder, RexNode text, RelDataType type) {
        SqlOperator check = type.getSqlTypeName() == SqlTypeName.REAL ? REAL_CHECK : DOUBLE_CHECK;
        return rexBuilder.makeCall(text.getType(), check, List.of(text));
    }

    /** The text unchanged, or 22003 if it is a number too large for a DOUBLE. */
    @Strict
    public static String checkDouble(String text) {
        return inRange(text, false, "DOUBLE");
    }

    /** The text unchanged, or 22003 if it is a number too large for a REAL. */
    @Strict
    public static String checkReal(String text) {
        return inRange(text, true, "REAL");
    }

    private static String inRange(String text, boolean real, String type) {
        String t = text.trim();
        double v;
        try {
            v = real ? Float.parseFloat(t) : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return text; // no number: the cast refuses it (22018)
        }
        if (Double.isInfinite(v) && !t.contains("Infinity")) {
            throw new SqlError("22003", "value '" + t + "' is out of range for " + type);
        }
        return text;
    }
}
