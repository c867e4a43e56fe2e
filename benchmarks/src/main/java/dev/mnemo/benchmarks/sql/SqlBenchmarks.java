package dev.mnemo.benchmarks.sql;

import dev.mnemo.benchmarks.JvmFlags;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;

/**
 * SQL through JDBC, the same code over every {@link Db#url}: Mnemo embedded, Mnemo remote (a one-member
 * {@link OneMember} reached through {@code jdbc:mnemo://} on 127.0.0.1) and H2 in memory, with the same schema
 * and data ({@link Bank}) and the same prepared statements. Each benchmark is one application-level operation;
 * docs/BENCHMARKS.md reports each Mnemo time over H2's time for the same benchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 10, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class SqlBenchmarks extends JvmFlags {
    /** Rows a range scan reads. */
    static final int RANGE_ROWS = 10;
    /** Accounts a join-and-aggregate query covers: one or two branches. */
    static final int JOIN_ACCOUNTS = 100;

    /** One database with the bank loaded, and two connections: auto-commit on, and off for transfers. */
    @State(Scope.Thread)
    public static class Db {
        /** What {@link #url} names to start a {@link OneMember} and connect to it. */
        static final String REMOTE = "remote";

        /** The JDBC URL under test, or {@value #REMOTE}; other URLs can be given with {@code -p url=...}. */
        @Param({"jdbc:mnemo:mem:sqlbench", REMOTE, "jdbc:h2:mem:sqlbench;DB_CLOSE_DELAY=-1"})
        public String url;

        OneMember member;
        Connection auto;
        Connection tx;
        PreparedStatement pointSelect;
        PreparedStatement update;
        PreparedStatement range;
        PreparedStatement join;
        PreparedStatement debit;
        PreparedStatement credit;

        @Setup(Level.Trial)
        public void open() throws SQLException, IOException {
            String jdbcUrl = url;
            if (REMOTE.equals(url)) {
                member = new OneMember();
                jdbcUrl = member.url();
            }
            auto = DriverManager.getConnection(jdbcUrl);
            Bank.load(auto, jdbcUrl);
            auto.setAutoCommit(true);
            tx = DriverManager.getConnection(jdbcUrl);
            tx.setAutoCommit(false);
            pointSelect = auto.prepareStatement("SELECT id, balance, name FROM account WHERE id = ?");
            update = auto.prepareStatement("UPDATE account SET balance = balance + 1 WHERE id = ?");
            range = auto.prepareStatement(
                    "SELECT id, balance, name FROM account WHERE id >= ? ORDER BY id LIMIT " + RANGE_ROWS);
            join = auto.prepareStatement("SELECT b.name, COUNT(*) AS accounts, SUM(a.balance) AS total"
                    + " FROM account a JOIN branch b ON b.id = a.branch_id"
                    + " WHERE a.id >= ? AND a.id < ? GROUP BY b.name ORDER BY b.name");
            debit = tx.prepareStatement("UPDATE account SET balance = balance - ? WHERE id = ? AND balance >= ?");
            credit = tx.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?");
        }

        @TearDown(Level.Trial)
        public void close() throws SQLException, InterruptedException {
            tx.close();
            auto.close();
            if (member != null) {
                member.close();
            }
        }

        void expect(int got, int wanted, String what) {
            if (got != wanted) {
                throw new IllegalStateException(what + ": " + got + " rows, expected " + wanted + " (" + url + ")");
            }
        }
    }

    /** Uniformly random account ids, one seeded stream per thread (xorshift: no allocation). */
    @State(Scope.Thread)
    public static class Ids {
        private long x = 0x9E3779B97F4A7C15L;

        /** The next value in 0..bound-1. */
        long below(int bound) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            return Math.floorMod(x, (long) bound);
        }

        /** The next account id in 1..ACCOUNTS. */
        long account() {
            return 1 + below(Bank.ACCOUNTS);
        }
    }

    /** A prepared point select by primary key, auto-commit; all three columns read. */
    @Benchmark
    public long pointSelect(Db db, Ids ids, Blackhole bh) throws SQLException {
        db.pointSelect.setLong(1, ids.account());
        try (ResultSet rs = db.pointSelect.executeQuery()) {
            if (!rs.next()) {
                throw new IllegalStateException("no such account (" + db.url + ")");
            }
            bh.consume(rs.getLong(1));
            bh.consume(rs.getString(3));
            return rs.getLong(2);
        }
    }

    /** A one-row update by primary key, auto-commit. */
    @Benchmark
    public int updateAutoCommit(Db db, Ids ids) throws SQLException {
        db.update.setLong(1, ids.account());
        int n = db.update.executeUpdate();
        db.expect(n, 1, "update");
        return n;
    }

    /** Ten rows in key order from a random id: {@code WHERE id >= ? ORDER BY id LIMIT 10}, auto-commit. */
    @Benchmark
    public void rangeScan10(Db db, Ids ids, Blackhole bh) throws SQLException {
        db.range.setLong(1, 1 + ids.below(Bank.ACCOUNTS - RANGE_ROWS));
        int n = 0;
        try (ResultSet rs = db.range.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getLong(1));
                bh.consume(rs.getLong(2));
                bh.consume(rs.getString(3));
                n++;
            }
        }
        db.expect(n, RANGE_ROWS, "range scan");
    }

    /** Accounts joined to their branch, counted and summed per branch over 100 consecutive ids, auto-commit. */
    @Benchmark
    public void joinAggregate(Db db, Ids ids, Blackhole bh) throws SQLException {
        long from = 1 + ids.below(Bank.ACCOUNTS - JOIN_ACCOUNTS);
        db.join.setLong(1, from);
        db.join.setLong(2, from + JOIN_ACCOUNTS);
        long accounts = 0;
        try (ResultSet rs = db.join.executeQuery()) {
            while (rs.next()) {
                bh.consume(rs.getString(1));
                accounts += rs.getLong(2);
                bh.consume(rs.getLong(3));
            }
        }
        db.expect((int) accounts, JOIN_ACCOUNTS, "join");
    }

    /**
     * A bank transfer: debit one account if it holds enough, credit another, commit (auto-commit off). Accounts
     * are touched in id order, as the load generator does, so that databases that lock rows cannot deadlock.
     */
    @Benchmark
    public void transfer(Db db, Ids ids) throws SQLException {
        long from = ids.account();
        long to = ids.account();
        if (to == from) {
            to = from % Bank.ACCOUNTS + 1;
        }
        boolean moved;
        if (from < to) {
            moved = debit(db, from) && credit(db, to);
        } else {
            moved = credit(db, to) && debit(db, from);
        }
        if (moved) {
            db.tx.commit();
        } else {
            db.tx.rollback();
            throw new IllegalStateException("transfer from " + from + " to " + to + " failed (" + db.url + ")");
        }
    }

    private static boolean debit(Db db, long account) throws SQLException {
        db.debit.setLong(1, 1);
        db.debit.setLong(2, account);
        db.debit.setLong(3, 1);
        return db.debit.executeUpdate() == 1;
    }

    private static boolean credit(Db db, long account) throws SQLException {
        db.credit.setLong(1, 1);
        db.credit.setLong(2, account);
        return db.credit.executeUpdate() == 1;
    }
}
