package dev.mnemo.sql.jdbc;

import dev.mnemo.sql.SqlError;
import dev.mnemo.sql.client.BaseDriver;
import dev.mnemo.sql.client.DatetimeText;
import dev.mnemo.sql.exec.SqlDatabase;
import dev.mnemo.sql.exec.SqlErrors;
import dev.mnemo.sql.remote.RemoteDriver;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;
import java.util.concurrent.CompletionStage;

/**
 * The embedded JDBC driver: {@code jdbc:mnemo:mem:NAME[;dataDir=PATH][;planCacheStatements=N][;caseWhenBranches=N]}
 * opens (or shares, by NAME within the JVM) an in-process database; properties may also come in the
 * {@link Properties}.
 * Loading the driver starts warming Calcite's planner on a background thread, since the first plan of a JVM
 * costs over a second of class loading and code generation. Remote URLs ({@code jdbc:mnemo://host:port,...})
 * go to {@link RemoteDriver} before anything embedded is touched; applications that only connect remotely use
 * the thin client jar, whose driver is RemoteDriver alone.
 */
public final class MnemoDriver extends BaseDriver {
    public static final String PREFIX = "jdbc:mnemo:mem:";

    static {
        register(new MnemoDriver());
        Warmup.start();
    }

    /** A driver for embedded (and, passed on, remote) URLs; DriverManager gets one when the class loads. */
    public MnemoDriver() {
        super("Mnemo logs through SLF4J");
    }

    /**
     * Starts the planner warm-up in the background if loading the driver has not (a cluster member starts it once it
     * is ready, as it needs the planner only for its SQL clients); the stage completes when the warm-up is over, at
     * once if it is turned off ({@code -Dmnemo.sql.noWarmup=true}).
     */
    public static CompletionStage<Void> startWarmup() {
        return Warmup.start();
    }

    /** Waits until the planner warm-up started by loading the driver is done (benchmarks call this first). */
    public static void awaitWarmup() throws InterruptedException {
        Warmup.await();
    }

    /** A connection to a database this JVM already holds: a member serves each remote client through one. */
    public static MnemoConnection embeddedConnection(SqlDatabase database) throws SQLException {
        return new MnemoConnection(database, PREFIX + "(member)", false);
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (url != null && url.startsWith(RemoteDriver.PREFIX)) {
            return new RemoteDriver().connect(url, info);
        }
        if (!acceptsURL(url)) {
            return null;
        }
        Properties p = new Properties();
        if (info != null) {
            p.putAll(info);
        }
        String rest = url.substring(PREFIX.length());
        String[] parts = rest.split(";");
        String name = parts[0].trim();
        if (name.isEmpty()) {
            throw SqlErrors.toSqlException(new SqlError("08001", "the URL names no database: " + url));
        }
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq <= 0) {
                throw SqlErrors.toSqlException(new SqlError("08001", "bad URL property '" + parts[i]
                        + "' in " + url + " (expected key=value)"));
            }
            p.setProperty(parts[i].substring(0, eq).trim(), parts[i].substring(eq + 1).trim());
        }
        boolean datetimeText = DatetimeText.requested(p);
        try {
            String dir = p.getProperty("dataDir");
            int cache = wholeNumber(p, "planCacheStatements", SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT, 0);
            int branches = wholeNumber(p, "caseWhenBranches", SqlDatabase.CASE_WHEN_BRANCHES_DEFAULT, 1);
            SqlDatabase db = Databases.open(name, dir == null ? null : Path.of(dir), cache, branches);
            return new MnemoConnection(db, url, datetimeText);
        } catch (RuntimeException e) {
            throw SqlErrors.toSqlException(e);
        }
    }

    /** A property that must be a whole number of at least {@code min}; 08001 if it is not. */
    private static int wholeNumber(Properties p, String key, int dflt, int min) {
        String text = p.getProperty(key);
        if (text == null) {
            return dflt;
        }
        try {
            int v = Integer.parseInt(text.trim());
            if (v >= min) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new SqlError("08001", "bad property " + key + "=" + text
                + ": a whole number of at least " + min + " is expected");
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && (url.startsWith(PREFIX) || url.startsWith(RemoteDriver.PREFIX));
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
        if (url != null && url.startsWith(RemoteDriver.PREFIX)) {
            return new RemoteDriver().getPropertyInfo(url, info);
        }
        return new DriverPropertyInfo[] {
            property(info, "dataDir", "directory for disc tables' journal and snapshots; memory only if absent"),
            property(info, "planCacheStatements", "compiled statements kept per database (default "
                    + SqlDatabase.PLAN_CACHE_STATEMENTS_DEFAULT + ")"),
            property(info, DatetimeText.PROPERTY, "true: getObject gives TIME and TIMESTAMP values that print as "
                    + "getString does (default false; the SQL shell sets it)"),
            property(info, "caseWhenBranches", "WHEN branches of one CASE, with those of the CASEs nested in it, "
                    + "that a statement may have (default " + SqlDatabase.CASE_WHEN_BRANCHES_DEFAULT + ")"),
        };
    }
}
