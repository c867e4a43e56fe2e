package dev.mnemo.sql.parser;

import dev.mnemo.sql.parser.impl.MnemoSqlParserImpl;
import org.apache.calcite.avatica.util.Casing;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSelect;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Identifiers with a {@code $} read as identifiers wherever they stand: after a qualifier ({@code t.mnemo$rowid}) or
 * an operator ({@code 2-a$b}), where Calcite's lexer took them, with what went before, for one collation name.
 */
class DollarIdentifierTest {
    private static final SqlParser.Config CONFIG = SqlParser.config()
            .withParserFactory(MnemoSqlParserImpl.FACTORY)
            .withUnquotedCasing(Casing.TO_UPPER);

    /** The select list of a query: an identifier as the list of its names, anything else as SQL. */
    private static List<String> items(String sql) throws SqlParseException {
        SqlSelect select = (SqlSelect) SqlParser.create(sql, CONFIG).parseQuery();
        List<String> out = new ArrayList<>();
        for (SqlNode item : select.getSelectList()) {
            out.add(item instanceof SqlIdentifier ? ((SqlIdentifier) item).names.toString()
                    : item.toString().replace('`', '"'));
        }
        return out;
    }

    @Test
    void aQualifiedDollarIdentifierIsTheQualifierAndTheIdentifier() throws SqlParseException {
        assertThat(items("SELECT t.mnemo$rowid, mnemo.t.mnemo$rowid, mnemo$rowid FROM t"))
                .containsExactly("[T, MNEMO$ROWID]", "[MNEMO, T, MNEMO$ROWID]", "[MNEMO$ROWID]");
    }

    @Test
    void dollarIdentifiersOnBothSidesOfADotAreTwo() throws SqlParseException {
        assertThat(items("SELECT a$b.c$d, a$b.c$d$e, x.y.z$w FROM a$b"))
                .containsExactly("[A$B, C$D]", "[A$B, C$D$E]", "[X, Y, Z$W]");
    }

    @Test
    void aDollarIdentifierAfterAMinusIsAnOperand() throws SqlParseException {
        assertThat(items("SELECT 2-a$b, 1.5-a$b, x-a$b, t.x-t.a$b FROM t"))
                .containsExactly("2 - \"A$B\"", "1.5 - \"A$B\"", "\"X\" - \"A$B\"", "\"T\".\"X\" - \"T\".\"A$B\"");
    }

    @Test
    void aKeywordBeforeTheDotStaysAKeyword() throws SqlParseException {
        assertThat(items("SELECT CURRENT_DATE-a$b FROM t")).containsExactly("CURRENT_DATE - \"A$B\"");
    }
}
