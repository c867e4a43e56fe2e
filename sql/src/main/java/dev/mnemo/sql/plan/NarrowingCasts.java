package dev.mnemo.sql.plan;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;

import java.math.BigDecimal;
import java.util.List;

/**
 * Calcite's convertlets, except that a CAST written in a statement that shortens text or drops a DECIMAL's
 * fractional digits first cuts or rounds the value itself: {@code CAST(x AS VARCHAR(2))} becomes
 * {@code CAST(SUBSTRING(x FROM 1 FOR 2) AS VARCHAR(2))}, {@code CAST(d AS DECIMAL(5, 0))} becomes
 * {@code CAST(ROUND(d, 0) AS DECIMAL(5, 0))}. Calcite's simplifier folds a cast of a cast of one type name into
 * the outer cast alone, whatever the inner's length or scale, and the comparison of the cut text with a column
 * casts it again, to the common type: without the cut of its own the comparison saw the whole text
 * ({@code CAST(code AS VARCHAR(2)) = k.code} matched {@code c20} with {@code c20}). Nor does a cast of a column that
 * changes its values pass any more for the column in key access, lookup joins or sorts; a widening cast does.
 */
public final class NarrowingCasts implements SqlRexConvertletTable {
    /** The convertlets of statements and check constraints. */
    public static final NarrowingCasts INSTANCE = new NarrowingCasts();

    private NarrowingCasts() {
    }

    @Override
    public SqlRexConvertlet get(SqlCall call) {
        SqlRexConvertlet standard = StandardConvertletTable.INSTANCE.get(call);
        if (standard == null || call.getKind() != SqlKind.CAST) {
            return standard;
        }
        return (cx, cast) -> {
            RexNode converted = standard.convertCall(cx, cast);
            return cast.operand(0).getKind() == SqlKind.DYNAMIC_PARAM
                    ? cutParameter(cx.getRexBuilder(), converted)
                    : keptNarrow(cx.getRexBuilder(), converted);
        };
    }

    /**
     * A cast of a parameter to text of a length or to a DECIMAL, with its cut or rounding made explicit. The
     * parameter takes the cast's type, so the cast itself goes as one of a type to itself; but the value bound
     * may be longer, or have more digits, and must be cut or rounded as a cast of any other value is
     * ({@code k = CAST(? AS VARCHAR(1))} bound to {@code 'ab'} compares with {@code 'a'}).
     */
    private static RexNode cutParameter(RexBuilder rex, RexNode converted) {
        RelDataType to = converted.getType();
        RexNode value = converted.getKind() == SqlKind.CAST ? ((RexCall) converted).getOperands().get(0) : converted;
        RexNode narrowed;
        if (SqlTypeUtil.inCharFamily(to) && to.getPrecision() != RelDataType.PRECISION_NOT_SPECIFIED) {
            narrowed = rex.makeCall(SqlStdOperatorTable.SUBSTRING, value, rex.makeExactLiteral(BigDecimal.ONE),
                    rex.makeExactLiteral(BigDecimal.valueOf(to.getPrecision())));
        } else if (to.getSqlTypeName() == SqlTypeName.DECIMAL) {
            narrowed = rex.makeCall(SqlStdOperatorTable.ROUND, value,
                    rex.makeExactLiteral(BigDecimal.valueOf(to.getScale())));
        } else {
            return converted;
        }
        return rex.makeAbstractCast(to, narrowed);
    }

    /** The converted cast with its cut or rounding made explicit, when it narrows a value that is not a literal. */
    private static RexNode keptNarrow(RexBuilder rex, RexNode converted) {
        if (converted.getKind() != SqlKind.CAST) {
            return converted;
        }
        RexNode value = ((RexCall) converted).getOperands().get(0);
        RelDataType from = value.getType();
        RelDataType to = converted.getType();
        if (value instanceof RexLiteral) {
            return converted; // a literal is cut when it is folded; see MnemoRexBuilder for the ones kept whole
        }
        RexNode narrowed;
        if (SqlTypeUtil.inCharFamily(from) && SqlTypeUtil.inCharFamily(to) && shorter(to, from)) {
            narrowed = rex.makeCall(SqlStdOperatorTable.SUBSTRING, value, rex.makeExactLiteral(BigDecimal.ONE),
                    rex.makeExactLiteral(BigDecimal.valueOf(to.getPrecision())));
        } else if (from.getSqlTypeName() == SqlTypeName.DECIMAL && to.getSqlTypeName() == SqlTypeName.DECIMAL
                && to.getScale() < from.getScale()) {
            narrowed = rex.makeCall(SqlStdOperatorTable.ROUND, value,
                    rex.makeExactLiteral(BigDecimal.valueOf(to.getScale())));
        } else {
            return converted;
        }
        return rex.makeCast(((RexCall) converted).getParserPosition(), to, narrowed);
    }

    /**
     * The value a cut made by this table was made of, when {@code e} is one, directly under a cast to
     * {@code type}; else {@code e}. A value written to a CHAR(n) column is cast to it, and the engine must see it
     * whole to refuse it (see WriteCasts).
     */
    public static RexNode uncut(RexNode e, RelDataType type) {
        if (!(e instanceof RexCall) || ((RexCall) e).getOperator() != SqlStdOperatorTable.SUBSTRING) {
            return e;
        }
        List<RexNode> operands = ((RexCall) e).getOperands();
        boolean cut = operands.size() == 3 && operands.get(1) instanceof RexLiteral
                && operands.get(2) instanceof RexLiteral
                && BigDecimal.ONE.equals(((RexLiteral) operands.get(1)).getValueAs(BigDecimal.class))
                && BigDecimal.valueOf(type.getPrecision()).equals(((RexLiteral) operands.get(2))
                        .getValueAs(BigDecimal.class));
        return cut ? operands.get(0) : e;
    }

    /** Whether values of type {@code to} may be shorter than those of {@code from}: a length bounds them more. */
    private static boolean shorter(RelDataType to, RelDataType from) {
        int toLength = to.getPrecision();
        int fromLength = from.getPrecision();
        return toLength != RelDataType.PRECISION_NOT_SPECIFIED
                && (fromLength == RelDataType.PRECISION_NOT_SPECIFIED || toLength < fromLength);
    }

    /**
     * Whether a cast from {@code from} to {@code to} keeps every value of {@code from} as it is, so that the two
     * compare equal and in the same order: an integer to one at least as wide, a DECIMAL to one with as many
     * fractional digits, text or bytes to a type of their kind at least as long. Text cast to CHAR
     * takes trailing spaces, so only CHAR keeps CHAR's values.
     */
    public static boolean keepsEveryValue(RelDataType from, RelDataType to) {
        SqlTypeName f = from.getSqlTypeName();
        SqlTypeName t = to.getSqlTypeName();
        if (SqlTypeName.INT_TYPES.contains(f) && SqlTypeName.INT_TYPES.contains(t)) {
            return SqlTypeName.INT_TYPES.indexOf(t) >= SqlTypeName.INT_TYPES.indexOf(f); // narrowest to widest
        }
        if (SqlTypeUtil.isExactNumeric(from) && SqlTypeUtil.isExactNumeric(to)) {
            return to.getScale() >= from.getScale(); // fewer integer digits fail on a value too large, never round
        }
        boolean text = SqlTypeUtil.inCharFamily(from) && SqlTypeUtil.inCharFamily(to);
        if (!text && !(SqlTypeUtil.isBinary(from) && SqlTypeUtil.isBinary(to))) {
            return false;
        }
        if (t == SqlTypeName.CHAR && f != SqlTypeName.CHAR || t == SqlTypeName.BINARY && f != SqlTypeName.BINARY) {
            return false;
        }
        return !shorter(to, from);
    }
}
