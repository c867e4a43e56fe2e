package dev.mnemo.sql.client;

import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * What both Mnemo drivers answer alike: the driver version, that neither claims JDBC compliance and that neither
 * logs through java.util.logging. A driver supplies its URLs, connections and properties.
 */
public abstract class BaseDriver implements Driver {
    /** The major version of both drivers. */
    public static final int MAJOR = 0;
    /** The minor version of both drivers. */
    public static final int MINOR = 1;

    private final String noParentLogger;

    /** A driver whose getParentLogger refuses with SQLState 0A000 and the message {@code noParentLogger}. */
    protected BaseDriver(String noParentLogger) {
        this.noParentLogger = noParentLogger;
    }

    /** Registers {@code driver} with DriverManager; a driver's static initializer calls it with a new instance. */
    protected static void register(BaseDriver driver) {
        try {
            DriverManager.registerDriver(driver);
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A property this driver knows, with the value {@code info} gives it (none when {@code info} is null). */
    protected static DriverPropertyInfo property(Properties info, String name, String description) {
        DriverPropertyInfo p = new DriverPropertyInfo(name, info == null ? null : info.getProperty(name));
        p.description = description;
        return p;
    }

    @Override
    public int getMajorVersion() {
        return MAJOR;
    }

    @Override
    public int getMinorVersion() {
        return MINOR;
    }

    @Override
    public boolean jdbcCompliant() {
        return false;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException(noParentLogger, "0A000");
    }
}
