package dev.mnemo.sql.plan;

import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.exec.MnemoRuntime;
import dev.mnemo.sql.schema.MnemoSchema;
import org.apache.calcite.adapter.enumerable.CallImplementor;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.FunctionParameter;
import org.apache.calcite.schema.ImplementableFunction;
import org.apache.calcite.schema.ScalarFunction;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;

/**
 * {@code NEXT VALUE FOR s} as a call the compiled plan makes to Mnemo's sequences ({@link MnemoRuntime#nextValue}),
 * once per row that evaluates it. Calcite's own implementation keeps a counter per thread, which no database can
 * use, and its validator takes the sequence's name for a column in a query with a FROM clause; so the call is
 * replaced, before validation, by {@link #NEXT_VALUE} of the name and the sequence's type as literals: the call is
 * of the sequence's type (BIGINT, INTEGER or SMALLINT). It is neither deterministic nor constant, so the planner
 * never folds it.
 */
public final class SequenceCalls {
    /** The operator a plan calls for the next value of the sequence named by its one (literal) operand. */
    public static final SqlUserDefinedFunction NEXT_VALUE = new SqlUserDefinedFunction(
            new SqlIdentifier("NEXT_VALUE", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            binding -> binding.getTypeFactory().createSqlType(
                    SqlTypeName.valueOf(binding.getOperandLiteralValue(1, String.class))), null,
            OperandTypes.operandMetadata(List.of(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER),
                    types -> List.of(types.createSqlType(SqlTypeName.VARCHAR),
                            types.createSqlType(SqlTypeName.VARCHAR)),
                    i -> i == 0 ? "sequence" : "type", i -> false),
            new NextValue()) {
        @Override
        public boolean isDeterministic() {
            return false;
        }

        @Override
        public boolean isDynamicFunction() {
            return true;
        }
    };

    /**
     * The operator of {@link #columnDefault}: its first operand, a value a column's default drew from a sequence,
     * if the column's type holds it (its other operands, literals, say which sequence, table, column and range).
     */
    private static final SqlUserDefinedFunction DEFAULT_FITS = new SqlUserDefinedFunction(
            new SqlIdentifier("SEQUENCE_DEFAULT_FITS", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
            ReturnTypes.ARG0, null, OperandTypes.operandMetadata(Collections.nCopies(6, SqlTypeFamily.ANY),
                    types -> Collections.nCopies(6, types.createSqlType(SqlTypeName.ANY)),
                    i -> "operand" + i, i -> false),
            new DefaultFits());

    private SequenceCalls() {
    }

    /**
     * The next value of {@code sequence} as column {@code column} of {@code table}, of type {@code type}, takes it
     * for its default. The sequence's values fitted the type when the default was declared, but an ALTER SEQUENCE may
     * since have taken them past it: a value the type cannot hold then fails with 22003 naming the sequence, the
     * table and the column, not only the column as a value written to it would.
     */
    public static RexNode columnDefault(RexBuilder rex, String sequence, String table, String column,
                                        RelDataType type) {
        RexNode next = nextValue(rex, sequence, SqlTypeName.BIGINT);
        long[] range = wholeRange(type);
        if (range != null) {
            next = rex.makeCall(next.getType(), DEFAULT_FITS, List.of(next, rex.makeLiteral(sequence),
                    rex.makeLiteral(table + "." + column), rex.makeLiteral(type.toString()),
                    rex.makeBigintLiteral(BigDecimal.valueOf(range[0])),
                    rex.makeBigintLiteral(BigDecimal.valueOf(range[1]))));
        }
        return rex.makeCast(type, next);
    }

    /** The whole numbers an integer or DECIMAL type holds, narrower than BIGINT's; null for other types. */
    private static long[] wholeRange(RelDataType type) {
        switch (type.getSqlTypeName()) {
            case TINYINT: return new long[] {Byte.MIN_VALUE, Byte.MAX_VALUE};
            case SMALLINT: return new long[] {Short.MIN_VALUE, Short.MAX_VALUE};
            case INTEGER: return new long[] {Integer.MIN_VALUE, Integer.MAX_VALUE};
            case DECIMAL: {
                int digits = type.getPrecision() - type.getScale();
                if (digits >= 19) {
                    return null;
                }
                long max = BigDecimal.TEN.pow(digits).longValueExact() - 1;
                return new long[] {-max, max};
            }
            default: return null;
        }
    }

    /** A sequence a statement names: the name it is kept under and its type. */
    public record Known(String name, SqlTypeName type) {
    }

    /**
     * Replaces, in place, each {@code NEXT VALUE FOR s} of a parsed statement by {@link #NEXT_VALUE}{@code ('S',
     * 'type')}, after {@code known} has found the sequence (or thrown). {@code CURRENT VALUE FOR} is refused (0A000).
     */
    public static void standIn(SqlNode statement, Function<SqlIdentifier, Known> known) {
        InPlace.replace(statement, node -> replacement(node, known));
    }

    private static SqlNode replacement(SqlNode node, Function<SqlIdentifier, Known> known) {
        if (node == null || node.getKind() != SqlKind.NEXT_VALUE && node.getKind() != SqlKind.CURRENT_VALUE) {
            return null;
        }
        SqlCall call = (SqlCall) node;
        if (node.getKind() == SqlKind.CURRENT_VALUE) {
            throw new SqlError("0A000", "CURRENT VALUE FOR is not supported; use NEXT VALUE FOR");
        }
        Known sequence = known.apply((SqlIdentifier) call.operand(0));
        SqlParserPos pos = call.getParserPosition();
        return NEXT_VALUE.createCall(pos, SqlLiteral.createCharString(sequence.name(), pos),
                SqlLiteral.createCharString(sequence.type().getName(), pos));
    }

    /** The name a sequence identifier stands for in the one schema (3F000 for another schema). */
    public static String sequenceName(SqlIdentifier id) {
        List<String> names = id.names;
        if (names.size() > 2 || names.size() == 2 && !names.get(0).equalsIgnoreCase(MnemoSchema.NAME)) {
            throw new SqlError("3F000", "no schema " + names.subList(0, names.size() - 1) + " (the only schema is "
                    + MnemoSchema.NAME + ")");
        }
        return names.get(names.size() - 1);
    }

    /** The call that gives the next value of the named sequence, of its type (never NULL). */
    public static RexNode nextValue(RexBuilder rexBuilder, String sequence, SqlTypeName type) {
        RelDataType t = rexBuilder.getTypeFactory().createSqlType(type);
        return rexBuilder.makeCall(t, NEXT_VALUE, List.of(rexBuilder.makeLiteral(sequence),
                rexBuilder.makeLiteral(type.getName())));
    }

    /** A function of Mnemo's runtime that returns a BIGINT; its operands are typed by the operator that calls it. */
    private abstract static class BigintCall implements ScalarFunction, ImplementableFunction {
        @Override
        public RelDataType getReturnType(RelDataTypeFactory typeFactory) {
            return typeFactory.createSqlType(SqlTypeName.BIGINT);
        }

        @Override
        public List<FunctionParameter> getParameters() {
            return List.of();
        }
    }

    /** Calls {@code MnemoRuntime.nextValue(root, name)}, narrowed to the call's type. */
    private static final class NextValue extends BigintCall {
        @Override
        public CallImplementor getImplementor() {
            return (translator, call, nullAs) -> {
                Expression name = translator.translateList(call.getOperands()).get(0);
                Expression value = Expressions.call(MnemoRuntime.class, "nextValue", translator.getRoot(), name);
                // A sequence's values lie within its type: narrowing loses nothing.
                switch (call.getType().getSqlTypeName()) {
                    case INTEGER:
                        return Expressions.convert_(value, int.class);
                    case SMALLINT:
                        return Expressions.convert_(value, short.class);
                    default:
                        return value;
                }
            };
        }
    }

    /** Calls {@code MnemoRuntime.sequenceDefault} on the value and the literals that describe it. */
    private static final class DefaultFits extends BigintCall {
        @Override
        public CallImplementor getImplementor() {
            return (translator, call, nullAs) -> {
                List<Expression> operands = translator.translateList(call.getOperands());
                return Expressions.call(MnemoRuntime.class, "sequenceDefault",
                        Expressions.convert_(operands.get(0), long.class), operands.get(1), operands.get(2),
                        operands.get(3), Expressions.convert_(operands.get(4), long.class),
                        Expressions.convert_(operands.get(5), long.class));
            };
        }
    }
}
