package dev.mnemo.sql.client;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The driver under a connection pool (HikariCP), run once per driver by a subclass that gives its fixture: many
 * borrowers on few connections, the pool's reset of a connection's settings and of an open transaction between
 * borrowers, and its validity checks.
 */
public abstract class PoolContract {
    /** Accounts the borrowers move money between. */
    private static final int ACCOUNTS = 8;

    protected final JdbcFixture fixture;
    private Connection admin;
    private final List<HikariDataSource> pools = new ArrayList<>();

    protected PoolContract(JdbcFixture fixture) {
        this.fixture = fixture;
    }

    @BeforeEach
    void open() throws Exception {
        admin = fixture.open();
        try (Statement s = admin.createStatement()) {
            s.executeUpdate("CREATE TABLE acct (id INTEGER PRIMARY KEY, balance BIGINT NOT NULL)");
            for (int id = 0; id < ACCOUNTS; id++) {
                s.executeUpdate("INSERT INTO acct VALUES (" + id + ", 100)");
            }
        }
    }

    @AfterEach
    void close() throws Exception {
        pools.forEach(HikariDataSource::close);
        if (admin != null) {
            admin.close();
        }
        fixture.close();
    }

    /** The settings every pool here starts from: {@code size} connections to the fixture's database. */
    protected HikariConfig config(int size) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(fixture.url());
        config.setMaximumPoolSize(size);
        config.setMinimumIdle(size);
        config.setConnectionTimeout(10_000);
        config.setPoolName("mnemo-" + getClass().getSimpleName());
        return config;
    }

    /** A pool that {@link #close} closes. */
    protected HikariDataSource pool(HikariConfig config) {
        HikariDataSource pool = new HikariDataSource(config);
        pools.add(pool);
        return pool;
    }

    protected static long balance(Connection c, int id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT balance FROM acct WHERE id = ?")) {
            ps.setInt(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                assertThat(rs.next()).as("account %d exists", id).isTrue();
                return rs.getLong(1);
            }
        }
    }

    private static long total(Connection c) throws SQLException {
        try (ResultSet rs = c.createStatement().executeQuery("SELECT SUM(balance), COUNT(*) FROM acct")) {
            rs.next();
            assertThat(rs.getInt(2)).isEqualTo(ACCOUNTS);
            return rs.getLong(1);
        }
    }

    /** Moves one unit from account {@code from} to {@code to} in one transaction, again while it conflicts. */
    private static void transfer(HikariDataSource pool, int from, int to) throws SQLException {
        for (int attempt = 0; ; attempt++) {
            try (Connection c = pool.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement("UPDATE acct SET balance = ? WHERE id = ?")) {
                    ps.setLong(1, balance(c, from) - 1);
                    ps.setInt(2, from);
                    ps.executeUpdate();
                    ps.setLong(1, balance(c, to) + 1);
                    ps.setInt(2, to);
                    ps.executeUpdate();
                    c.commit();
                    return;
                } catch (SQLException e) {
                    c.rollback();
                    if (!"40001".equals(e.getSQLState()) || attempt == 100) {
                        throw e;
                    }
                }
            }
        }
    }

    @Test
    public void manyBorrowersRunTransactionsOnFewConnectionsAndLoseNoUpdate() throws Exception {
        HikariDataSource pool = pool(config(3));
        int threads = 4;
        int transfers = 40;
        ExecutorService borrowers = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                done.add(borrowers.submit(() -> {
                    for (int i = 0; i < transfers; i++) {
                        transfer(pool, (first + i) % ACCOUNTS, (first + i + 1) % ACCOUNTS);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            borrowers.shutdownNow();
        }
        assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isLessThanOrEqualTo(3);
        assertThat(total(admin)).isEqualTo(100L * ACCOUNTS);
        // Each account gave one unit per transfer from it and took one per transfer to it: all are back at 100
        // only if no update was lost (threads * transfers moves, spread evenly round the ring).
        for (int id = 0; id < ACCOUNTS; id++) {
            assertThat(balance(admin, id)).isEqualTo(100L);
        }
    }

    @Test
    public void aConnectionReturnedInsideATransactionLeaksNothingToTheNextBorrower() throws Exception {
        HikariDataSource pool = pool(config(1));
        Object physical;
        try (Connection c = pool.getConnection()) {
            physical = c.unwrap(BaseConnection.class);
            c.setAutoCommit(false);
            c.createStatement().executeUpdate("UPDATE acct SET balance = 0 WHERE id = 1");
            c.createStatement().executeUpdate("INSERT INTO acct VALUES (99, 5)");
        } // returned with the transaction open and nothing committed
        try (Connection c = pool.getConnection()) {
            assertThat(c.unwrap(BaseConnection.class)).isSameAs(physical);
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(balance(c, 1)).isEqualTo(100L);
            assertThat(c.createStatement().executeQuery("SELECT * FROM acct WHERE id = 99").next()).isFalse();
            // The rolled-back writes hold nothing: the next borrower and another connection write the same rows.
            c.createStatement().executeUpdate("UPDATE acct SET balance = 7 WHERE id = 1");
            admin.createStatement().executeUpdate("INSERT INTO acct VALUES (99, 6)");
        }
        assertThat(balance(admin, 1)).isEqualTo(7L);
        assertThat(balance(admin, 99)).isEqualTo(6L);
        admin.createStatement().executeUpdate("DELETE FROM acct WHERE id = 99");
    }

    @Test
    public void theSettingsOneBorrowerChangedAreResetForTheNext() throws Exception {
        HikariDataSource pool = pool(config(1));
        int isolation;
        int networkTimeout;
        String schema;
        try (Connection c = pool.getConnection()) {
            isolation = c.getTransactionIsolation();
            networkTimeout = c.getNetworkTimeout();
            schema = c.getSchema();
            c.setAutoCommit(false);
            c.setReadOnly(true);
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            c.setNetworkTimeout(Runnable::run, 4321);
            c.setCatalog(null);
            c.setSchema(schema);
            assertThat(balance(c, 2)).isEqualTo(100L);
        }
        try (Connection c = pool.getConnection()) {
            assertThat(c.getAutoCommit()).isTrue();
            assertThat(c.isReadOnly()).isFalse();
            assertThat(c.getTransactionIsolation()).isEqualTo(isolation);
            assertThat(c.getNetworkTimeout()).isEqualTo(networkTimeout);
            assertThat(c.getCatalog()).isNull();
            assertThat(c.getSchema()).isEqualTo(schema);
            // Read-only is reset: a write goes through, and commits on its own.
            assertThat(c.createStatement().executeUpdate("UPDATE acct SET balance = 3 WHERE id = 2")).isEqualTo(1);
        }
        assertThat(balance(admin, 2)).isEqualTo(3L);
    }

    @Test
    public void settingsGivenToThePoolApplyToEveryConnection() throws Exception {
        HikariConfig config = config(2);
        config.setAutoCommit(false);
        config.setReadOnly(true);
        config.setTransactionIsolation("TRANSACTION_SERIALIZABLE");
        config.setSchema(admin.getSchema());
        HikariDataSource pool = pool(config);
        try (Connection c = pool.getConnection()) {
            assertThat(c.getAutoCommit()).isFalse();
            assertThat(c.isReadOnly()).isTrue();
            assertThat(balance(c, 3)).isEqualTo(100L);
            c.commit();
        }
    }

    @Test
    public void thePoolValidatesConnectionsByIsValidOrByATestQuery() throws Exception {
        try (Connection c = pool(config(1)).getConnection()) {
            assertThat(c.isValid(1)).isTrue();
        }
        HikariConfig config = config(1);
        config.setConnectionTestQuery("SELECT 1");
        try (Connection c = pool(config).getConnection()) {
            assertThat(balance(c, 4)).isEqualTo(100L);
        }
    }
}
