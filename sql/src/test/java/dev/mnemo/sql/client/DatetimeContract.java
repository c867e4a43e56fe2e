package dev.mnemo.sql.client;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * TIME and TIMESTAMP values as text and back, through either driver: a cast to text keeps the fraction, a fraction
 * finer than the type's rounds half up on every path, a text may name its zone, and a clock time that the JVM's
 * zone skips reads back as it was written.
 */
public abstract class DatetimeContract extends ConnectedContract {
    private final TimeZone defaultZone = TimeZone.getDefault();

    protected DatetimeContract(JdbcFixture fixture) {
        super(fixture);
    }

    @AfterEach
    void restoreDefaultZone() {
        TimeZone.setDefault(defaultZone);
    }

    /** The rows of a query, each its columns' {@code getString} joined by {@code |}. */
    private List<String> strings(String sql, String... params) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setString(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<String> row = new ArrayList<>();
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getString(i));
                    }
                    out.add(String.join("|", row));
                }
            }
        }
        return out;
    }

    @Test
    public void aCastToTextKeepsTheDigitsOfTheFractionThatTheTypeHolds() throws Exception {
        assertThat(strings("SELECT CAST(TIMESTAMP '2026-01-02 03:04:05.678' AS VARCHAR), "
                + "CAST(TIME '03:04:05.678' AS VARCHAR(20)), CAST(TIMESTAMP '2026-01-02 03:04:05' AS VARCHAR), "
                + "CAST(TIMESTAMP '2026-01-02 03:04:05.5' AS CHAR(21)), 'at ' || CAST(TIME '03:04:05.25' AS VARCHAR)"))
                .containsExactly("2026-01-02 03:04:05.678|03:04:05.678|2026-01-02 03:04:05|2026-01-02 03:04:05.5"
                        + "|at 03:04:05.25");
        exec("CREATE TABLE dt (id INT PRIMARY KEY, ts TIMESTAMP(3), t TIME(3), ts1 TIMESTAMP(1), t0 TIME(0))");
        exec("INSERT INTO dt VALUES (1, TIMESTAMP '2026-01-02 03:04:05.678', TIME '03:04:05.678', "
                + "TIMESTAMP '2026-01-02 03:04:05.678', TIME '03:04:05.678')");
        List<String> read = strings("SELECT ts, t, ts1, t0 FROM dt");
        assertThat(read).containsExactly("2026-01-02 03:04:05.678|03:04:05.678|2026-01-02 03:04:05.7|03:04:06");
        assertThat(strings("SELECT CAST(ts AS VARCHAR), CAST(t AS VARCHAR), CAST(ts1 AS VARCHAR(30)), "
                + "CAST(t0 AS VARCHAR) FROM dt")).as("as getString gives them").isEqualTo(read);
    }
}
