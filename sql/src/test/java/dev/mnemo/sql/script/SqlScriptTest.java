package dev.mnemo.sql.script;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;

/** Runs every script under resources/sql against a fresh database, statement by statement. */
class SqlScriptTest {
    private static final List<String> SCRIPTS = List.of("ddl.sql", "dml.sql", "queries.sql", "nulls.sql",
            "types.sql", "errors.sql", "access.sql", "transactions.sql", "upsert.sql", "numeric.sql", "datetimes.sql",
            "functions.sql", "alter.sql", "views.sql", "foreign_keys.sql", "information_schema.sql",
            "no_primary_key.sql", "features.sql", "checks.sql");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TestFactory
    Stream<DynamicTest> scripts() {
        return SCRIPTS.stream().map(name -> DynamicTest.dynamicTest(name, () -> run(name)));
    }

    private static void run(String name) throws Exception {
        String text;
        try (InputStream in = SqlScriptTest.class.getResourceAsStream("/sql/" + name)) {
            if (in == null) {
                throw new IOException("no script " + name);
            }
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String url = "jdbc:mnemo:mem:script" + DATABASES.incrementAndGet();
        Map<String, Connection> connections = new HashMap<>();
        try {
            Connection c = DriverManager.getConnection(url);
            connections.put("main", c);
            for (SqlScript.Step step : SqlScript.parse(text)) {
                String where = name + ":" + step.line();
                if (step.directive() != null) {
                    c = directive(step.directive(), c, connections, url, where);
                    continue;
                }
                check(c, step, where);
            }
        } finally {
            for (Connection c : connections.values()) {
                c.close();
            }
            dev.mnemo.sql.jdbc.Databases.close(url.substring("jdbc:mnemo:mem:".length()));
        }
    }

    private static Connection directive(String d, Connection c, Map<String, Connection> connections, String url,
                                        String where) throws SQLException {
        String[] w = d.split("\\s+");
        switch (w[0]) {
            case "autocommit": c.setAutoCommit(w[1].equals("on")); return c;
            case "commit": c.commit(); return c;
            case "rollback": c.rollback(); return c;
            case "connection": {
                Connection next = connections.get(w[1]);
                if (next == null) {
                    next = DriverManager.getConnection(url);
                    connections.put(w[1], next);
                }
                return next;
            }
            default: throw new AssertionError(where + ": unknown directive !" + d);
        }
    }

    private static void check(Connection c, SqlScript.Step step, String where) {
        List<String> expect = new ArrayList<>(step.expect());
        String first = expect.isEmpty() ? "" : expect.get(0);
        try (Statement s = c.createStatement()) {
            boolean rows;
            try {
                rows = s.execute(step.sql());
            } catch (SQLException e) {
                if (first.startsWith("-- error")) {
                    checkError(e, first, where, step.sql());
                    return;
                }
                throw new AssertionError(where + ": " + step.sql() + "\nfailed with " + e.getSQLState() + ": "
                        + e.getMessage(), e);
            }
            if (first.startsWith("-- error")) {
                fail(where + ": expected " + first.substring(3) + " but it succeeded: " + step.sql());
            }
            if (first.startsWith("-- update")) {
                long n = Long.parseLong(first.substring("-- update".length()).strip());
                if (rows || s.getLargeUpdateCount() != n) {
                    fail(where + ": expected update count " + n + ", got " + (rows ? "rows" : s.getLargeUpdateCount())
                            + ": " + step.sql());
                }
                return;
            }
            if (first.startsWith("-- plan contains") || first.startsWith("-- plan lacks")) {
                String plan = text(s.getResultSet()).toString();
                for (String e : expect) {
                    boolean lacks = e.startsWith("-- plan lacks");
                    String needle = e.substring(lacks ? "-- plan lacks".length() : "-- plan contains".length()).strip();
                    if (plan.contains(needle) == lacks) {
                        fail(where + ": plan " + (lacks ? "has" : "lacks") + " '" + needle + "':\n" + plan);
                    }
                }
                return;
            }
            if (first.equals("-- ok") || expect.isEmpty()) {
                return;
            }
            boolean unordered = first.equals("-- unordered");
            if (unordered) {
                expect.remove(0);
            }
            if (!rows) {
                fail(where + ": expected rows, got update count " + s.getLargeUpdateCount() + ": " + step.sql());
            }
            compare(table(s.getResultSet()), expect, unordered, where, step.sql());
        } catch (SQLException e) {
            throw new AssertionError(where + ": " + e, e);
        }
    }

    private static void checkError(SQLException e, String expect, String where, String sql) {
        String[] w = expect.substring("-- error".length()).strip().split("\\s+", 2);
        if (!e.getSQLState().equals(w[0])) {
            throw new AssertionError(where + ": expected SQLState " + w[0] + ", got " + e.getSQLState() + " ("
                    + e.getMessage() + "): " + sql, e);
        }
        if (w.length > 1 && !e.getMessage().toLowerCase().contains(w[1].toLowerCase())) {
            fail(where + ": message '" + e.getMessage() + "' lacks '" + w[1] + "'");
        }
    }

    private static StringBuilder text(ResultSet rs) throws SQLException {
        StringBuilder sb = new StringBuilder();
        while (rs.next()) {
            sb.append(rs.getString(1)).append('\n');
        }
        return sb;
    }

    private static List<String> table(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            header.add(rs.getMetaData().getColumnLabel(i));
        }
        out.add(String.join(" | ", header));
        while (rs.next()) {
            List<String> cells = new ArrayList<>();
            for (int i = 1; i <= n; i++) {
                String v = rs.getString(i);
                cells.add(v == null ? "NULL" : v);
            }
            out.add(String.join(" | ", cells));
        }
        return out;
    }

    private static void compare(List<String> actual, List<String> expect, boolean unordered, String where,
                                String sql) {
        List<String> want = normalize(expect);
        List<String> got = normalize(actual);
        if (unordered) {
            Collections.sort(want.subList(Math.min(1, want.size()), want.size()));
            Collections.sort(got.subList(Math.min(1, got.size()), got.size()));
        }
        if (!want.equals(got)) {
            fail(where + ": " + sql + "\nexpected:\n  " + String.join("\n  ", want) + "\ngot:\n  "
                    + String.join("\n  ", got));
        }
    }

    private static List<String> normalize(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String l : lines) {
            String[] cells = l.split("\\|", -1);
            List<String> t = new ArrayList<>();
            for (String c : cells) {
                t.add(c.strip());
            }
            out.add(String.join(" | ", t));
        }
        return out;
    }
}
