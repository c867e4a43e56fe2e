package dev.mnemo.sql.exec;

import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlLibraryOperators;
import org.apache.calcite.sql.util.SqlOperatorTables;

import java.util.List;

/**
 * The functions Mnemo's SQL offers beyond the standard's, taken from Calcite's libraries: the ones applications
 * ported from PostgreSQL, MySQL or Oracle reach for first. Where dialects disagree, PostgreSQL's meaning is the
 * one chosen: {@code CONCAT} and {@code CONCAT_WS} skip NULLs, {@code GREATEST} and {@code LEAST} ignore NULLs,
 * {@code SUBSTR}, {@code REGEXP_REPLACE}, {@code TO_CHAR} and {@code TO_DATE} take PostgreSQL's arguments and
 * formats. Oracle's {@code DECODE} is left out: PostgreSQL's {@code decode(text, format)} means something else,
 * and would run as Oracle's with a wrong answer and no error. Each function is named here on purpose, rather than
 * a whole library chained in: a library also brings functions whose results Mnemo has no type for (arrays, maps,
 * time zones) and second meanings of standard names. {@code REPEAT}, {@code SPACE}, {@code LPAD} and {@code RPAD}
 * run bounded (see BoundedStrings).
 */
final class LibraryFunctions {
    private static final List<SqlOperator> OPERATORS = List.of(
            // strings
            SqlLibraryOperators.CONCAT_FUNCTION_WITH_NULL, SqlLibraryOperators.CONCAT_WS_POSTGRESQL,
            SqlLibraryOperators.LENGTH, SqlLibraryOperators.LEFT, SqlLibraryOperators.RIGHT,
            SqlLibraryOperators.SUBSTR_POSTGRESQL, SqlLibraryOperators.STRPOS, SqlLibraryOperators.INSTR,
            SqlLibraryOperators.SPLIT_PART, SqlLibraryOperators.STARTS_WITH, SqlLibraryOperators.ENDS_WITH,
            SqlLibraryOperators.REVERSE, SqlLibraryOperators.TRANSLATE3, SqlLibraryOperators.CHR,
            SqlLibraryOperators.LTRIM, SqlLibraryOperators.RTRIM, SqlLibraryOperators.REPEAT, SqlLibraryOperators.SPACE,
            SqlLibraryOperators.LPAD, SqlLibraryOperators.RPAD, SqlLibraryOperators.SOUNDEX,
            SqlLibraryOperators.ILIKE, SqlLibraryOperators.NOT_ILIKE, SqlLibraryOperators.REGEXP_LIKE,
            SqlLibraryOperators.REGEXP_REPLACE_PG_3, SqlLibraryOperators.REGEXP_REPLACE_PG_4,
            // digests and encodings
            SqlLibraryOperators.MD5, SqlLibraryOperators.SHA1, SqlLibraryOperators.SHA256, SqlLibraryOperators.SHA512,
            SqlLibraryOperators.TO_BASE64, SqlLibraryOperators.FROM_BASE64,
            // choosing among values
            SqlLibraryOperators.GREATEST_PG, SqlLibraryOperators.LEAST_PG, SqlLibraryOperators.NVL,
            SqlLibraryOperators.IFNULL, SqlLibraryOperators.NVL2,
            // dates and numbers
            SqlLibraryOperators.DATE_PART, SqlLibraryOperators.TO_CHAR_PG, SqlLibraryOperators.TO_DATE_PG,
            SqlLibraryOperators.LOG2, SqlLibraryOperators.COSH, SqlLibraryOperators.SINH, SqlLibraryOperators.TANH,
            SqlLibraryOperators.RANDOM,
            // casts: TRY_CAST is null where CAST fails, and reads a date or time as CAST does (MnemoRexBuilder)
            SqlLibraryOperators.TRY_CAST,
            // aggregates
            SqlLibraryOperators.STRING_AGG, SqlLibraryOperators.GROUP_CONCAT, SqlLibraryOperators.BOOL_AND,
            SqlLibraryOperators.BOOL_OR);

    static final SqlOperatorTable TABLE = SqlOperatorTables.of(OPERATORS);

    private LibraryFunctions() {
    }
}
