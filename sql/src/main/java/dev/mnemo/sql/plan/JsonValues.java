package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.client.InstantText;
import dev.mnemo.sql.schema.SqlTypes;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlJsonEmptyOrError;
import org.apache.calcite.sql.SqlJsonValueEmptyOrErrorBehavior;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code JSON_VALUE(... RETURNING type)} of a number, boolean or datetime type casts the SQL/JSON item it finds as
 * CAST would (a number or a text of one to a number, rounding half up to an integer type; a text of a date to a
 * DATE) and treats an item that is no value of the type as the standard says: as an error of the ON ERROR clause,
 * NULL by default or with NULL ON ERROR, the default with DEFAULT ON ERROR, 22018 (22003 out of range) with ERROR ON
 * ERROR. Calcite's code cast the item's Java object to the type's class and failed (ClassCastException) whatever the
 * clause. {@link MnemoRexBuilder} builds each such call as the item found (typed ANY) passed to {@link #cast}.
 */
public final class JsonValues {
    private static final Set<SqlTypeName> CAST = Set.of(SqlTypeName.BOOLEAN, SqlTypeName.TINYINT, SqlTypeName.SMALLINT,
            SqlTypeName.INTEGER, SqlTypeName.BIGINT, SqlTypeName.DECIMAL, SqlTypeName.REAL, SqlTypeName.FLOAT,
            SqlTypeName.DOUBLE, SqlTypeName.DATE, SqlTypeName.TIME, SqlTypeName.TIMESTAMP,
            SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);

    private JsonValues() {
    }

    /** The call to build for {@code op(exprs)} of {@code type}: the item cast, or null if it needs no rewrite. */
    static RexNode typed(RexBuilder rex, SqlParserPos pos, RelDataType type, SqlOperator op, List<RexNode> exprs) {
        if (op != SqlStdOperatorTable.JSON_VALUE || !CAST.contains(type.getSqlTypeName())) {
            return null;
        }
        RelDataTypeFactory f = rex.getTypeFactory();
        RelDataType any = f.createTypeWithNullability(f.createSqlType(SqlTypeName.ANY), true);
        RexNode item = rex.makeCall(pos, any, op, exprs);
        RelDataType result = f.createTypeWithNullability(type, true);
        RexNode fallback = onErrorDefault(exprs);
        return rex.makeCall(pos, result, castFunction(result), List.of(item,
                rex.makeLiteral(type.getSqlTypeName().getName()), intLiteral(rex, type.getPrecision()),
                intLiteral(rex, type.getScale()), rex.makeLiteral(onError(exprs).name()),
                fallback == null ? rex.makeNullLiteral(result) : rex.makeCast(pos, result, fallback, true, false)));
    }

    private static RexNode intLiteral(RexBuilder rex, int n) {
        return rex.makeExactLiteral(BigDecimal.valueOf(Math.max(n, 0)));
    }

    /** The ON ERROR behaviour among a JSON_VALUE call's operands (behaviour, [default,] the ERROR symbol). */
    private static SqlJsonValueEmptyOrErrorBehavior onError(List<RexNode> exprs) {
        int at = errorSymbol(exprs);
        if (at < 0) {
            return SqlJsonValueEmptyOrErrorBehavior.NULL;
        }
        SqlJsonValueEmptyOrErrorBehavior b = symbol(exprs.get(at - 1), SqlJsonValueEmptyOrErrorBehavior.class);
        return b != null ? b : SqlJsonValueEmptyOrErrorBehavior.DEFAULT;
    }

    private static RexNode onErrorDefault(List<RexNode> exprs) {
        int at = errorSymbol(exprs);
        return at >= 4 && symbol(exprs.get(at - 2), SqlJsonValueEmptyOrErrorBehavior.class)
                == SqlJsonValueEmptyOrErrorBehavior.DEFAULT ? exprs.get(at - 1) : null;
    }

    private static int errorSymbol(List<RexNode> exprs) {
        for (int i = 3; i < exprs.size(); i++) {
            if (symbol(exprs.get(i), SqlJsonEmptyOrError.class) == SqlJsonEmptyOrError.ERROR) {
                return i;
            }
        }
        return -1;
    }

    private static <E extends Enum<E>> E symbol(RexNode e, Class<E> type) {
        if (e instanceof RexLiteral && ((RexLiteral) e).getTypeName() == SqlTypeName.SYMBOL) {
            Object v = ((RexLiteral) e).getValue();
            return type.isInstance(v) ? type.cast(v) : null;
        }
        return null;
    }

    private static SqlOperator castFunction(RelDataType result) {
        return new SqlUserDefinedFunction(new SqlIdentifier("JSON_VALUE_CAST", SqlParserPos.ZERO),
                SqlKind.OTHER_FUNCTION, ReturnTypes.explicit(result), null, null,
                ScalarFunctionImpl.create(Types.lookupMethod(JsonValues.class, "cast", Object.class, String.class,
                        int.class, int.class, String.class, Object.class)));
    }

    /**
     * The item JSON_VALUE found cast to {@code type} in Calcite's internal form; if it is no value of the type, per
     * {@code onError} (a {@link SqlJsonValueEmptyOrErrorBehavior}): NULL, {@code fallback}, or a data error.
     */
    public static Object cast(Object item, String type, int precision, int scale, String onError, Object fallback) {
        if (item == null) {
            return null;
        }
        try {
            return castItem(item, SqlTypeName.valueOf(type), precision, scale);
        } catch (SqlError e) {
            switch (SqlJsonValueEmptyOrErrorBehavior.valueOf(onError)) {
                case NULL: return null;
                case DEFAULT: return fallback;
                default: throw e;
            }
        }
    }

    private static Object castItem(Object item, SqlTypeName type, int precision, int scale) {
        switch (type) {
            case BOOLEAN: return bool(item);
            case TINYINT: return (byte) whole(item, Byte.MIN_VALUE, Byte.MAX_VALUE, type);
            case SMALLINT: return (short) whole(item, Short.MIN_VALUE, Short.MAX_VALUE, type);
            case INTEGER: return (int) whole(item, Integer.MIN_VALUE, Integer.MAX_VALUE, type);
            case BIGINT: return whole(item, Long.MIN_VALUE, Long.MAX_VALUE, type);
            case DECIMAL: return decimal(item, precision, scale);
            case REAL: return (float) number(item, type).doubleValue();
            case DATE: case TIME: case TIMESTAMP: return datetime(item, type, precision);
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE: return instant(item, precision);
            default: return number(item, type).doubleValue();
        }
    }

    private static SqlError noValue(Object item, SqlTypeName type) {
        return new SqlError("22018", "JSON_VALUE found " + describe(item) + ", which is no " + spelled(type)
                + " value");
    }

    private static String spelled(SqlTypeName type) {
        return type == SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE ? "TIMESTAMP WITH TIME ZONE" : type.getName();
    }

    private static String describe(Object item) {
        return item instanceof String ? "the text '" + item + "'" : "the " + item.getClass().getSimpleName()
                .toLowerCase(Locale.ROOT) + " " + item;
    }

    private static boolean bool(Object item) {
        if (item instanceof Boolean) {
            return (Boolean) item;
        }
        String t = item instanceof String ? ((String) item).strip().toLowerCase(Locale.ROOT) : "";
        if (t.equals("true") || t.equals("false")) {
            return t.equals("true");
        }
        throw noValue(item, SqlTypeName.BOOLEAN);
    }

    /** A number, or a text of one; a boolean, an array or an object is none. */
    private static BigDecimal number(Object item, SqlTypeName type) {
        try {
            if (item instanceof Number) {
                return new BigDecimal(item.toString());
            }
            if (item instanceof String) {
                return new BigDecimal(((String) item).strip());
            }
        } catch (NumberFormatException e) {
            throw noValue(item, type);
        }
        throw noValue(item, type);
    }

    /** The number rounded half up to a whole one, which must lie in {@code [min, max]} (else 22003). */
    private static long whole(Object item, long min, long max, SqlTypeName type) {
        BigDecimal v = number(item, type).setScale(0, RoundingMode.HALF_UP);
        if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new SqlError("22003", "JSON_VALUE found " + describe(item) + ", out of range for " + type);
        }
        return v.longValueExact();
    }

    private static BigDecimal decimal(Object item, int precision, int scale) {
        BigDecimal v = number(item, SqlTypeName.DECIMAL).setScale(scale, RoundingMode.HALF_UP);
        if (v.precision() - v.scale() > precision - scale) {
            throw new SqlError("22003", "JSON_VALUE found " + describe(item) + ", out of range for DECIMAL("
                    + precision + ", " + scale + ")");
        }
        return v;
    }

    /**
     * A text of a date, time or timestamp in Calcite's internal form: days, milliseconds of the day or since 1970, a
     * fraction rounded half up once to {@code precision} digits, as a text cast to the type is.
     */
    private static Object datetime(Object item, SqlTypeName type, int precision) {
        if (!(item instanceof String)) {
            throw noValue(item, type);
        }
        String t = ((String) item).strip();
        int digits = SqlTypes.fractionDigits(precision);
        try {
            switch (type) {
                case DATE: return (int) LocalDate.parse(t).toEpochDay();
                case TIME: return DatetimeCasts.millisOfDay(LocalTime.parse(t), digits);
                default: return DatetimeCasts.millis(LocalDateTime.parse(t.replace(' ', 'T')), digits);
            }
        } catch (DateTimeParseException e) {
            throw new SqlError("22007", "JSON_VALUE found " + describe(item) + ", which is no " + type + " value");
        }
    }

    /** A text of an instant, with an offset or at UTC ({@link InstantText}), in milliseconds since 1970. */
    private static long instant(Object item, int precision) {
        if (!(item instanceof String)) {
            throw noValue(item, SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE);
        }
        try {
            return InstantCasts.millis(InstantText.parse((String) item).toInstant(), precision);
        } catch (DateTimeException e) {
            throw new SqlError("22007", "JSON_VALUE found " + describe(item) + ", which is no "
                    + spelled(SqlTypeName.TIMESTAMP_WITH_LOCAL_TIME_ZONE) + " value");
        }
    }
}
