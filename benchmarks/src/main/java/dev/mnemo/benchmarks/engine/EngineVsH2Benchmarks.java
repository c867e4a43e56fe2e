package dev.mnemo.benchmarks.engine;

import dev.mnemo.benchmarks.JvmFlags;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * The H2 baseline for {@link EngineBenchmarks}: H2 in memory over JDBC prepared statements, with the same
 * {@value Accounts#ROWS} accounts and the same operations, run in the same JMH run with the same JVM flags so
 * the ratios in docs/BENCHMARKS.md compare like with like. Method names say which engine benchmark each matches.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class EngineVsH2Benchmarks extends JvmFlags {
    /** One H2 in-memory database and connection with the accounts loaded and the statements prepared. */
    @State(Scope.Thread)
    public static class H2 {
        Connection conn;
        PreparedStatement selectById;
        PreparedStatement updateBalance;
        PreparedStatement updateRow;
        PreparedStatement range;

        @Setup(Level.Trial)
        public void open() throws SQLException {
            conn = DriverManager.getConnection("jdbc:h2:mem:accounts_" + Thread.currentThread().getId()
                    + ";DB_CLOSE_DELAY=-1");
            try (var st = conn.createStatement()) {
                st.execute("CREATE TABLE account (id BIGINT NOT NULL PRIMARY KEY, balance BIGINT NOT NULL, "
                        + "name VARCHAR(" + Accounts.NAME_CHARS + "))");
            }
            conn.setAutoCommit(false);
            try (PreparedStatement ins = conn.prepareStatement("INSERT INTO account VALUES (?, ?, ?)")) {
                for (long id = 1; id <= Accounts.ROWS; id++) {
                    ins.setLong(1, id);
                    ins.setLong(2, Accounts.initialBalance(id));
                    ins.setString(3, Accounts.name(id));
                    ins.addBatch();
                    if (id % 1000 == 0) {
                        ins.executeBatch();
                        conn.commit();
                    }
                }
            }
            conn.commit();
            selectById = conn.prepareStatement("SELECT id, balance, name FROM account WHERE id = ?");
            updateBalance = conn.prepareStatement("UPDATE account SET balance = ? WHERE id = ?");
            updateRow = conn.prepareStatement("UPDATE account SET balance = ?, name = ? WHERE id = ?");
            range = conn.prepareStatement("SELECT id, balance, name FROM account WHERE id >= ? ORDER BY id LIMIT 10");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException {
            try (var st = conn.createStatement()) {
                st.execute("SHUTDOWN");
            }
            conn.close();
        }

        /** Reads one row the way an application would (all three columns); returns its balance. */
        long selectRow(long id, Blackhole bh) throws SQLException {
            selectById.setLong(1, id);
            try (ResultSet rs = selectById.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("no account " + id);
                }
                bh.consume(rs.getLong(1));
                bh.consume(rs.getString(3));
                return rs.getLong(2);
            }
        }

        void setBalance(long id, long balance) throws SQLException {
            updateBalance.setLong(1, balance);
            updateBalance.setLong(2, id);
            if (updateBalance.executeUpdate() != 1) {
                throw new IllegalStateException("no account " + id);
            }
        }
    }

    /** Matches EngineBenchmarks.dirtyRead: a point select by primary key, auto-commit. */
    @Benchmark
    public void h2PointSelect(H2 h2, KeyStream keys, Blackhole bh) throws SQLException {
        h2.conn.setAutoCommit(true);
        bh.consume(h2.selectRow(keys.next(), bh));
    }

    /** Matches EngineBenchmarks.dirtyWrite: replace one row's values, auto-commit. */
    @Benchmark
    public int h2UpdateAutoCommit(H2 h2, KeyStream keys) throws SQLException {
        h2.conn.setAutoCommit(true);
        long id = keys.next();
        h2.updateRow.setLong(1, id);
        h2.updateRow.setString(2, Accounts.name(id));
        h2.updateRow.setLong(3, id);
        return h2.updateRow.executeUpdate();
    }

    /** Matches EngineBenchmarks.rmwTransaction: select a balance, update it, commit. */
    @Benchmark
    public void h2RmwTransaction(H2 h2, KeyStream keys, Blackhole bh) throws SQLException {
        h2.conn.setAutoCommit(false);
        long id = keys.next();
        h2.setBalance(id, h2.selectRow(id, bh) + 1);
        h2.conn.commit();
    }

    /** Matches EngineBenchmarks.tenRowTransaction: ten selects and ten updates, one commit. */
    @Benchmark
    public void h2TenRowTransaction(H2 h2, KeyStream keys, Blackhole bh) throws SQLException {
        h2.conn.setAutoCommit(false);
        for (int i = 0; i < EngineBenchmarks.TEN; i++) {
            long id = keys.next();
            h2.setBalance(id, h2.selectRow(id, bh) + 1);
        }
        h2.conn.commit();
    }

    /** Matches EngineBenchmarks.orderedRangeScan10: ten rows in key order from a random start. */
    @Benchmark
    public void h2RangeScan10(H2 h2, KeyStream keys, Blackhole bh) throws SQLException {
        h2.conn.setAutoCommit(true);
        h2.range.setLong(1, 1 + keys.below(Accounts.ROWS - EngineBenchmarks.TEN));
        int n = 0;
        try (ResultSet rs = h2.range.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getLong(1));
                bh.consume(rs.getLong(2));
                bh.consume(rs.getString(3));
                n++;
            }
        }
        if (n != EngineBenchmarks.TEN) {
            throw new IllegalStateException("range returned " + n + " rows");
        }
    }
}
