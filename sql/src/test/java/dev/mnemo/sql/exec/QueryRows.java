package dev.mnemo.sql.exec;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** A query's rows as text, for the tests of this package: each row its values' strings joined by {@code |}. */
final class QueryRows {
    private QueryRows() {
    }

    static List<String> of(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return read(rs);
        }
    }

    /** The rows of a prepared query, its parameters set by {@code setObject} in order. */
    static List<String> of(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                return read(rs);
            }
        }
    }

    private static List<String> read(ResultSet rs) throws SQLException {
        List<String> out = new ArrayList<>();
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
            StringBuilder b = new StringBuilder();
            for (int i = 1; i <= n; i++) {
                b.append(i > 1 ? "|" : "").append(rs.getString(i));
            }
            out.add(b.toString());
        }
        return out;
    }
}
