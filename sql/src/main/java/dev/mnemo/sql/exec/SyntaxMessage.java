package dev.mnemo.sql.exec;

import dev.mnemo.sql.parser.impl.MnemoSqlParserImpl;
import dev.mnemo.sql.parser.impl.MnemoSqlParserImplConstants;
import dev.mnemo.sql.parser.impl.ParseException;
import dev.mnemo.sql.parser.impl.Token;
import dev.mnemo.sql.parser.impl.TokenMgrError;
import org.apache.calcite.sql.parser.SqlAbstractParserImpl;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.parser.SqlParser;
import org.apache.calcite.sql.parser.SqlParserPos;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A parse error told in a line: where it is, the word found there, the keyword meant when that word (or the one
 * before it, taken for a name) is a typing slip away from one that may come there, and a handful of what may.
 * The parser's own message lists every token that may come, often a hundred and more.
 */
final class SyntaxMessage {
    /** The most tokens the message lists; more are shown as "...". */
    static final int EXPECTED_SHOWN_MAX = 6;

    private static final String NAME = "a name";
    private static final String LITERAL = "a literal";
    private static final String END = "end of statement";

    /** What a reader most likely meant first, in order; tokens not listed follow in the parser's order. */
    private static final List<String> COMMON = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP",
            "ALTER", "WITH", "VALUES", "FROM", "WHERE", "INTO", "SET", "TABLE", "INDEX", "VIEW", "SEQUENCE", "BY",
            "ON", "AS", "JOIN", "GROUP", "ORDER", "HAVING", "LIMIT", "AND", "OR", "NOT", NAME, LITERAL, "\"(\"",
            "\")\"", "\",\"", "\"=\"", "\"*\"", END);

    /** The keywords a statement starts with, for a first word that is none of them. */
    private static final List<String> STATEMENTS = List.of("SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "DROP",
            "ALTER", "WITH", "VALUES", "MERGE", "UPSERT", "EXPLAIN", "DESCRIBE", "TRUNCATE", "SCRIPT", "BEGIN",
            "START", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE", "SET", "TABLE", "CALL");

    /** What a query starts with, for a word where a query must come and an expression came. */
    private static final List<String> QUERIES = List.of("SELECT", "VALUES", "WITH", "TABLE", "\"(\"");

    /** How the lexer names a character that starts no token: {@code Encountered: "#" (35)}. */
    private static final Pattern LEXICAL = Pattern.compile("^Lexical error .*?Encountered: (\".*?\") \\(\\d+\\)");

    /**
     * How many tokens past where the parser stopped a mistyped keyword may be: a statement's first two words are
     * read ahead to choose the statement.
     */
    private static final int REPAIR_LOOKAHEAD_TOKENS = 2;

    private static final SqlAbstractParserImpl.Metadata KEYWORDS =
            MnemoSqlParserImpl.FACTORY.getParser(new StringReader("")).getMetadata();

    private SyntaxMessage() {
    }

    /** The message for {@code e}, met parsing {@code sql} (null if unknown: the word is then read from {@code e}). */
    static String of(SqlParseException e, String sql) {
        SqlParserPos pos = e.getPos();
        String where = pos == null ? "syntax error" : "syntax error at line " + pos.getLineNum() + ", column "
                + pos.getColumnNum();
        Found found = null;
        List<String> expected = null;
        Token last = e.getCause() instanceof ParseException ? ((ParseException) e.getCause()).currentToken : null;
        if (e.getExpectedTokenSequences() != null && (last != null || pos != null && sql != null)) {
            found = last != null ? new Found(last.next, last) : tokenAt(sql, pos, false);
            expected = expected(e);
        } else if (pos != null && sql != null && isNonQuery(e)) {
            found = tokenAt(sql, pos, true);
            expected = found == null ? null : found.first ? STATEMENTS : QUERIES;
        }
        boolean refusedKeyword = found != null && found.at != null && expected != null
                && expected.contains(found.at.image.toUpperCase(Locale.ROOT));
        String meant = found == null || found.at == null || expected == null || refusedKeyword ? ""
                : meant(found, expected);
        Repair repair = meant.isEmpty() && found != null && found.at != null && sql != null
                ? repair(sql, found.at) : null;
        if (repair != null && repair.after(found.at)) {
            // A keyword that may come here, refused for a mistyped word after it that the parser read ahead.
            return "syntax error at line " + repair.word.beginLine + ", column " + repair.word.beginColumn
                    + ": unexpected \"" + repair.word.image + "\"; did you mean " + repair.keyword + "?";
        }
        if (found == null || found.at == null || expected == null || refusedKeyword) {
            return where + ": " + firstLine(lexical(e.getMessage()));
        }
        if (repair != null) {
            meant = sameStart(repair.word, found.at) ? "; did you mean " + repair.keyword + "?"
                    : "; did you mean " + repair.keyword + " instead of \"" + repair.word.image + "\"?";
        }
        return where + ": unexpected " + (found.at.kind == MnemoSqlParserImplConstants.EOF ? END
                : '"' + found.at.image + '"') + meant + (meant.isEmpty() ? ". " : " ") + listed(expected);
    }

    /**
     * The token the parser stopped at; the one before it, or for a query that is an expression the last plain word
     * before it (a mistyped {@code VALUES} is a function's name); and whether it is the statement's first.
     */
    private record Found(Token at, Token before, boolean first) {
        Found(Token at, Token before) {
            this(at, before, before == null);
        }
    }

    /**
     * Whether the text is not SQL at all (42601): a token that may not come where it is, a character that starts
     * none, an expression where a statement must come. The grammar's own refusals of what it read (a clause given
     * twice, a sequence of a type it cannot have) are other rule violations (42000).
     */
    static boolean isSyntax(SqlParseException e) {
        return e.getExpectedTokenSequences() != null || e.getCause() instanceof TokenMgrError || isNonQuery(e);
    }

    private static boolean isNonQuery(SqlParseException e) {
        return String.valueOf(e.getMessage()).startsWith("Non-query expression encountered in illegal context");
    }

    /**
     * The token of {@code sql} that starts at {@code pos}, with the token before it, or with {@code lastWord} the
     * last plain word before it; null if the text cannot be read up to there.
     */
    private static Found tokenAt(String sql, SqlParserPos pos, boolean lastWord) {
        MnemoSqlParserImpl lexer = lexer(sql);
        Token before = null;
        Token word = null;
        try {
            for (Token t = lexer.getNextToken(); t.kind != MnemoSqlParserImplConstants.EOF; t = lexer.getNextToken()) {
                if (t.beginLine == pos.getLineNum() && t.beginColumn == pos.getColumnNum()) {
                    return new Found(t, lastWord ? word : before, before == null);
                }
                before = t;
                word = t.kind == MnemoSqlParserImplConstants.IDENTIFIER ? t : word;
            }
        } catch (TokenMgrError e) {
            return null;
        }
        return null;
    }

    /** A lexer of {@code sql} that reads it as the parser does, tabs one column wide. */
    private static MnemoSqlParserImpl lexer(String sql) {
        MnemoSqlParserImpl lexer = (MnemoSqlParserImpl) MnemoSqlParserImpl.FACTORY.getParser(new StringReader(sql));
        lexer.switchTo(SqlAbstractParserImpl.LexicalState.forConfig(SqlDatabase.PARSER));
        lexer.setTabSize(1);
        return lexer;
    }

    /** The first token of each sequence the parser would have taken, as the message names them, in its order. */
    private static List<String> expected(SqlParseException e) {
        String[] images = e.getTokenImages();
        Set<String> raw = new LinkedHashSet<>();
        for (int[] sequence : e.getExpectedTokenSequences()) {
            if (sequence.length > 0) {
                raw.add(images[sequence[0]]);
            }
        }
        boolean names = raw.stream().anyMatch(SyntaxMessage::isName);
        Set<String> out = new LinkedHashSet<>();
        for (String image : raw) {
            String shown = shown(image);
            if (shown != null && !(names && isKeyword(shown) && KEYWORDS.isNonReservedKeyword(shown))) {
                out.add(shown);
            }
        }
        return new ArrayList<>(out);
    }

    private static boolean isName(String image) {
        return image.endsWith("IDENTIFIER>");
    }

    /** How the message names a token image: a keyword bare, a symbol quoted, names and literals by kind. */
    private static String shown(String image) {
        if (image.equals("<EOF>")) {
            return END;
        }
        if (isName(image)) {
            return NAME;
        }
        if (image.startsWith("<")) {
            return image.contains("LITERAL") || image.contains("STRING") ? LITERAL : null;
        }
        String bare = image.substring(1, image.length() - 1);
        return bare.equals("/*+") ? null : isKeyword(bare) ? bare : image;
    }

    private static boolean isKeyword(String shown) {
        return !shown.isEmpty() && Character.isLetter(shown.charAt(0)) && !shown.equals(NAME)
                && !shown.equals(LITERAL) && !shown.equals(END);
    }

    /**
     * "; did you mean K?" when the word found is one typing slip from keyword K that may come there, or the word
     * before it is (a name the parser took it for, as {@code FORM} in {@code SELECT * FORM t}); else nothing.
     */
    private static String meant(Found found, List<String> expected) {
        String keyword = nearKeyword(found.at, expected);
        if (keyword != null) {
            return "; did you mean " + keyword + "?";
        }
        Token before = found.before;
        if (before != null && before.kind == MnemoSqlParserImplConstants.IDENTIFIER) {
            keyword = nearKeyword(before, expected);
            if (keyword != null) {
                return "; did you mean " + keyword + " instead of \"" + before.image + "\"?";
            }
        }
        return "";
    }

    private static String nearKeyword(Token token, List<String> expected) {
        String word = token.image.toUpperCase(Locale.ROOT);
        if (word.length() < 3 || !word.chars().allMatch(c -> Character.isLetter(c) || c == '_')) {
            return null;
        }
        for (String candidate : ranked(expected)) {
            if (isKeyword(candidate) && candidate.length() >= 3 && oneSlipApart(word, candidate)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * A plain word near where the parser stopped that is one slip from a keyword it takes there: once that keyword,
     * the parser reads past where it stopped and past the word. The parser may stop before the word, at a keyword
     * it refused for the words after it that it read ahead, or after it, at a word the mistyped keyword, read as a
     * name, left no room for.
     */
    private record Repair(Token word, String keyword) {
        boolean after(Token stop) {
            return word.beginLine > stop.beginLine
                    || word.beginLine == stop.beginLine && word.beginColumn > stop.beginColumn;
        }
    }

    /** The repair of a slip in {@code sql}, whose parse stopped at {@code stop}, or null if none is found. */
    private static Repair repair(String sql, Token stop) {
        List<Token> tokens = new ArrayList<>();
        try {
            MnemoSqlParserImpl lexer = lexer(sql);
            for (Token t = lexer.getNextToken(); t.kind != MnemoSqlParserImplConstants.EOF; t = lexer.getNextToken()) {
                tokens.add(t);
            }
        } catch (TokenMgrError e) {
            return null;
        }
        int at = 0;
        while (at < tokens.size() && !sameStart(tokens.get(at), stop)) {
            at++;
        }
        for (int i = Math.max(0, at - 1); i <= Math.min(tokens.size() - 1, at + REPAIR_LOOKAHEAD_TOKENS); i++) {
            Token word = tokens.get(i);
            // Stopped at the end, the repaired text must parse whole: any other stop would be no further.
            Token last = at == tokens.size() ? null : i > at ? word : tokens.get(at);
            for (String keyword : keywordsNear(word)) {
                if (readsPast(sql, word, keyword, last)) {
                    return new Repair(word, keyword);
                }
            }
        }
        return null;
    }

    private static boolean sameStart(Token a, Token b) {
        return a.beginLine == b.beginLine && a.beginColumn == b.beginColumn;
    }

    /** The keywords one slip from a plain word, the common ones first; none for a short or quoted word. */
    private static List<String> keywordsNear(Token word) {
        String upper = word.image.toUpperCase(Locale.ROOT);
        if (word.kind != MnemoSqlParserImplConstants.IDENTIFIER || upper.length() < 3
                || !upper.chars().allMatch(c -> Character.isLetter(c) || c == '_')) {
            return List.of();
        }
        List<String> near = new ArrayList<>();
        for (String token : KEYWORDS.getTokens()) {
            if (token.length() >= 3 && KEYWORDS.isKeyword(token) && oneSlipApart(upper, token)) {
                near.add(token);
            }
        }
        return ranked(near);
    }

    /**
     * Whether {@code sql} with {@code word} made {@code keyword} parses, or fails only past both that keyword and
     * {@code last} (null: it must parse).
     */
    private static boolean readsPast(String sql, Token word, String keyword, Token last) {
        int start = offset(sql, word.beginLine, word.beginColumn);
        String repaired = sql.substring(0, start) + keyword + sql.substring(start + word.image.length());
        try {
            SqlParser.create(repaired, SqlDatabase.PARSER).parseStmt();
            return true;
        } catch (SqlParseException e) {
            if (last == null || e.getPos() == null) {
                return false;
            }
            int shift = last != word && last.beginLine == word.beginLine ? keyword.length() - word.image.length() : 0;
            int lastEnd = last == word ? word.beginColumn + keyword.length() - 1 : last.endColumn + shift;
            SqlParserPos p = e.getPos();
            return p.getLineNum() > last.endLine || p.getLineNum() == last.endLine && p.getColumnNum() > lastEnd;
        } catch (RuntimeException | StackOverflowError e) {
            return false;
        }
    }

    /** The index in {@code sql} of 1-based {@code line} and {@code column}, as the lexer counts them. */
    private static int offset(String sql, int line, int column) {
        int i = 0;
        for (int l = 1; l < line; l++) {
            i = sql.indexOf('\n', i) + 1;
        }
        return i + column - 1;
    }

    /** The common tokens first (in {@link #COMMON}'s order), then the others in the parser's order. */
    private static List<String> ranked(List<String> expected) {
        List<String> out = new ArrayList<>();
        for (String common : COMMON) {
            if (expected.contains(common)) {
                out.add(common);
            }
        }
        for (String token : expected) {
            if (!out.contains(token)) {
                out.add(token);
            }
        }
        return out;
    }

    /**
     * Whether {@code a} becomes {@code b} by one slip: a letter left out, added, changed, or two neighbours swapped
     * (the optimal string alignment distance is 1).
     */
    static boolean oneSlipApart(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()] == 1;
    }

    private static String listed(List<String> expected) {
        List<String> ranked = ranked(expected);
        if (ranked.size() == 1) {
            return "Expected " + ranked.get(0);
        }
        List<String> shown = ranked.subList(0, Math.min(EXPECTED_SHOWN_MAX, ranked.size()));
        return "Expected one of: " + String.join(", ", shown) + (ranked.size() > shown.size() ? ", ..." : "");
    }

    /** The lexer's message for a character no token starts with, told as the others are. */
    private static String lexical(String message) {
        Matcher m = LEXICAL.matcher(String.valueOf(message));
        return m.find() ? "unexpected character " + m.group(1) : message;
    }

    private static String firstLine(String message) {
        String m = String.valueOf(message).strip();
        int line = m.indexOf('\n');
        return line > 0 ? m.substring(0, line) : m;
    }
}
