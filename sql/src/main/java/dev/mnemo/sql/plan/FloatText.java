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
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.util.List;
import java.util.Set;

/**
 * Checks a text before Calcite casts it to DOUBLE or REAL. Calcite's cast reads {@code '1e400'} as an infinity,
 * which would then be stored or compared as if it had been given; such a text fails with SQLState 22003, as a
 * number too large for its type does elsewhere. A text that names an infinity or NaN ({@code 'Infinity'}) stays
 * what it says, and one that is no number is left for the cast to refuse. A TRY_CAST of such a text is null, as it is
 * where CAST fails otherwise; Calcite's own TRY_CAST read it as an infinity.
 */
public final class FloatText {
    private static final SqlOperator DOUBLE_CHECK = check("DOUBLE_TEXT", "checkDouble", ReturnTypes.ARG0);
    private static final SqlOperator REAL_CHECK = check("REAL_TEXT", "checkReal", ReturnTypes.ARG0);
    private static final SqlOperator DOUBLE_TRY = check("TRY_DOUBLE_TEXT", "tryDouble",
            ReturnTypes.ARG0_FORCE_NULLABLE);
    private static final SqlOperator REAL_TRY = check("TRY_REAL_TEXT", "tryReal", ReturnTypes.ARG0_FORCE_NULLABLE);
    private static final Set<SqlOperator> CHECKS = Set.of(DOUBLE_CHECK, REAL_CHECK, DOUBLE_TRY, REAL_TRY);

    private FloatText() {
    }

    private static SqlOperator check(String name, String method, SqlReturnTypeInference returns) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                returns, null, null,
                ScalarFunctionImpl.create(Types.lookupMethod(FloatText.class, method, String.class)));
    }

    /** Whether a cast of {@code value} to {@code type} needs the check first: text to DOUBLE, FLOAT or REAL. */
    static boolean needsCheck(RelDataType type, RexNode value) {
        SqlTypeName to = type.getSqlTypeName();
        return (to == SqlTypeName.DOUBLE || to == SqlTypeName.FLOAT || to == SqlTypeName.REAL)
                && SqlTypeUtil.inCharFamily(value.getType())
                && !(value instanceof RexCall && CHECKS.contains(((RexCall) value).getOperator()));
    }

    /**
     * The text, checked when the expression runs to be within the range of {@code type}; for a {@code safe} cast
     * (TRY_CAST) null where the other fails, so that it is null exactly where CAST fails.
     */
    static RexNode checked(RexBuilder rexBuilder, RexNode text, RelDataType type, boolean safe) {
        boolean real = type.getSqlTypeName() == SqlTypeName.REAL;
        SqlOperator check = safe ? (real ? REAL_TRY : DOUBLE_TRY) : (real ? REAL_CHECK : DOUBLE_CHECK);
        RelDataType checkedType = rexBuilder.getTypeFactory().createTypeWithNullability(text.getType(),
                safe || text.getType().isNullable());
        return rexBuilder.makeCall(checkedType, check, List.of(text));
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

    /** The text unchanged, or null if it is a number too large for a DOUBLE. */
    @Strict
    public static String tryDouble(String text) {
        return fits(text, false) ? text : null;
    }

    /** The text unchanged, or null if it is a number too large for a REAL. */
    @Strict
    public static String tryReal(String text) {
        return fits(text, true) ? text : null;
    }

    private static String inRange(String text, boolean real, String type) {
        if (!fits(text, real)) {
            throw new SqlError("22003", "value '" + text.trim() + "' is out of range for " + type);
        }
        return text;
    }

    /** Whether the text is no number (the cast refuses it, 22018), an infinity it names, or a finite number. */
    private static boolean fits(String text, boolean real) {
        String t = text.trim();
        double v;
        try {
            v = real ? Float.parseFloat(t) : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            return true;
        }
        return !Double.isInfinite(v) || t.contains("Infinity");
    }
}
