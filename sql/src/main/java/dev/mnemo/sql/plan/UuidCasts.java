package dev.mnemo.sql.plan;

import dev.mnemo.engine.TypeMismatchException;
import dev.mnemo.engine.codec.UuidText;
import dev.mnemo.sql.SqlError;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.rel.type.RelDataType;
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

import java.util.List;
import java.util.UUID;

/**
 * Casts of text to UUID read only the canonical form ({@code 8-4-4-4-12} hexadecimal digits, either case): Calcite's
 * own cast takes whatever {@code UUID.fromString} does, shortened groups ({@code '1-2-3-4-5'}) included, and fails
 * on other text with an unchecked error. {@link MnemoRexBuilder} puts the check before each such cast; text that is
 * no UUID fails with SQLState 22018, as a text that is no number does in a cast to INTEGER.
 */
public final class UuidCasts {
    private static final SqlOperator CHECK = new SqlUserDefinedFunction(
            new SqlIdentifier("UUID_TEXT", SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, ReturnTypes.ARG0, null, null,
            ScalarFunctionImpl.create(Types.lookupMethod(UuidCasts.class, "check", String.class)));

    private UuidCasts() {
    }

    /** Whether a cast of {@code value} to {@code type} reads text as a UUID. */
    static boolean needsCheck(RelDataType type, RexNode value) {
        return type.getSqlTypeName() == SqlTypeName.UUID && SqlTypeUtil.inCharFamily(value.getType());
    }

    /** The text, checked as a UUID when the expression runs. */
    static RexNode checked(RexBuilder rexBuilder, RexNode text) {
        return rexBuilder.makeCall(text.getType(), CHECK, List.of(text));
    }

    /** The canonical text of the UUID {@code text} spells, in lower case; a 22018 error if it spells none. */
    @Strict
    public static String check(String text) {
        return parse(text).toString();
    }

    /** The UUID {@code text} spells in the canonical form; a 22018 error if it spells none. */
    public static UUID parse(String text) {
        try {
            return UuidText.parse(text);
        } catch (TypeMismatchException e) {
            throw new SqlError("22018", "invalid character value for cast: " + e.getMessage());
        }
    }
}
