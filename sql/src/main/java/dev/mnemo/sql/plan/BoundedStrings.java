package dev.mnemo.sql.plan;

import dev.mnemo.engine.ColumnType;
import dev.mnemo.sql.SqlError;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

import java.util.Map;

/**
 * The functions that make a string as long as an argument says ({@code REPEAT}, {@code SPACE}, {@code LPAD},
 * {@code RPAD}), with a bound: a result longer than the longest value Mnemo stores ({@link ColumnType#LENGTH_MAX}
 * characters) fails with SQLState 54000 before anything is allocated, where the unbounded versions would try to
 * allocate gigabytes and fail the statement, or the member, with an OutOfMemoryError. {@link MnemoRexBuilder}
 * puts these in place of the library functions of the same names when it builds a call, so validation and types
 * are the library's and only the code that runs is these methods. Semantics are PostgreSQL's: a count or length
 * of zero or less gives the empty string, LPAD and RPAD cut a string longer than the length, an empty fill leaves
 * the string as it is.
 */
public final class BoundedStrings {
    private static final Map<SqlOperator, Map<Integer, SqlOperator>> REPLACEMENTS = Map.of(
            SqlLibraryOperators.REPEAT, Map.of(2, op("REPEAT", "repeat", String.class, Integer.class)),
            SqlLibraryOperators.SPACE, Map.of(1, op("SPACE", "space", Integer.class)),
            SqlLibraryOperators.LPAD, Map.of(2, op("LPAD", "lpad", String.class, Integer.class),
                    3, op("LPAD", "lpad", String.class, Integer.class, String.class)),
            SqlLibraryOperators.RPAD, Map.of(2, op("RPAD", "rpad", String.class, Integer.class),
                    3, op("RPAD", "rpad", String.class, Integer.class, String.class)));

    private BoundedStrings() {
    }

    private static SqlOperator op(String name, String method, Class<?>... parameters) {
        return new SqlUserDefinedFunction(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION,
                ReturnTypes.ARG0, null, null,
                ScalarFunctionImpl.create(Types.lookupMethod(BoundedStrings.class, method, parameters)));
    }

    /** The bounded operator to run in place of {@code op} with that many operands, or {@code op} itself. */
    static SqlOperator replacement(SqlOperator op, int operands) {
        Map<Integer, SqlOperator> byArity = REPLACEMENTS.get(op);
        SqlOperator bounded = byArity == null ? null : byArity.get(operands);
        return bounded == null ? op : bounded;
    }

    @Strict
    public static String repeat(String s, Integer count) {
        if (count <= 0 || s.isEmpty()) {
            return "";
        }
        checkLength("REPEAT", (long) s.length() * count);
        return s.repeat(count);
    }

    @Strict
    public static String space(Integer count) {
        if (count <= 0) {
            return "";
        }
        checkLength("SPACE", count);
        return " ".repeat(count);
    }

    @Strict
    public static String lpad(String s, Integer length) {
        return pad("LPAD", s, length, " ", true);
    }

    @Strict
    public static String lpad(String s, Integer length, String fill) {
        return pad("LPAD", s, length, fill, true);
    }

    @Strict
    public static String rpad(String s, Integer length) {
        return pad("RPAD", s, length, " ", false);
    }

    @Strict
    public static String rpad(String s, Integer length, String fill) {
        return pad("RPAD", s, length, fill, false);
    }

    private static String pad(String function, String s, int length, String fill, boolean left) {
        if (length <= 0) {
            return "";
        }
        if (s.length() >= length) {
            return s.substring(0, length);
        }
        if (fill.isEmpty()) {
            return s;
        }
        checkLength(function, length);
        StringBuilder b = new StringBuilder(length);
        if (!left) {
            b.append(s);
        }
        for (int missing = length - s.length(); missing > 0; missing -= fill.length()) {
            b.append(fill, 0, Math.min(fill.length(), missing));
        }
        if (left) {
            b.append(s);
        }
        return b.toString();
    }

    private static void checkLength(String function, long length) {
        if (length > ColumnType.LENGTH_MAX) {
            throw new SqlError("54000", function + " would make a string of " + length
                    + " characters; the longest a value may be is " + ColumnType.LENGTH_MAX);
        }
    }
}
