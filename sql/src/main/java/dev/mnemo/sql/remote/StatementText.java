package dev.mnemo.sql.remote;

/**
 * What the driver reads of a statement's text without parsing it (the member parses it): its {@code ?} placeholders
 * and its first word, skipping string literals, quoted names and comments.
 */
final class StatementText {
    private StatementText() {
    }

    /** The statement's {@code ?} placeholders. */
    static int placeholders(String sql) {
        int n = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            int after = afterQuoteOrComment(sql, i);
            if (after > i) {
                i = after;
            } else {
                if (c == '?') {
                    n++;
                }
                i++;
            }
        }
        return n;
    }

    /** The statement's first word (letters, digits and underscores) after any spaces and comments; "" if none. */
    static String firstWord(String sql) {
        int i = 0;
        while (i < sql.length()) {
            int after = afterQuoteOrComment(sql, i);
            if (after > i && sql.charAt(i) != '\'' && sql.charAt(i) != '"') {
                i = after;
            } else if (Character.isWhitespace(sql.charAt(i))) {
                i++;
            } else {
                break;
            }
        }
        int end = i;
        while (end < sql.length() && (Character.isLetterOrDigit(sql.charAt(end)) || sql.charAt(end) == '_')) {
            end++;
        }
        return sql.substring(i, end);
    }

    /** The index after the quoted text or comment that starts at {@code i}, or {@code i} if none starts there. */
    private static int afterQuoteOrComment(String sql, int i) {
        char c = sql.charAt(i);
        if (c == '\'' || c == '"') {
            return closing(sql, i + 1, c);
        }
        if (sql.startsWith("--", i)) {
            int end = sql.indexOf('\n', i);
            return end < 0 ? sql.length() : end + 1;
        }
        if (sql.startsWith("/*", i)) {
            int end = sql.indexOf("*/", i + 2);
            return end < 0 ? sql.length() : end + 2;
        }
        return i;
    }

    /** The index after the quote that closes one opened before {@code from}; a doubled quote is not a close. */
    private static int closing(String sql, int from, char quote) {
        int i = from;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }
}
