package dev.mnemo.benchmarks.harness;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Any database with a JDBC URL, through {@link DriverManager} only, with the same SQL for every one: CREATE TABLE
 * with a PRIMARY KEY, prepared SELECT/UPDATE/INSERT, one connection per worker thread. One extra connection stays
 * open for the target's life, so that an in-memory database lives as long as the run.
 *
 * <p>Mnemo keeps keys in order only in {@code ordered_set} tables, which its DDL asks for with
 * {@code WITH (kind = 'ordered_set')}; that clause is tried only on Mnemo, and if the driver refuses it the table
 * is created without and the notes say so.
 */
public final class JdbcTarget implements Target {
    private final String url;
    private final List<String> sessionUrls;
    private final AtomicInteger sessionsOpened = new AtomicInteger();
    private final String label;
    private final int fields;
    private final int fieldChars;
    private final int scanRowsMax;
    private final Tables.KindChoice kindChoice;
    private final Connection admin;
    private final boolean mnemo;
    private final List<String> notes = new ArrayList<>();
    private final List<String> created = new ArrayList<>();
    private boolean explicitTransactions;
    private String userTableDdl;

    private JdbcTarget(String label, String url, List<String> sessionUrls, Connection admin, int fields,
                       int fieldChars, int scanRowsMax, Tables.KindChoice kindChoice) throws SQLException {
        this.label = label;
        this.url = url;
        this.sessionUrls = List.copyOf(sessionUrls);
        this.admin = admin;
        this.fields = fields;
        this.fieldChars = fieldChars;
        this.scanRowsMax = scanRowsMax;
        this.kindChoice = kindChoice;
        DatabaseMetaData meta = admin.getMetaData();
        String product = meta.getDatabaseProductName();
        this.mnemo = product != null && product.toLowerCase(Locale.ROOT).contains("mnemo");
        notes.add(product + " " + meta.getDatabaseProductVersion() + " over JDBC (driver " + meta.getDriverName()
                + " " + meta.getDriverVersion() + "), one connection per thread");
        notes.add("isolation " + isolationName(admin));
    }

    /** Secrets a JDBC URL may carry ({@code cookie=}, {@code password=}, ...), which reports must not print. */
    private static final Pattern SECRET = Pattern.compile("(?i)((?:cookie|password|keyStorePassword|"
            + "trustStorePassword)=)[^&;]*");

    /** {@code url} with the values of its secret properties replaced by {@code ***}, for reports and messages. */
    static String redacted(String url) {
        return SECRET.matcher(url).replaceAll("$1***");
    }

    /**
     * Connects to {@code url}. {@code jdbc:h2:mem:} without a name would give every connection a database of its
     * own, so it is given {@code defaultName} (and the notes say so).
     */
    public static JdbcTarget open(String url, String defaultName, int fields, int fieldChars, int scanRowsMax,
                                  Tables.KindChoice kindChoice) throws SQLException, NotAvailableException {
        String effective = url;
        if (url.equals("jdbc:h2:mem:") || url.startsWith("jdbc:h2:mem:;")) {
            effective = "jdbc:h2:mem:" + defaultName + url.substring("jdbc:h2:mem:".length());
        }
        requireDriver(effective);
        Connection admin = DriverManager.getConnection(effective);
        JdbcTarget target = new JdbcTarget(redacted(effective), effective, List.of(effective), admin, fields,
                fieldChars, scanRowsMax, kindChoice);
        if (!effective.equals(url)) {
            target.notes.add("given " + redacted(url) + ", which would be private to each connection: named it "
                    + redacted(effective));
        }
        return target;
    }

    /**
     * Connects to {@code url} for the tables and the loading, and opens the sessions on {@code sessionUrls} in
     * turn (a cluster's members, so that its clients spread over them); {@code label} names the target.
     */
    static JdbcTarget open(String label, String url, List<String> sessionUrls, int fields, int fieldChars,
                           int scanRowsMax, Tables.KindChoice kindChoice) throws SQLException, NotAvailableException {
        requireDriver(url);
        return new JdbcTarget(label, url, sessionUrls, DriverManager.getConnection(url), fields, fieldChars,
                scanRowsMax, kindChoice);
    }

    private static void requireDriver(String url) throws NotAvailableException {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException e) {
            StringJoiner drivers = new StringJoiner(", ");
            for (Driver d : Collections.list(DriverManager.getDrivers())) {
                drivers.add(d.getClass().getName());
            }
            throw new NotAvailableException("no JDBC driver on the class path accepts " + url + " (drivers here: "
                    + drivers + ")");
        }
    }

    private static String isolationName(Connection c) {
        try {
            switch (c.getTransactionIsolation()) {
                case Connection.TRANSACTION_NONE: return "NONE";
                case Connection.TRANSACTION_READ_UNCOMMITTED: return "READ UNCOMMITTED";
                case Connection.TRANSACTION_READ_COMMITTED: return "READ COMMITTED";
                case Connection.TRANSACTION_REPEATABLE_READ: return "REPEATABLE READ";
                case Connection.TRANSACTION_SERIALIZABLE: return "SERIALIZABLE";
                default: return "level " + c.getTransactionIsolation();
            }
        } catch (SQLException e) {
            return "unknown (" + Failures.describe(e) + ")";
        }
    }

    @Override
    public String label() {
        return label;
    }

    @Override
    public List<String> notes() {
        return List.copyOf(notes);
    }

    @Override
    public void createTables(Workload workload) throws SQLException {
        explicitTransactions = workload.multiStatement();
        notes.add(explicitTransactions
                ? "auto-commit off: every operation is an explicit transaction ended by commit()"
                : "auto-commit on: every operation is one statement");
        if (workload.isBank()) {
            execute("CREATE TABLE " + Tables.ACCOUNTS + " (id BIGINT NOT NULL PRIMARY KEY, balance BIGINT NOT NULL)");
            created.add(Tables.ACCOUNTS);
            notes.add("transfer = UPDATE ... SET balance = balance - ? WHERE id = ? AND balance >= ?, then "
                    + "UPDATE ... SET balance = balance + ?, in id order, one transaction");
            return;
        }
        String plain = userTableDdl(fields, fieldChars);
        if (mnemo && kindChoice.ordered(workload)) {
            String ordered = plain + " WITH (kind = 'ordered_set')";
            try {
                execute(ordered);
                userTableDdl = ordered;
                notes.add("table " + Tables.USERTABLE + ": WITH (kind = 'ordered_set')");
            } catch (SQLException refused) {
                execute(plain);
                userTableDdl = plain;
                notes.add("the driver refused WITH (kind = 'ordered_set') (" + Failures.describe(refused)
                        + "): " + Tables.USERTABLE + " is unordered, so scans may read the whole table");
            }
        } else {
            execute(plain);
            userTableDdl = plain;
            notes.add("table " + Tables.USERTABLE + ": PRIMARY KEY" + (mnemo ? " (Mnemo kind set: hash)" : ""));
        }
        created.add(Tables.USERTABLE);
    }

    /** The usertable's DDL, as every JDBC target gets it. */
    static String userTableDdl(int fields, int fieldChars) {
        StringBuilder sb = new StringBuilder("CREATE TABLE ").append(Tables.USERTABLE).append(" (")
                .append(Tables.KEY_COLUMN).append(" VARCHAR(").append(Tables.KEY_CHARS_DECLARED)
                .append(") NOT NULL PRIMARY KEY");
        for (int i = 0; i < fields; i++) {
            sb.append(", ").append(Tables.field(i)).append(" VARCHAR(").append(fieldChars).append(')');
        }
        return sb.append(')').toString();
    }

    private void execute(String sql) throws SQLException {
        try (Statement st = admin.createStatement()) {
            st.execute(sql);
        }
    }

    @Override
    public void recreateUserTable() throws SQLException {
        execute("DROP TABLE " + Tables.USERTABLE);
        execute(userTableDdl);
    }

    @Override
    public void loadAccounts(long accounts, long balance) throws SQLException {
        final int batch = 1_000;
        admin.setAutoCommit(false);
        try (PreparedStatement insert = admin.prepareStatement("INSERT INTO " + Tables.ACCOUNTS
                + " (id, balance) VALUES (?, ?)")) {
            for (long id = 0; id < accounts; id++) {
                insert.setLong(1, id);
                insert.setLong(2, balance);
                insert.addBatch();
                if ((id + 1) % batch == 0 || id == accounts - 1) {
                    insert.executeBatch();
                    admin.commit();
                }
            }
        } finally {
            admin.setAutoCommit(true);
        }
    }

    @Override
    public Session openSession() throws SQLException {
        Connection c = DriverManager.getConnection(sessionUrls.get(sessionsOpened.getAndIncrement()
                % sessionUrls.size()));
        try {
            return new JdbcSession(c, explicitTransactions, fields, scanRowsMax, created.contains(Tables.ACCOUNTS));
        } catch (SQLException | RuntimeException e) {
            c.close();
            throw e;
        }
    }

    @Override
    public BankCheck.Totals bankTotals() throws SQLException {
        try (Statement st = admin.createStatement();
             ResultSet rs = st.executeQuery("SELECT SUM(balance), COUNT(*), "
                     + "SUM(CASE WHEN balance < 0 THEN 1 ELSE 0 END) FROM " + Tables.ACCOUNTS)) {
            rs.next();
            return new BankCheck.Totals(rs.getLong(1), rs.getLong(2), rs.getLong(3));
        }
    }

    @Override
    public long internalRetries() {
        return -1;
    }

    /** Drops what it created if the database is in memory (its data dies with the run anyway), then disconnects. */
    @Override
    public void close() throws SQLException {
        try {
            if (url.contains(":mem:")) {
                for (String table : created) {
                    execute("DROP TABLE " + table);
                }
            }
        } finally {
            admin.close();
        }
    }
}
