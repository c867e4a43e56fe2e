package dev.mnemo.sql.plan;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.codec.Values;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.client.TimesOfDay;
import dev.mnemo.sql.schema.SqlTypes;
import dev.mnemo.sql.schema.SqlValues;
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
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.function.Supplier;

/**
 * A value cast to TIME(p), TIMESTAMP(p) or TIMESTAMP(p) WITH TIME ZONE with fewer digits than it has is rounded half
 * up to them, by the rule the engine applies to a value stored in such a column ({@link Values}): a TIMESTAMP may
 * carry into the next second or day, and a TIME past 23:59:59 is the last time the precision holds. Calcite's own
 * cast cuts the digits of a constant and leaves those of any other value. {@link MnemoRexBuilder} puts the rounding
 * before each such cast, written or made to store a value in a column; the cast that follows it is then exact.
 * A TIME or TIMESTAMP cast to text is written as {@code getString} gives it, with its fraction of a second
 * (Calcite's cast wrote whole seconds only).
 */
public final class DatetimeCasts {
    private static final SqlOperator ROUND_TIME = function("roundTime", int.class, int.class);
    private static final SqlOperator ROUND_TIMESTAMP = function("roundTimestamp", long.class, int.class);
    private static final SqlOperator TIME_OF_TEXT = function("timeOfText", String.class, int.class);
    private static final SqlOperator TIMESTAMP_OF_TEXT = function("timestampOfText", String.class, int.class);
    private static final SqlOperator TRY_TIME_OF_TEXT = function("tryTimeOfText", String.class, int.class);
    private static final SqlOperator TRY_TIMESTAMP_OF_TEXT = function("tryTimestampOfText", String.class, int.class);
    private static final SqlOperator TIME_TEXT = function("textOfTime", int.class);
    private static final SqlOperator TIMESTAMP_TEXT = function("textOfTimestamp", long.class);

    private DatetimeCasts() {
    }

    /** Whether a cast of {@code value} to {@code type} must round: it keeps fewer fractional digits than it has. */
    static boolean needsRounding(RelDataType type, RexNode value) {
        SqlTypeName t = type.getSqlTypeName();
        if ((t != SqlTypeName.TIME && t != SqlTypeName.TIMESTAMP && t != SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE)
                || type.getPrecision() >= SqlTypes.TIME_PRECISION
                || type.getPrecision() < 0) {
            return false;
        }
        RelDataType from = value.getType();
        SqlTypeName f = from.getSqlTypeName();
        if (f == SqlTypeName.NULL || f == SqlTypeName.DATE || isRounded(value)) {
            return false;
        }
        boolean datetime = f == SqlTypeName.TIME || f == SqlTypeName.TIMESTAMP
                || f == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        return !datetime || from.getPrecision() > type.getPrecision();
    }

    private static boolean isRounded(RexNode value) {
        return value instanceof RexCall && (((RexCall) value).getOperator() == ROUND_TIME
                || ((RexCall) value).getOperator() == ROUND_TIMESTAMP);
    }

    /**
     * {@code value} as a TIME(3) or TIMESTAMP(3) (the kind of {@code type}) rounded to {@code type}'s digits;
     * {@code exact} casts it to that kind first, when it is not of it already.
     */
    static RexNode rounded(RexBuilder rexBuilder, RexNode value, RelDataType type,
                           java.util.function.Function<RelDataType, RexNode> exact) {
        RelDataTypeFactory f = rexBuilder.getTypeFactory();
        SqlTypeName kind = type.getSqlTypeName();
        RelDataType wide = f.createTypeWithNullability(f.createSqlType(kind, SqlTypes.TIME_PRECISION),
                value.getType().isNullable());
        RexNode v = value.getType().getSqlTypeName() == kind ? value : exact.apply(wide);
        return rexBuilder.makeCall(wide, kind == SqlTypeName.TIME ? ROUND_TIME : ROUND_TIMESTAMP,
                List.of(v, rexBuilder.makeExactLiteral(BigDecimal.valueOf(type.getPrecision()))));
    }

    /** Whether {@code value} is a text cast to TIME or TIMESTAMP, which Mnemo reads itself. */
    static boolean isFromText(RelDataType type, RexNode value) {
        SqlTypeName to = type.getSqlTypeName();
        return (to == SqlTypeName.TIME || to == SqlTypeName.TIMESTAMP) && SqlTypeUtil.inCharFamily(value.getType());
    }

    /**
     * {@code text} read as a value of {@code type}, TIME(p) or TIMESTAMP(p), its fraction rounded half up once, to
     * p digits: Calcite's reading rounds it to milliseconds, and a second rounding to p could differ. A {@code safe}
     * cast (TRY_CAST) reads it alike, and is null where the other fails as no value of the type ({@link #tried}).
     */
    static RexNode ofText(RexBuilder rexBuilder, RexNode text, RelDataType type, boolean safe) {
        RelDataTypeFactory f = rexBuilder.getTypeFactory();
        int digits = SqlTypes.fractionDigits(type.getPrecision());
        RelDataType read = f.createTypeWithNullability(f.createSqlType(type.getSqlTypeName(), digits),
                safe || text.getType().isNullable());
        boolean time = type.getSqlTypeName() == SqlTypeName.TIME;
        SqlOperator op = safe ? (time ? TRY_TIME_OF_TEXT : TRY_TIMESTAMP_OF_TEXT)
                : (time ? TIME_OF_TEXT : TIMESTAMP_OF_TEXT);
        return rexBuilder.makeCall(read, op, List.of(text, rexBuilder.makeExactLiteral(BigDecimal.valueOf(digits))));
    }

    /** Whether {@code value} is a TIME or TIMESTAMP cast to text, which Mnemo writes itself. */
    static boolean isToText(RelDataType type, RexNode value) {
        SqlTypeName from = value.getType().getSqlTypeName();
        return SqlTypeUtil.inCharFamily(type) && (from == SqlTypeName.TIME || from == SqlTypeName.TIMESTAMP);
    }

    /** {@code value}, a TIME or TIMESTAMP, as the VARCHAR {@code getString} gives for it. */
    static RexNode text(RexBuilder rexBuilder, RexNode value) {
        RelDataTypeFactory f = rexBuilder.getTypeFactory();
        RelDataType text = f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR),
                value.getType().isNullable());
        boolean time = value.getType().getSqlTypeName() == SqlTypeName.TIME;
        return rexBuilder.makeCall(text, time ? TIME_TEXT : TIMESTAMP_TEXT, List.of(value));
    }

    /** A call of {@code method} of this class; the type of the call is given where it is made. */
    private static SqlOperator function(String method, Class<?>... parameters) {
        return new SqlUserDefinedFunction(new SqlIdentifier(method.toUpperCase(java.util.Locale.ROOT),
                SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE, null, null,
                ScalarFunctionImpl.create(Types.lookupMethod(DatetimeCasts.class, method, parameters)));
    }

    // The roundings compiled plans call: TIME as milliseconds of the day, TIMESTAMP as milliseconds since 1970.

    @Strict
    public static int roundTime(int millisOfDay, int digits) {
        return millisOfDay((LocalTime) SqlValues.internalToEngine(millisOfDay, ColumnType.TIME), digits);
    }

    @Strict
    public static long roundTimestamp(long millis, int digits) {
        return millis((LocalDateTime) SqlValues.internalToEngine(millis, ColumnType.TIMESTAMP), digits);
    }

    @Strict
    public static int timeOfText(String text, int digits) {
        return millisOfDay(SqlValues.timeOfText(text), digits);
    }

    @Strict
    public static long timestampOfText(String text, int digits) {
        return millis(SqlValues.timestampOfText(text), digits);
    }

    @Strict
    public static Integer tryTimeOfText(String text, int digits) {
        return tried(() -> timeOfText(text, digits));
    }

    @Strict
    public static Long tryTimestampOfText(String text, int digits) {
        return tried(() -> timestampOfText(text, digits));
    }

    /**
     * The value {@code read} gives, or null where it fails as no value of its type (22007) or one out of range
     * (22008), where a CAST fails: what a TRY_CAST gives. Other failures are no reading's and still fail.
     */
    static <T> T tried(Supplier<T> read) {
        try {
            return read.get();
        } catch (SqlError e) {
            if (e.sqlState().equals("22007") || e.sqlState().equals("22008")) {
                return null;
            }
            throw e;
        }
    }

    /** A time of day rounded half up to {@code digits}, as a TIME(digits) column stores it, in milliseconds. */
    static int millisOfDay(LocalTime t, int digits) {
        return (Integer) SqlValues.engineToInternal(Values.coerce(ColumnType.time(digits), t, "TIME"));
    }

    /** A date and time rounded half up to {@code digits}, as a TIMESTAMP(digits) column stores it, in milliseconds. */
    static long millis(LocalDateTime t, int digits) {
        return (Long) SqlValues.engineToInternal(Values.coerce(ColumnType.timestamp(digits), t, "TIMESTAMP"));
    }

    @Strict
    public static String textOfTime(int millisOfDay) {
        return TimesOfDay.clock((LocalTime) SqlValues.internalToEngine(millisOfDay, ColumnType.TIME));
    }

    @Strict
    public static String textOfTimestamp(long millis) {
        return TimesOfDay.text((LocalDateTime) SqlValues.internalToEngine(millis, ColumnType.TIMESTAMP));
    }
}
