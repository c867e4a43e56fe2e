package dev.mnemo.sql.jdbc;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures a prepared primary-key select over JDBC, the statement the planner rules and compiled plans exist
 * for. Prints the mean; asserts only a loose bound, as this machine's speed varies.
 */
class PointQueryLatencyTest {
    private static final int ROWS = 10_000;
    private static final int ITERATIONS = 50_000;

    @Test
    void preparedPointSelect() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:mnemo:mem:latency")) {
            c.createStatement().execute("CREATE TABLE kv (id BIGINT PRIMARY KEY, v VARCHAR(20))");
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO kv VALUES (?, ?)")) {
                for (int i = 0; i < ROWS; i++) {
                    ins.setLong(1, i);
                    ins.setString(2, "value" + i);
                    ins.addBatch();
                }
                ins.executeBatch();
            }
            PreparedStatement q = c.prepareStatement("SELECT v FROM kv WHERE id = ?");
            long checksum = run(q, ITERATIONS);
            long start = System.nanoTime();
            checksum += run(q, ITERATIONS);
            double micros = (System.nanoTime() - start) / 1_000.0 / ITERATIONS;
            System.out.printf("prepared point select over JDBC: %.1f µs mean over %d%n", micros, ITERATIONS);
            assertThat(checksum).isPositive();
            assertThat(micros).isLessThan(1_000);
        } finally {
            Databases.close("latency");
        }
    }

    private static long run(PreparedStatement q, int n) throws Exception {
        long sum = 0;
        for (int i = 0; i < n; i++) {
            q.setLong(1, (i * 7919L) % ROWS);
            try (ResultSet rs = q.executeQuery()) {
                if (rs.next()) {
                    sum += rs.getString(1).length();
                }
            }
        }
        return sum;
    }
}
