package dev.mnemo.sql.parser;

import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.util.Locale;

/**
 * PostgreSQL's cast {@code expression::type}, read as the standard {@code CAST(expression AS type)}. Its
 * {@code ::regclass}, which pg_dump writes in {@code nextval('s'::regclass)}, names a relation by a text: Mnemo has no
 * type of relation identifiers, and the one function that takes one, {@code nextval}, takes the text, so the cast
 * leaves the text as it is.
 */
public final class InfixCasts {
    private static final String REGCLASS = "REGCLASS";

    private InfixCasts() {
    }

    /** {@code operand::type}: the operand cast to the type, or the operand itself for {@code regclass}. */
    public static SqlNode cast(SqlNode operand, SqlDataTypeSpec type, SqlParserPos pos) {
        return isRegclass(type) ? operand : SqlStdOperatorTable.CAST.createCall(pos, operand, type);
    }

    /** Whether {@code type} is PostgreSQL's {@code regclass}, written without quotes in any case. */
    public static boolean isRegclass(SqlDataTypeSpec type) {
        SqlIdentifier name = type.getTypeName();
        return name.isSimple() && name.getSimple().toUpperCase(Locale.ROOT).equals(REGCLASS);
    }
}
