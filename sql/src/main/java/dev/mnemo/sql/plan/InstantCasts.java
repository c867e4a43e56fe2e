package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.client.InstantText;
import dev.mnemo.sql.schema.SqlTypes;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
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
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Casts of a TIMESTAMP WITH TIME ZONE (an instant, milliseconds since 1970 at UTC in generated code) to and from text
 * and TIMESTAMP, by Mnemo's rules rather than Calcite's, which read and write them in the statement's time zone:
 * a text may carry an offset and without one is at UTC, an instant is written at UTC ({@link InstantText}), and a
 * TIMESTAMP is the date and time an instant is at UTC.
 */
public final class InstantCasts {
    private static final SqlOperator FROM_TEXT = function("instantOfText", String.class, int.class);
    private static final SqlOperator TRY_FROM_TEXT = function("tryInstantOfText", String.class, int.class);
    private static final SqlOperator TO_TEXT = function("textOfInstant", long.class);
    private static final SqlOperator AT_UTC = function("atUtc", long.class);

    private InstantCasts() {
    }

    /** Whether Mnemo casts {@code value} to {@code type} itself. */
    static boolean handles(RelDataType type, RexNode value) {
        SqlTypeName to = type.getSqlTypeName();
        SqlTypeName from = value.getType().getSqlTypeName();
        boolean toInstant = to == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        boolean fromInstant = from == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE;
        if (toInstant == fromInstant) {
            return false;
        }
        RelDataType other = toInstant ? value.getType() : type;
        return SqlTypeUtil.inCharFamily(other) || other.getSqlTypeName() == SqlTypeName.TIMESTAMP;
    }

    /**
     * The cast of {@code value} to {@code type} as a call of Mnemo's conversion, then {@code exact} (Calcite's cast to
     * {@code type} of that call, which changes only its length or precision). A {@code safe} cast (TRY_CAST) of a
     * text is null where the other fails as no instant.
     */
    static RexNode cast(RexBuilder rex, RexNode value, RelDataType type, boolean safe,
                        java.util.function.Function<RexNode, RexNode> exact) {
        RelDataTypeFactory f = rex.getTypeFactory();
        boolean nullable = value.getType().isNullable();
        SqlTypeName from = value.getType().getSqlTypeName();
        RexNode call;
        if (type.getSqlTypeName() == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) {
            boolean text = from != SqlTypeName.TIMESTAMP;
            RelDataType instant = f.createTypeWithNullability(
                    f.createSqlType(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE, 3), nullable || safe && text);
            // A text is rounded once, to the digits cast to; the cast of the call that follows then changes nothing.
            int digits = SqlTypes.fractionDigits(type.getPrecision());
            List<RexNode> operands = text ? List.of(value, rex.makeExactLiteral(BigDecimal.valueOf(digits)))
                    : List.of(value);
            call = rex.makeCall(instant, !text ? AT_UTC : safe ? TRY_FROM_TEXT : FROM_TEXT, operands);
        } else if (type.getSqlTypeName() == SqlTypeName.TIMESTAMP) {
            RelDataType ts = f.createTypeWithNullability(f.createSqlType(SqlTypeName.TIMESTAMP, 3), nullable);
            call = rex.makeCall(ts, AT_UTC, List.of(value));
        } else {
            call = rex.makeCall(f.createTypeWithNullability(f.createSqlType(SqlTypeName.VARCHAR), nullable), TO_TEXT,
                    List.of(value));
        }
        return exact.apply(call);
    }

    private static SqlOperator function(String method, Class<?>... parameters) {
        return new SqlUserDefinedFunction(new SqlIdentifier(method.toUpperCase(java.util.Locale.ROOT),
                SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0_NULLABLE, null, null,
                ScalarFunctionImpl.create(Types.lookupMethod(InstantCasts.class, method, parameters)));
    }

    // The conversions compiled plans call: an instant, and a TIMESTAMP, as milliseconds since 1970 (at UTC).

    @Strict
    public static long instantOfText(String text, int digits) {
        try {
            return millis(InstantText.parse(text).toInstant(), digits);
        } catch (DateTimeException e) {
            throw new SqlError("22007", "invalid TIMESTAMP WITH TIME ZONE '" + text + "': " + e.getMessage(), e);
        }
    }

    @Strict
    public static Long tryInstantOfText(String text, int digits) {
        return DatetimeCasts.tried(() -> instantOfText(text, digits));
    }

    /**
     * An instant in milliseconds since 1970, rounded half up to {@code digits} (at most 3) fractional digits of a
     * second as the date and time it is at UTC is ({@link DatetimeCasts#millis}): flooring would turn
     * {@code 23:59:59.9996} into the day before's last millisecond.
     */
    static long millis(Instant at, int digits) {
        return DatetimeCasts.millis(LocalDateTime.ofInstant(at, ZoneOffset.UTC), SqlTypes.fractionDigits(digits));
    }

    @Strict
    public static String textOfInstant(long millis) {
        return InstantText.format(Instant.ofEpochMilli(millis));
    }

    /** A TIMESTAMP is the date and time at UTC of the instant with the same milliseconds, and the other way. */
    @Strict
    public static long atUtc(long millis) {
        return millis;
    }
}
