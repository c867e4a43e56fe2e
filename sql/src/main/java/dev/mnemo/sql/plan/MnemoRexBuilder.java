package dev.mnemo.sql.plan;

import com.google.common.collect.ImmutableList;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexFieldCollation;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexWindowBound;
import org.apache.calcite.rex.RexWindowExclusion;
import org.apache.calcite.sql.SqlAggFunction;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.NlsString;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Calcite's {@link RexBuilder}, except that a cast of a character or binary literal to a shorter
 * {@code CHAR(n)} or {@code BINARY(n)} stays a cast instead of becoming the cut literal; {@link #EXECUTOR} keeps
 * such casts when Calcite simplifies expressions as it converts a statement. Folded there, a too long literal
 * written to a {@code CHAR(n)} column would be stored cut, before {@link WriteCasts} could relax the cast and
 * the engine refuse the value (SQLState 22001). Casts that are not written still cut the value when they run.
 * A cast of text to TIME or TIMESTAMP reads it with Mnemo's own checks and rounding ({@link DatetimeCasts},
 * {@link TimeText}), a TRY_CAST too; a cast of a DOUBLE or REAL to an integer type
 * rounds it half up first, as does one of a DECIMAL with a fraction, so that the range is checked after rounding
 * ({@link IntegerCasts}); a cast of a DOUBLE to REAL checks first that it fits, a TRY_CAST too
 * ({@link RealCasts}), as does a cast of text to DOUBLE or REAL, a TRY_CAST too ({@link FloatText}). A cast to
 * TIME(p) or TIMESTAMP(p) of a value with more fractional digits rounds it half up first, and one of a TIME or
 * TIMESTAMP to text keeps its fraction ({@link DatetimeCasts}). A call of a
 * function that makes a string as long as an argument says runs a bounded version of it ({@link BoundedStrings}). A
 * JSON_VALUE returning a number, boolean or datetime casts the item it finds under its ON ERROR clause
 * ({@link JsonValues}). A cast of text to UUID reads only the canonical form ({@link UuidCasts}); UUIDs compared for
 * order, or ordered in a window, are compared as their text, and a cast of a UUID to text is made of its text too, so
 * that the planner never sorts the UUID for it ({@link UuidOrder}).
 */
public final class MnemoRexBuilder extends RexBuilder {
    /** Calcite's constant reduction, leaving out expressions that contain a cast cutting a literal. */
    public static final RexExecutor EXECUTOR = MnemoRexBuilder::reduce;
    private static final Set<SqlKind> ORDER_COMPARISONS = EnumSet.of(SqlKind.LESS_THAN, SqlKind.LESS_THAN_OR_EQUAL,
            SqlKind.GREATER_THAN, SqlKind.GREATER_THAN_OR_EQUAL);

    public MnemoRexBuilder(RelDataTypeFactory typeFactory) {
        super(typeFactory);
    }

    @Override
    public RexNode makeCast(SqlParserPos pos, RelDataType type, RexNode exp, boolean matchNullability,
                            boolean safe, RexLiteral format) {
        if (InstantCasts.handles(type, exp)) {
            return InstantCasts.cast(this, exp, type, safe,
                    call -> makeCast(pos, type, call, matchNullability, safe, format));
        }
        if (UuidOrder.isToText(type, exp)) {
            return super.makeCast(pos, type, UuidOrder.text(this, exp), matchNullability, safe, format);
        }
        if (DatetimeCasts.isToText(type, exp)) {
            return super.makeCast(pos, type, DatetimeCasts.text(this, exp), matchNullability, safe, format);
        }
        if (DatetimeCasts.isFromText(type, exp)) {
            return super.makeCast(pos, type, DatetimeCasts.ofText(this, exp, type, safe), matchNullability, safe,
                    format);
        }
        if (DatetimeCasts.needsRounding(type, exp)) {
            RexNode rounded = DatetimeCasts.rounded(this, exp, type,
                    exact -> makeCast(pos, exact, exp, matchNullability, safe, format));
            return super.makeCast(pos, type, rounded, matchNullability, safe, format);
        }
        if (IntegerCasts.needsRounding(type, exp)) {
            return super.makeCast(pos, type, IntegerCasts.rounded(this, exp, type, safe), matchNullability, safe,
                    format);
        }
        if (IntegerCasts.needsWholeDecimal(type, exp)) {
            RexNode whole = super.makeCast(pos, IntegerCasts.wholeDecimal(typeFactory, exp.getType()), exp,
                    matchNullability, false, format);
            return super.makeCast(pos, type, whole, matchNullability, safe, format);
        }
        if (FloatText.needsCheck(type, exp)) {
            return super.makeCast(pos, type, FloatText.checked(this, exp, type, safe), matchNullability, safe,
                    format);
        }
        if (!safe && UuidCasts.needsCheck(type, exp)) {
            return super.makeCast(pos, type, UuidCasts.checked(this, exp), matchNullability, false, format);
        }
        if (RealCasts.needsCheck(type, exp)) {
            return super.makeCast(pos, type, RealCasts.checked(this, exp, safe), matchNullability, safe, format);
        }
        if (exp instanceof RexLiteral && cuts(type, (RexLiteral) exp)) {
            RelDataType target = matchNullability
                    ? typeFactory.createTypeWithNullability(type, exp.getType().isNullable()) : type;
            return makeAbstractCast(pos, target, exp, safe, format);
        }
        return super.makeCast(pos, type, exp, matchNullability, safe, format);
    }

    @Override
    public RexNode makeCall(SqlParserPos pos, RelDataType returnType, SqlOperator op, List<RexNode> exprs) {
        if (comparesUuids(op, exprs)) {
            return super.makeCall(pos, returnType, op, uuidTexts(exprs));
        }
        RexNode json = JsonValues.typed(this, pos, returnType, op, exprs);
        if (json != null) {
            return json;
        }
        return super.makeCall(pos, returnType, BoundedStrings.replacement(op, exprs.size()), exprs);
    }

    @Override
    public RexNode makeCall(SqlParserPos pos, SqlOperator op, List<? extends RexNode> exprs) {
        if (comparesUuids(op, exprs)) {
            return super.makeCall(pos, op, uuidTexts(exprs));
        }
        SqlOperator bounded = BoundedStrings.replacement(op, exprs.size());
        if (bounded == op) {
            return super.makeCall(pos, op, exprs);
        }
        return super.makeCall(pos, deriveReturnType(op, exprs), bounded, List.copyOf(exprs));
    }

    /**
     * A window function whose window orders UUIDs orders them by their text, and a MIN or MAX of UUIDs over a window
     * is taken of their texts and cast back: Calcite's code would order them by their halves signed ({@link
     * UuidOrder}).
     */
    @Override
    public RexNode makeOver(SqlParserPos pos, RelDataType type, SqlAggFunction op, List<RexNode> exprs,
                            List<RexNode> partitionKeys, ImmutableList<RexFieldCollation> orderKeys,
                            RexWindowBound lowerBound, RexWindowBound upperBound, RexWindowExclusion exclude,
                            boolean rows, boolean allowPartial, boolean nullWhenCountZero, boolean distinct,
                            boolean ignoreNulls) {
        ImmutableList.Builder<RexFieldCollation> order = ImmutableList.builder();
        for (RexFieldCollation key : orderKeys) {
            order.add(UuidOrder.isUuid(key.left.getType())
                    ? new RexFieldCollation(UuidOrder.text(this, key.left), key.right) : key);
        }
        if (UuidOrder.isExtreme(op.getKind()) && UuidOrder.isUuid(type) && exprs.size() == 1) {
            RexNode text = UuidOrder.text(this, exprs.get(0));
            RexNode extreme = super.makeOver(pos, text.getType(), op, List.of(text), partitionKeys, order.build(),
                    lowerBound, upperBound, exclude, rows, allowPartial, nullWhenCountZero, distinct, ignoreNulls);
            return makeCast(type, extreme);
        }
        return super.makeOver(pos, type, op, exprs, partitionKeys, order.build(), lowerBound, upperBound, exclude,
                rows, allowPartial, nullWhenCountZero, distinct, ignoreNulls);
    }

    /** An order comparison of UUIDs, which Calcite's code would make on their halves signed ({@link UuidOrder}). */
    private static boolean comparesUuids(SqlOperator op, List<? extends RexNode> exprs) {
        return ORDER_COMPARISONS.contains(op.getKind()) && exprs.size() == 2
                && (UuidOrder.isUuid(exprs.get(0).getType()) || UuidOrder.isUuid(exprs.get(1).getType()));
    }

    private List<RexNode> uuidTexts(List<? extends RexNode> exprs) {
        List<RexNode> texts = new ArrayList<>(exprs.size());
        for (RexNode e : exprs) {
            texts.add(UuidOrder.isUuid(e.getType()) ? UuidOrder.text(this, e) : e);
        }
        return texts;
    }

    private static void reduce(RexBuilder rex, List<RexNode> constExps, List<RexNode> reducedValues) {
        List<RexNode> reducible = new ArrayList<>();
        for (RexNode e : constExps) {
            if (!containsCuttingCast(e)) {
                reducible.add(e);
            }
        }
        List<RexNode> reduced = new ArrayList<>();
        if (!reducible.isEmpty()) {
            RexUtil.EXECUTOR.reduce(rex, reducible, reduced);
        }
        int next = 0;
        for (RexNode e : constExps) {
            reducedValues.add(containsCuttingCast(e) ? e : reduced.get(next++));
        }
    }

    private static boolean containsCuttingCast(RexNode e) {
        if (!(e instanceof RexCall)) {
            return false;
        }
        RexCall call = (RexCall) e;
        if (call.getKind() == SqlKind.CAST && call.getOperands().get(0) instanceof RexLiteral
                && cuts(call.getType(), (RexLiteral) call.getOperands().get(0))) {
            return true;
        }
        for (RexNode operand : call.getOperands()) {
            if (containsCuttingCast(operand)) {
                return true;
            }
        }
        return false;
    }

    /** True if casting the literal to the type would drop some of its characters or bytes. */
    private static boolean cuts(RelDataType type, RexLiteral literal) {
        SqlTypeName t = type.getSqlTypeName();
        if (t != SqlTypeName.CHAR && t != SqlTypeName.BINARY || type.getPrecision() < 0) {
            return false;
        }
        Comparable<?> value = literal.getValue();
        if (value instanceof NlsString) {
            return ((NlsString) value).getValue().length() > type.getPrecision();
        }
        if (value instanceof ByteString) {
            return ((ByteString) value).length() > type.getPrecision();
        }
        return false;
    }
}
