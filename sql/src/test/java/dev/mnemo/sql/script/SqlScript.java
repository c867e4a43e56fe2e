package dev.mnemo.sql.script;

import java.util.ArrayList;
import java.util.List;

/**
 * A SQL script with expected outcomes, in the spirit of Calcite's Quidem scripts. A statement runs to a line
 * ending in ';'. The lines after it, up to a blank line, say what must happen:
 * <pre>
 * SELECT id, name FROM t ORDER BY id;     -- a result: header, then one line per row, cells split by '|'
 * ID | NAME
 * 1  | a
 * 2  | NULL
 *
 * INSERT INTO t VALUES (3, 'c');
 * -- update 1                              -- the update count
 *
 * INSERT INTO t VALUES (3, 'c');
 * -- error 23505 duplicate                 -- an SQLException with this SQLState (and text in its message)
 *
 * SELECT ...;
 * -- unordered                             -- compare rows as a multiset (then header and rows follow)
 *
 * EXPLAIN PLAN FOR SELECT ...;
 * -- plan contains KEY_EQ                  -- the plan text contains this
 * </pre>
 * A statement with no expectation must simply succeed. Lines starting with '#' are comments;
 * {@code !autocommit off}, {@code !commit}, {@code !rollback} and {@code !connection NAME} (switch to another
 * connection to the same database) drive the connection.
 */
final class SqlScript {
    /** One step: a statement (or a directive) and what it must produce. */
    record Step(int line, String sql, String directive, List<String> expect) {
    }

    private SqlScript() {
    }

    static List<Step> parse(String text) {
        List<Step> steps = new ArrayList<>();
        String[] lines = text.split("\n", -1);
        int i = 0;
        while (i < lines.length) {
            String l = lines[i].strip();
            if (l.isEmpty() || l.startsWith("#")) {
                i++;
                continue;
            }
            int start = i + 1;
            if (l.startsWith("!")) {
                steps.add(new Step(start, null, l.substring(1).strip(), List.of()));
                i++;
                continue;
            }
            StringBuilder sql = new StringBuilder();
            while (i < lines.length) {
                String s = lines[i];
                i++;
                if (s.strip().endsWith(";")) {
                    sql.append(s.strip(), 0, s.strip().length() - 1);
                    break;
                }
                sql.append(s).append('\n');
            }
            List<String> expect = new ArrayList<>();
            while (i < lines.length && !lines[i].strip().isEmpty()) {
                if (!lines[i].strip().startsWith("#")) {
                    expect.add(lines[i].strip());
                }
                i++;
            }
            steps.add(new Step(start, sql.toString().strip(), null, expect));
        }
        return steps;
    }
}
