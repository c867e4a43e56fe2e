package dev.mnemo.sql.parser;

import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.parser.impl.MnemoSqlParserImpl;
import dev.mnemo.sql.parser.impl.MnemoSqlParserImplConstants;
import dev.mnemo.sql.parser.impl.Token;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParser;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code SELECT ... FOR UPDATE [OF column, ...]}: a query whose rows the transaction means to change. Mnemo's
 * transactions are optimistic and serializable, so every row a transaction reads is validated when it commits,
 * and one that another transaction changed first makes the commit fail with 40001: that is what FOR UPDATE asks,
 * without a lock. The clause is read off the end of the statement with the parser's own tokens (so literals,
 * quoted names and comments are skipped as the parser skips them) and the rest is parsed as it stands: Calcite's
 * grammar takes {@code FOR} after a table name as the start of {@code FOR SYSTEM_TIME}, so it cannot be extended
 * to read the clause itself. {@code NOWAIT}, {@code SKIP LOCKED} and {@code WAIT n} promise how a lock is waited
 * for, which Mnemo cannot keep: they fail with 0A000.
 */
public final class LockingClause {
    private LockingClause() {
    }

    /**
     * The statement without its trailing {@code FOR UPDATE} clause, or {@code sql} itself (the same instance) if
     * it has none. The caller checks that what is left is a query.
     */
    public static String strip(String sql, SqlParser.Config config) {
        if (!sql.toUpperCase(Locale.ROOT).contains("UPDATE")) {
            return sql; // the common case, without tokenizing
        }
        List<Token> tokens = tokens(sql, config);
        int depth = 0;
        for (int i = 0; i + 1 < tokens.size(); i++) {
            int kind = tokens.get(i).kind;
            if (kind == MnemoSqlParserImplConstants.LPAREN) {
                depth++;
            } else if (kind == MnemoSqlParserImplConstants.RPAREN) {
                depth--;
            } else if (depth == 0 && kind == MnemoSqlParserImplConstants.FOR
                    && tokens.get(i + 1).kind == MnemoSqlParserImplConstants.UPDATE && endsClause(tokens, i + 2)) {
                return sql.substring(0, offset(sql, tokens.get(i)));
            }
        }
        return sql;
    }

    /** Whether the tokens from {@code i} are {@code [OF name, ...] [NOWAIT | SKIP LOCKED | WAIT n]} then the end. */
    private static boolean endsClause(List<Token> tokens, int i) {
        if (tokens.get(i).kind == MnemoSqlParserImplConstants.OF) {
            i++;
            while (true) {
                if (!isName(tokens.get(i))) {
                    return false;
                }
                i++;
                int kind = tokens.get(i).kind;
                if (kind != MnemoSqlParserImplConstants.COMMA && kind != MnemoSqlParserImplConstants.DOT) {
                    break;
                }
                i++;
            }
        }
        if (tokens.get(i).kind == MnemoSqlParserImplConstants.EOF) {
            return true;
        }
        String word = tokens.get(i).image.toUpperCase(Locale.ROOT);
        String next = tokens.get(Math.min(i + 1, tokens.size() - 1)).image.toUpperCase(Locale.ROOT);
        int after = i + 1;
        String refused;
        if (word.equals("NOWAIT")) {
            refused = "FOR UPDATE NOWAIT";
        } else if (word.equals("SKIP") && next.equals("LOCKED")) {
            refused = "FOR UPDATE SKIP LOCKED";
            after = i + 2;
        } else if (word.equals("WAIT")
                && tokens.get(i + 1).kind == MnemoSqlParserImplConstants.UNSIGNED_INTEGER_LITERAL) {
            refused = "FOR UPDATE WAIT " + tokens.get(i + 1).image;
            after = i + 2;
        } else {
            return false; // not a locking clause: the parser reports what it is
        }
        if (after >= tokens.size() || tokens.get(after).kind != MnemoSqlParserImplConstants.EOF) {
            return false;
        }
        throw new SqlError("0A000", refused + " is not supported: Mnemo's transactions take no locks (a row read FOR"
                + " UPDATE is validated when the transaction commits, which fails with 40001 if another transaction"
                + " changed the row first), so there is no lock to wait for or skip; use FOR UPDATE alone");
    }

    private static boolean isName(Token t) {
        switch (t.kind) {
            case MnemoSqlParserImplConstants.IDENTIFIER:
            case MnemoSqlParserImplConstants.QUOTED_IDENTIFIER:
            case MnemoSqlParserImplConstants.BACK_QUOTED_IDENTIFIER:
            case MnemoSqlParserImplConstants.BIG_QUERY_BACK_QUOTED_IDENTIFIER:
            case MnemoSqlParserImplConstants.BRACKET_QUOTED_IDENTIFIER:
            case MnemoSqlParserImplConstants.UNICODE_QUOTED_IDENTIFIER:
                return true;
            default:
                // A keyword that is not reserved may name a column (NAME, VALUE, ...).
                return t.kind != MnemoSqlParserImplConstants.EOF && t.image.matches("[A-Za-z_][A-Za-z0-9_$]*");
        }
    }

    /** The statement's tokens, ending with EOF; a text the tokenizer cannot read has none worth stripping. */
    private static List<Token> tokens(String sql, SqlParser.Config config) {
        MnemoSqlParserImpl parser = (MnemoSqlParserImpl) MnemoSqlParserImpl.FACTORY.getParser(new StringReader(sql));
        parser.setTabSize(1);
        parser.switchTo(SqlAbstractParserImpl.LexicalState.forConfig(config));
        List<Token> tokens = new ArrayList<>();
        try {
            Token t;
            do {
                t = parser.getNextToken();
                tokens.add(t);
            } while (t.kind != MnemoSqlParserImplConstants.EOF);
        } catch (RuntimeException | Error e) {
            // A lexical error: leave the statement whole, and the parser reports it where it is.
            return List.of(eof());
        }
        return tokens;
    }

    private static Token eof() {
        Token t = new Token();
        t.kind = MnemoSqlParserImplConstants.EOF;
        t.image = "";
        return t;
    }

    /** Where token {@code t} starts in {@code sql}: its line and column count characters from 1, tabs as one. */
    private static int offset(String sql, Token t) {
        int line = 1;
        int i = 0;
        while (line < t.beginLine) {
            char c = sql.charAt(i++);
            if (c == '\n' || c == '\r' && (i >= sql.length() || sql.charAt(i) != '\n')) {
                line++;
            }
        }
        return i + t.beginColumn - 1;
    }
}
