package dev.mnemo.sql.exec;

import dev.mnemo.engine.ColumnDef;
import dev.mnemo.engine.ColumnType;
import dev.mnemo.engine.TimeDefault;
import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.plan.DatetimeLiterals;
import dev.mnemo.sql.plan.InstantLiterals;
import dev.mnemo.sql.plan.MnemoRexBuilder;
import dev.mnemo.sql.plan.MnemoTypeFactory;
import dev.mnemo.sql.plan.SequenceCalls;
import dev.mnemo.sql.plan.UuidFunctions;
import dev.mnemo.sql.schema.SqlTypes;
import dev.mnemo.sql.schema.SqlValues;
import dev.mnemo.sql.sequence.SequenceDef;
import dev.mnemo.sql.sequence.Sequences;
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
import org.apache.calcite.sql.SqlKind;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns a column's {@code DEFAULT} into the value the engine stores: the literal cast to the column's type by the
 * same rules, and with the same errors, as an INSERT of that literal ({@code TIME '12:00:00'} or {@code '12:00'} to
 * a TIME column, {@code 2.5e0} to an INTEGER one). The engine then checks the value against the column (too long:
 * 22001, out of range: 22003), so a default that does not fit is refused when the table or column is made.
 * {@code CURRENT_DATE}, {@code CURRENT_TIME}, {@code CURRENT_TIMESTAMP}, {@code LOCALTIME} and {@code LOCALTIMESTAMP}
 * are the time of the write ({@link TimeDefault}); the other context variables ({@code CURRENT_USER}...) are refused
 * (0A000). {@code RANDOM_UUID()} and {@code GEN_RANDOM_UUID()} give each row of a UUID column a new UUID; {@code
 * NEXT VALUE FOR s}, or PostgreSQL's {@code nextval('s')}, the next value of sequence {@code s}, which must exist
 * (42000, as for NEXT VALUE FOR) and whose values the column's type must hold (42804); other functions are refused
 * (0A000).
 */
final class ColumnDefaults {
    /** What a default may be, for the errors that refuse others. */
    private static final String ONLY = "a default is a constant, the time of the write (CURRENT_TIMESTAMP and the"
            + " like), a random UUID (RANDOM_UUID()) or a sequence's next value (NEXT VALUE FOR s)";
    /** PostgreSQL's function for a sequence's next value, {@code nextval('s')}. */
    static final String NEXTVAL = "NEXTVAL";

    private ColumnDefaults() {
    }

    /**
     * The column with its {@code DEFAULT node}: a constant cast to its type, the time of the write, a random UUID or
     * the next value of one of {@code sequences}.
     */
    static ColumnDef withDefault(ColumnDef def, SqlNode node, Sequences sequences) {
        if (node instanceof SqlIdentifier) {
            return def.withTimeDefault(timeDefault((SqlIdentifier) node, def.type(), def.name()));
        }
        if (node instanceof SqlCall) {
            String sequence = sequenceNamed((SqlCall) node);
            if (sequence != null) {
                checkSequenceFits(sequences, sequence, def.type(), def.name());
                return def.withSequenceDefault(sequence);
            }
            return randomUuidDefault((SqlCall) node, def);
        }
        return def.withDefault(value(node, def.type(), def.name()));
    }

    /**
     * The sequence a default's call draws from: {@code NEXT VALUE FOR s} or {@code nextval('s')}, whose text is read
     * as an identifier is (in double quotes or not, optionally after the schema's name); null for any other call.
     * Sequences are named in upper case, whatever the case they are made in, and so is the sequence found here.
     * {@code CURRENT VALUE FOR} is refused (0A000), as in a query.
     */
    private static String sequenceNamed(SqlCall call) {
        if (call.getKind() == SqlKind.CURRENT_VALUE) {
            throw new SqlError("0A000", "DEFAULT CURRENT VALUE FOR is not supported: " + ONLY);
        }
        SqlIdentifier id = call.getKind() == SqlKind.NEXT_VALUE ? (SqlIdentifier) call.operand(0)
                : nextvalSequence(call);
        return id == null ? null : SequenceCalls.sequenceName(id).toUpperCase(Locale.ROOT);
    }

    /**
     * The sequence {@code nextval('s')} names, its text read as an identifier is ({@link #identifierParts}); null if
     * the call is not nextval of one text.
     */
    static SqlIdentifier nextvalSequence(SqlCall call) {
        if (!call.getOperator().getName().equalsIgnoreCase(NEXTVAL) || call.operandCount() != 1
                || !(call.operand(0) instanceof SqlLiteral)
                || !(((SqlLiteral) call.operand(0)).getValue() instanceof NlsString)) {
            return null;
        }
        String text = ((SqlLiteral) call.operand(0)).getValueAs(NlsString.class).getValue();
        return new SqlIdentifier(identifierParts(text), call.getParserPosition());
    }

    /** The parts of a (possibly qualified) name as text: {@code s}, {@code "Mixed"}, {@code mnemo.s}. */
    static List<String> identifierParts(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        String t = text.strip();
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c == '"') {
                if (quoted && i + 1 < t.length() && t.charAt(i + 1) == '"') {
                    part.append('"');
                    i++;
                } else {
                    quoted = !quoted;
                    wasQuoted = true;
                }
            } else if (c == '.' && !quoted) {
                parts.add(wasQuoted ? part.toString() : part.toString().strip().toUpperCase(Locale.ROOT));
                part.setLength(0);
                wasQuoted = false;
            } else {
                part.append(c);
            }
        }
        parts.add(wasQuoted ? part.toString() : part.toString().strip().toUpperCase(Locale.ROOT));
        if (quoted || parts.stream().anyMatch(String::isEmpty)) {
            throw new SqlError("42602", "nextval('" + text + "'): not the name of a sequence");
        }
        return parts;
    }

    /**
     * Checks that a sequence exists (42000 as for NEXT VALUE FOR; an identity column's hidden one does not) and that
     * a column of this type holds every value between its MINVALUE and MAXVALUE (42804 otherwise): a default that
     * could draw a value the column refuses is refused when it is declared, not at the write that draws it.
     */
    static void checkSequenceFits(Sequences sequences, String sequence, ColumnType type, String column) {
        SequenceDef s = Sequences.isReserved(sequence) ? null : sequences.definition(sequence);
        if (s == null) {
            throw Sequences.unknown(sequence);
        }
        BigDecimal[] range = range(type);
        if (range == null || range[0].compareTo(BigDecimal.valueOf(s.minValue())) > 0
                || range[1].compareTo(BigDecimal.valueOf(s.maxValue())) < 0) {
            throw new SqlError("42804", "DEFAULT NEXT VALUE FOR " + sequence + " of column " + column
                    + " is no value of its type " + SqlTypes.typeName(type) + ": the sequence's values run from "
                    + s.minValue() + " to " + s.maxValue() + (range == null ? ", numbers" : ", beyond the type's")
                    + "; give the column a type that holds them, or the sequence a type (AS ...) or MINVALUE and"
                    + " MAXVALUE within the column's");
        }
    }

    /** The lowest and highest whole numbers a column of this type holds exactly; null for a type not a number. */
    private static BigDecimal[] range(ColumnType type) {
        switch (type.kind()) {
            case BIGINT: return bounds(Long.MIN_VALUE, Long.MAX_VALUE);
            case INTEGER: return bounds(Integer.MIN_VALUE, Integer.MAX_VALUE);
            case SMALLINT: return type.isTinyint() ? bounds(Byte.MIN_VALUE, Byte.MAX_VALUE)
                    : bounds(Short.MIN_VALUE, Short.MAX_VALUE);
            case DECIMAL: {
                BigDecimal max = BigDecimal.TEN.pow(type.length() - type.scale()).subtract(BigDecimal.ONE);
                return new BigDecimal[] {max.negate(), max};
            }
            // Whole numbers beyond 2^53 (2^24 for REAL) would be rounded: those a double (float) holds exactly.
            case DOUBLE: return bounds(-(1L << 53), 1L << 53);
            case REAL: return bounds(-(1L << 24), 1L << 24);
            default: return null;
        }
    }

    private static BigDecimal[] bounds(long low, long high) {
        return new BigDecimal[] {BigDecimal.valueOf(low), BigDecimal.valueOf(high)};
    }

    /** A function given as a default: RANDOM_UUID() or GEN_RANDOM_UUID(), for a UUID column only (else 42804). */
    private static ColumnDef randomUuidDefault(SqlCall call, ColumnDef def) {
        String name = call.getOperator().getName();
        if (!UuidFunctions.isRandomUuid(name) || call.operandCount() > 0) {
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
