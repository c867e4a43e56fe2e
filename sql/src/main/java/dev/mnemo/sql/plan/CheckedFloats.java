package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
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
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Checked {@code + - * /} on DOUBLE and REAL, where IEEE arithmetic overflows silently: a result that is an infinity
 * though both operands are finite ({@code 1e308 * 10}) is past the type's range and fails with SQLState 22003, and
 * a division by zero fails with 22012, as integer arithmetic does. An infinity or NaN that is already an operand,
 * stored or cast deliberately, gives what IEEE gives ({@code Infinity * 2} is Infinity). A result too small to tell
 * from zero rounds toward it, as IEEE does. {@link CheckedArithmetic} puts these in place of Calcite's operators,
 * and {@link CheckedSum} adds with them.
 */
public final class CheckedFloats {
    private static final Map<SqlKind, String> METHODS = Map.of(SqlKind.PLUS, "plus", SqlKind.MINUS, "minus",
            SqlKind.TIMES, "times", SqlKind.DIVIDE, "divide");
    private static final Map<SqlKind, SqlOperator> DOUBLE_OPERATORS = operators(double.class);
    private static final Map<SqlKind, SqlOperator> REAL_OPERATORS = operators(float.class);

    private CheckedFloats() {
    }

    private static Map<SqlKind, SqlOperator> operators(Class<?> type) {
        Map<SqlKind, SqlOperator> out = new EnumMap<>(SqlKind.class);
        METHODS.forEach((kind, name) -> out.put(kind, new SqlUserDefinedFunction(new SqlIdentifier(
                "CHECKED_" + name.toUpperCase(Locale.ROOT), SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                ReturnTypes.ARG0, null, null, ScalarFunctionImpl.create(method(name, type)))));
        return out;
    }

    /** The checked addition compiled code calls for a DOUBLE ({@code double.class}) or a REAL ({@code float.class}). */
    static Method plus(Class<?> type) {
        return method("plus", type);
    }

    private static Method method(String name, Class<?> type) {
        return Types.lookupMethod(CheckedFloats.class, name, type, type);
    }

    static boolean isFloating(SqlTypeName type) {
        return type == SqlTypeName.DOUBLE || type == SqlTypeName.FLOAT || type == SqlTypeName.REAL;
    }

    /**
     * The checked form of a binary {@code + - * /} whose result is a DOUBLE or REAL, with {@code operands} (already
     * rewritten) cast to the result's type as Calcite's code would widen them; null for any other call.
     */
    static RexNode checked(RexBuilder rexBuilder, RexCall call, List<RexNode> operands) {
        RelDataType type = call.getType();
        SqlTypeName name = type.getSqlTypeName();
        if (!isFloating(name) || operands.size() != 2) {
            return null;
        }
        SqlOperator op = (name == SqlTypeName.REAL ? REAL_OPERATORS : DOUBLE_OPERATORS).get(call.getKind());
        if (op == null) {
            return null;
        }
        RelDataTypeFactory f = rexBuilder.getTypeFactory();
        List<RexNode> same = new ArrayList<>();
        for (RexNode o : operands) {
            boolean real = o.getType().getSqlTypeName() == SqlTypeName.REAL;
            same.add(isFloating(o.getType().getSqlTypeName()) && real == (name == SqlTypeName.REAL) ? o
                    : rexBuilder.makeCast(f.createTypeWithNullability(type, o.getType().isNullable()), o));
        }
        return rexBuilder.makeCall(call.getParserPosition(), type, op, same);
    }

    // The operations compiled plans call, one set for DOUBLE and one for REAL.

    @Strict
    public static double plus(double a, double b) {
        return inRange(a + b, a, b, "+");
    }

    @Strict
    public static double minus(double a, double b) {
        return inRange(a - b, a, b, "-");
    }

    @Strict
    public static double times(double a, double b) {
        return inRange(a * b, a, b, "*");
    }

    @Strict
    public static double divide(double a, double b) {
        if (b == 0 && !Double.isNaN(a)) {
            throw new SqlError("22012", "division by zero: " + a + " / " + b);
        }
        return inRange(a / b, a, b, "/");
    }

    @Strict
    public static float plus(float a, float b) {
        return inRange(a + b, a, b, "+");
    }

    @Strict
    public static float minus(float a, float b) {
        return inRange(a - b, a, b, "-");
    }

    @Strict
    public static float times(float a, float b) {
        return inRange(a * b, a, b, "*");
    }

    @Strict
    public static float divide(float a, float b) {
        if (b == 0 && !Float.isNaN(a)) {
            throw new SqlError("22012", "division by zero: " + a + " / " + b);
        }
        return inRange(a / b, a, b, "/");
    }

    private static double inRange(double r, double a, double b, String op) {
        if (Double.isInfinite(r) && Double.isFinite(a) && Double.isFinite(b)) {
            throw new SqlError("22003", a + " " + op + " " + b + " is out of range for DOUBLE");
        }
        return r;
    }

    private static float inRange(float r, float a, float b, String op) {
        if (Float.isInfinite(r) && Float.isFinite(a) && Float.isFinite(b)) {
            throw new SqlError("22003", a + " " + op + " " + b + " is out of range for REAL");
        }
        return r;
    }
}
