package dev.mnemo.sql.plan;

import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.util.List;
import java.util.UUID;

/**
 * The functions that make a random (version 4) UUID: {@code RANDOM_UUID()}, as H2 names it, and
 * {@code GEN_RANDOM_UUID()}, as PostgreSQL does. Each call is a new value, so they are neither deterministic nor
 * constant: the planner does not fold them, and a check constraint refuses them (42000) as it refuses RAND().
 */
public final class UuidFunctions {
    /** {@code RANDOM_UUID()}: what a column whose default is a random UUID calls for each row. */
    public static final SqlOperator RANDOM_UUID = random("RANDOM_UUID");

    /** The operators, by both names. */
    public static final SqlOperatorTable TABLE = SqlOperatorTables.of(List.of(RANDOM_UUID,
            random("GEN_RANDOM_UUID")));

    private UuidFunctions() {
    }

    /** Whether {@code name} (in any case) is one of the random UUID functions. */
    public static boolean isRandomUuid(String name) {
        return name.equalsIgnoreCase("RANDOM_UUID") || name.equalsIgnoreCase("GEN_RANDOM_UUID");
    }

    private static SqlUserDefinedFunction random(String name) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                ReturnTypes.explicit(SqlTypeName.UUID), null,
                OperandTypes.operandMetadata(List.of(), types -> List.of(), i -> "", i -> false),
                ScalarFunctionImpl.create(Types.lookupMethod(UuidFunctions.class, "randomUuid"))) {
            @Override
            public boolean isDeterministic() {
                return false;
            }
        };
    }

    /** A new random UUID, from a cryptographically strong generator: an identifier no one can guess. */
    public static UUID randomUuid() {
        return UUID.randomUUID();
    }
}
