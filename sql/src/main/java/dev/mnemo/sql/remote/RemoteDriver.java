package dev.mnemo.sql.remote;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * The remote JDBC driver: {@code jdbc:mnemo://host:port[,host:port...]} talks to a cluster's members over gRPC,
 * authenticating with the cluster cookie and failing over between the listed members. It needs nothing but
 * gRPC, protobuf and the generated protocol classes, so the thin client jar (classifier {@code client}) carries
 * it to applications without Chronicle Map or Calcite.
 */
public final class RemoteDriver implements Driver {
    public static final String PREFIX = "jdbc:mnemo://";
    static final int MAJOR = 0;
    static final int MINOR = 1;

    static {
        try {
            DriverManager.registerDriver(new RemoteDriver());
        } catch (SQLException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @Override
    public Connection connect(String url, Properties info) throws SQLException {
        if (!acceptsURL(url)) {
            return null;
        }
        RemoteConfig config = RemoteConfig.parse(url, info);
        return new RemoteConnection(RemoteSession.open(config), config, url);
    }

    @Override
    public boolean acceptsURL(String url) {
        return url != null && url.startsWith(PREFIX);
    }

    @Override
    public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) {
        return new DriverPropertyInfo[] {
            property(info, "cookie", "the cluster's cookie; never sent, only proven", false),
            property(info, "password", "the cookie, if 'cookie' is not given", false),
            property(info, "cookieFile", "a file holding the cookie, if neither is given (default"
                    + " ~/.mnemo.cookie)", false),
            property(info, "consistency", "local (default: read this member's replica) or linearizable", false),
            property(info, "connectTimeout", "milliseconds to reach and authenticate with one member (default "
                    + RemoteConfig.CONNECT_TIMEOUT_MILLIS_DEFAULT + ")", false),
            property(info, "queryTimeout", "default seconds a statement may take; 0 (default) for none", false),
            property(info, "fetchSize", "rows per result page (default " + RemoteConfig.FETCH_SIZE_DEFAULT + ")",
                    false),
            property(info, "clientName", "shown in the member's logs", false),
            property(info, "tls", "true to use TLS (implied by trustStore or keyStore); false (default) for plaintext",
                    false),
            property(info, "trustStore", "a key store of the certificates to trust (default: the JDK's)", false),
            property(info, "trustStorePassword", "the trust store's password", false),
            property(info, "trustStoreType", "the trust store's type (default PKCS12)", false),
            property(info, "keyStore", "a key store with this client's key and certificate, for members that"
                    + " require client certificates (mutual TLS)", false),
            property(info, "keyStorePassword", "the key store's password (also the key's)", false),
            property(info, "keyStoreType", "the key store's type (default PKCS12)", false),
        };
    }

    private static DriverPropertyInfo property(Properties info, String name, String description, boolean required) {
        DriverPropertyInfo p = new DriverPropertyInfo(name, info == null ? null : info.getProperty(name));
        p.description = description;
        p.required = required;
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
        throw new SQLFeatureNotSupportedException("the remote driver logs nothing through java.util.logging", "0A000");
    }
}
