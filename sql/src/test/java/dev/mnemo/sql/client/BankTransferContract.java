package dev.mnemo.sql.client;

import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four clients move money between accounts over JDBC — two in explicit transactions that retry on
 * serialization failures (40001), two with single auto-commit statements — while a fifth keeps summing.
 * Money is neither made nor lost, and every sum a reader sees is the true total. Run once per driver by a
 * subclass that gives its fixture.
 */
public abstract class BankTransferContract {
    private static final int ACCOUNTS = 20;
    private static final long OPENING = 1_000;
    private final JdbcFixture fixture;
    private final int transfersPerClient;

    /** Runs the workload on {@code fixture}'s database, each of the four clients making that many transfers. */
    protected BankTransferContract(JdbcFixture fixture, int transfersPerClient) {
        this.fixture = fixture;
        this.transfersPerClient = transfersPerClient;
    }

    @Test
    public void concurrentTransfersKeepTheTotal() throws Exception {
        try (Connection setup = fixture.open()) {
            String url = fixture.url();
            Statement s = setup.createStatement();
            s.execute("CREATE TABLE account (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
            try (PreparedStatement ps = setup.prepareStatement("INSERT INTO account VALUES (?, ?)")) {
                for (int i = 0; i < ACCOUNTS; i++) {
                    ps.setInt(1, i);
                    ps.setLong(2, OPENING);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            ExecutorService pool = Executors.newFixedThreadPool(5);
            AtomicLong conflicts = new AtomicLong();
            AtomicLong sums = new AtomicLong();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                workers.add(pool.submit(() -> {
                    transfer(url, seed, seed < 2, conflicts);
                    return null;
                }));
            }
            Future<?> reader = pool.submit(() -> {
                read(url, workers, sums);
                return null;
            });
            for (Future<?> w : workers) {
                w.get(60, TimeUnit.SECONDS);
            }
            reader.get(60, TimeUnit.SECONDS);
            pool.shutdown();
            ResultSet rs = s.executeQuery("SELECT SUM(balance), COUNT(*), MIN(balance) FROM account");
            rs.next();
            assertThat(rs.getLong(1)).isEqualTo(ACCOUNTS * OPENING);
            assertThat(rs.getLong(2)).isEqualTo(ACCOUNTS);
            assertThat(rs.getLong(3)).isGreaterThanOrEqualTo(0);
            assertThat(sums.get()).isPositive();
            System.out.printf("%s: %d transfers, %d serialization failures retried, %d consistent sums read%n",
                    getClass().getSimpleName(), 4 * transfersPerClient, conflicts.get(), sums.get());
        } finally {
            fixture.close();
        }
    }

    private void transfer(String url, int seed, boolean explicit, AtomicLong conflicts) throws SQLException {
        SplittableRandom random = new SplittableRandom(seed);
        try (Connection c = DriverManager.getConnection(url)) {
            c.setAutoCommit(!explicit);
            PreparedStatement balance = c.prepareStatement("SELECT balance FROM account WHERE id = ?");
            PreparedStatement move = c.prepareStatement("UPDATE account SET balance = balance + ? WHERE id = ?");
            PreparedStatement oneShot = c.prepareStatement("UPDATE account SET balance = balance"
                    + " + CASE WHEN id = ? THEN CAST(? AS BIGINT) ELSE CAST(? AS BIGINT) END WHERE id IN (?, ?) AND"
                    + " (SELECT balance FROM account WHERE id = ?) >= ?");
            for (int i = 0; i < transfersPerClient; i++) {
                int from = random.nextInt(ACCOUNTS);
                int to = (from + 1 + random.nextInt(ACCOUNTS - 1)) % ACCOUNTS;
                long amount = 1 + random.nextInt(50);
                if (!explicit) {
                    oneShot.setInt(1, from);
                    oneShot.setLong(2, -amount);
                    oneShot.setLong(3, amount);
                    oneShot.setInt(4, from);
                    oneShot.setInt(5, to);
                    oneShot.setInt(6, from);
                    oneShot.setLong(7, amount);
                    assertThat(oneShot.executeUpdate()).isIn(0, 2);
                    continue;
                }
                while (true) {
                    try {
                        balance.setInt(1, from);
                        ResultSet rs = balance.executeQuery();
                        rs.next();
                        if (rs.getLong(1) >= amount) {
                            move.setLong(1, -amount);
                            move.setInt(2, from);
                            move.executeUpdate();
                            move.setLong(1, amount);
                            move.setInt(2, to);
                            move.executeUpdate();
                        }
                        c.commit();
                        break;
                    } catch (SQLException e) {
                        if (!"40001".equals(e.getSQLState())) {
                            throw e;
                        }
                        conflicts.incrementAndGet();
                        c.rollback();
                    }
                }
            }
        }
    }

    private static void read(String url, List<Future<?>> workers, AtomicLong sums) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            PreparedStatement sum = c.prepareStatement("SELECT SUM(balance) FROM account");
            while (workers.stream().anyMatch(w -> !w.isDone())) {
                ResultSet rs = sum.executeQuery();
                rs.next();
                assertThat(rs.getLong(1)).isEqualTo(ACCOUNTS * OPENING);
                sums.incrementAndGet();
            }
        }
    }
}
