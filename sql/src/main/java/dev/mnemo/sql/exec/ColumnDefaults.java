package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TimeDefault;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.plan.DatetimeLiterals;
import dev.mnemo.sql.plan.InstantLiterals;
import dev.mnemo.sql.plan.MnemoRexBuilder;
import dev.mnemo.sql.plan.MnemoTypeFactory;
import dev.mnemo.sql.plan.UuidFunctions;
import dev.mnemo.sql.schema.SqlTypes;
import dev.mnemo.sql.schema.SqlValues;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.avatica.util.ByteString;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutable;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlAbstractDateTimeLiteral;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlUnknownLiteral;
import org.apache.calcite.sql.SqlUuidLiteral;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.util.BitString;
import org.apache.calcite.util.DateString;
import org.apache.calcite.util.NlsString;
import org.apache.calcite.util.TimeString;
import org.apache.calcite.util.TimestampString;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Turns a column's {@code DEFAULT} into the value the engine stores: the literal cast to the column's type by the
 * same rules, and with the same errors, as an INSERT of that literal ({@code TIME '12:00:00'} or {@code '12:00'} to
 * a TIME column, {@code 2.5e0} to an INTEGER one). The engine then checks the value against the column (too long:
 * 22001, out of range: 22003), so a default that does not fit is refused when the table or column is made.
 * {@code CURRENT_DATE}, {@code CURRENT_TIME}, {@code CURRENT_TIMESTAMP}, {@code LOCALTIME} and {@code LOCALTIMESTAMP}
 * are the time of the write ({@link TimeDefault}); the other context variables ({@code CURRENT_USER}...) are refused
 * (0A000). {@code RANDOM_UUID()} and {@code GEN_RANDOM_UUID()} give each row of a UUID column a new UUID; other
 * functions are refused (0A000).
 */
final class ColumnDefaults {
    /** What a default may be, for the errors that refuse others. */
    private static final String ONLY = "a default is a constant, the time of the write (CURRENT_TIMESTAMP and the"
            + " like) or a random UUID (RANDOM_UUID())";

    private ColumnDefaults() {
    }

    /** The column with its {@code DEFAULT node}: a constant cast to its type, or the time of the write. */
    static ColumnDef withDefault(ColumnDef def, SqlNode node) {
        if (node instanceof SqlIdentifier) {
            return def.withTimeDefault(timeDefault((SqlIdentifier) node, def.type(), def.name()));
        }
        if (node instanceof SqlCall) {
            return randomUuidDefault((SqlCall) node, def);
        }
        return def.withDefault(value(node, def.type(), def.name()));
    }

    /** A function given as a default: RANDOM_UUID() or GEN_RANDOM_UUID(), for a UUID column only (else 42804). */
    private static ColumnDef randomUuidDefault(SqlCall call, ColumnDef def) {
        String name = call.getOperator().getName();
        if (!UuidFunctions.isRandomUuid(name)) {
            throw new SqlError("0A000", "DEFAULT " + name + "() of column " + def.name() + " is not supported: "
                    + ONLY);
        }
        if (def.type().kind() != ColumnType.Kind.UUID) {
            throw new SqlError("42804", "DEFAULT " + name.toUpperCase(Locale.ROOT) + "() of column "
                    + def.name() + " is no value of its type " + SqlTypes.typeName(def.type()) + ": only a UUID"
                    + " column takes a random UUID");
        }
        return def.withRandomUuidDefault();
    }

    /**
     * What a context variable given as a default is the time of. By SQL's assignment casts, a DATE column takes
     * CURRENT_DATE or a timestamp, a TIME one CURRENT_TIME, LOCALTIME or a timestamp, a TIMESTAMP one CURRENT_DATE
     * or a timestamp; anything else is a datatype mismatch (42804).
     */
    private static TimeDefault timeDefault(SqlIdentifier node, ColumnType type, String column) {
        TimeDefault kind;
        try {
            kind = TimeDefault.valueOf(node.getSimple());
        } catch (IllegalArgumentException e) {
            throw new SqlError("0A000", "DEFAULT " + node + " of column " + column + " is not supported: " + ONLY);
        }
        if (!kind.fits(type)) {
            throw new SqlError("42804", "DEFAULT " + kind + " of column " + column + " is no value of its type "
                    + SqlTypes.typeName(type));
        }
        return kind;
    }

    /** The engine value of {@code DEFAULT node} for a column of this type; null for {@code DEFAULT NULL}. */
    private static Object value(SqlNode node, ColumnType type, String column) {
        try {
            SqlLiteral literal = resolved((SqlLiteral) node, type);
            if (literal.getValue() == null) {
                return null;
            }
            JavaTypeFactory types = new MnemoTypeFactory();
            RexBuilder rex = new MnemoRexBuilder(types);
            RexNode cast = rex.makeCast(writeType(types, type), rexLiteral(rex, types, literal));
            RexExecutable executable = RexExecutorImpl.getExecutable(rex, List.of(cast), types.builder().build());
            executable.setDataContext(DataContexts.EMPTY);
            return SqlValues.internalToEngine(executable.execute()[0], type);
        } catch (RuntimeException e) {
            // A literal that is no value of the column's type fails as its INSERT would (22007, 22018, 22003...).
            java.sql.SQLException why = SqlErrors.toSqlException(e);
            throw new SqlError(why.getSQLState(), "DEFAULT " + node + " of column " + column + ": "
                    + why.getMessage(), e);
        }
    }

    /**
     * A literal with its type known: {@code TIME '...'} and the like are parsed only now, as the validator does, and
     * one of finer digits than its column is rounded once, to them.
     */
    private static SqlLiteral resolved(SqlLiteral given, ColumnType type) {
        SqlLiteral literal = MnemoValidator.strictUuid(given);
        if (literal instanceof SqlUnknownLiteral) {
            SqlUnknownLiteral unknown = (SqlUnknownLiteral) literal;
            SqlLiteral once = DatetimeLiterals.resolvedFor(unknown, type);
            SqlLiteral instant = once != null ? once : InstantLiterals.resolve(unknown);
            return instant != null ? instant
                    : DatetimeLiterals.rounded(unknown.resolve(SqlTypeName.lookup(unknown.tag)));
        }
        return literal;
    }

    /**
     * The type the literal is cast to: the column's own, except that CHAR(n) is cast to VARCHAR and REAL to DOUBLE
     * so that the engine sees the whole value and refuses one too long or too large, instead of a cast cutting it.
     */
    private static RelDataType writeType(JavaTypeFactory types, ColumnType type) {
        switch (type.kind()) {
            case CHAR: return types.createSqlType(SqlTypeName.VARCHAR);
            case REAL: return types.createSqlType(SqlTypeName.DOUBLE);
            default: return SqlTypes.relType(types, type);
        }
    }

    private static RexNode rexLiteral(RexBuilder rex, JavaTypeFactory types, SqlLiteral l) {
        switch (l.getTypeName()) {
            case BOOLEAN:
                return rex.makeLiteral(l.booleanValue());
            case DECIMAL:
                return rex.makeExactLiteral(l.bigDecimalValue(), l.createSqlType(types));
            case DOUBLE: {
                BigDecimal v = l.bigDecimalValue();
                if (Double.isInfinite(v.doubleValue())) {
                    throw new SqlError("22003", "value " + l + " is out of range for DOUBLE");
                }
                return rex.makeApproxLiteral(v, l.createSqlType(types));
            }
            case CHAR:
                return rex.makeCharLiteral(l.getValueAs(NlsString.class));
            case BINARY:
                return rex.makeBinaryLiteral(new ByteString(l.getValueAs(BitString.class).getAsByteArray()));
            case DATE:
                return rex.makeDateLiteral(l.getValueAs(DateString.class));
            case TIME:
                return rex.makeTimeLiteral(l.getValueAs(TimeString.class), ((SqlAbstractDateTimeLiteral) l).getPrec());
            case TIMESTAMP:
                return rex.makeTimestampLiteral(l.getValueAs(TimestampString.class),
                        ((SqlAbstractDateTimeLiteral) l).getPrec());
            case UUID:
                return rex.makeUuidLiteral(((SqlUuidLiteral) l).getUuid());
            case TIMESTAMP_WITH_LOCAL_TIME_ZONE:
                return rex.makeTimestampWithLocalTimeZoneLiteral(l.getValueAs(TimestampString.class),
                        ((SqlAbstractDateTimeLiteral) l).getPrec());
            default:
                throw new SqlError("0A000", "not supported: " + l.getTypeName() + " is no column type");
        }
    }
}
