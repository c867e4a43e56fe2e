package dev.mnemo.sql.remote;

/** Counts a statement's {@code ?} placeholders, skipping string literals, quoted names and comments. */
final class Placeholders {
    private Placeholders() {
    }

    static int count(String sql) {
        int n = 0;
        int i = 0;
        while (i < sql.length()) {
            char c = sql.charAt(i);
            if (c == '\'' || c == '"') {
                i = closing(sql, i + 1, c);
            } else if (c == '-' && sql.startsWith("--", i)) {
                int end = sql.indexOf('\n', i);
                i = end < 0 ? sql.length() : end + 1;
            } else if (c == '/' && sql.startsWith("/*", i)) {
                int end = sql.indexOf("*/", i + 2);
                i = end < 0 ? sql.length() : end + 2;
            } else {
                if (c == '?') {
                    n++;
                }
                i++;
            }
        }
        return n;
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
