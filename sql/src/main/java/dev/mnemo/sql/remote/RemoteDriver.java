package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.BaseDriver;
import dev.mnemo.sql.client.DatetimeText;

import java.sql.Connection;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The remote JDBC driver: {@code jdbc:mnemo://host:port[,host:port...]} talks to a cluster's members over gRPC,
 * authenticating with the cluster cookie and failing over between the listed members. It needs nothing but
 * gRPC, protobuf and the generated protocol classes, so the thin client jar (classifier {@code client}) carries
 * it to applications without Chronicle Map or Calcite.
 */
public final class RemoteDriver extends BaseDriver {
    public static final String PREFIX = "jdbc:mnemo://";

    static {
        register(new RemoteDriver());
    }

    /** A driver for {@code jdbc:mnemo://} URLs; DriverManager gets one when the class loads. */
    public RemoteDriver() {
        super("the remote driver logs nothing through java.util.logging");
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
            property(info, "cookie", "the cluster's cookie; never sent, only proven"),
            property(info, "password", "the cookie, if 'cookie' is not given"),
            property(info, "cookieFile", "a file holding the cookie, if neither is given (default"
                    + " ~/.mnemo.cookie)"),
            property(info, "consistency", "local (default: read this member's replica) or linearizable"),
            property(info, "connectTimeout", "milliseconds to reach and authenticate with one member (default "
                    + RemoteConfig.CONNECT_TIMEOUT_MILLIS_DEFAULT + ")"),
            property(info, "queryTimeout", "default seconds a statement may take; 0 (default) for none"),
            property(info, "fetchSize", "rows per result page (default " + RemoteConfig.FETCH_SIZE_DEFAULT + ")"),
            property(info, "clientName", "shown in the member's logs"),
            property(info, DatetimeText.PROPERTY, "true: getObject gives TIME and TIMESTAMP values that print as "
                    + "getString does (default false; the SQL shell sets it)"),
            property(info, "tls", "true to use TLS (implied by trustStore or keyStore); false (default) for plaintext"),
            property(info, "trustStore", "a key store of the certificates to trust (default: the JDK's)"),
            property(info, "trustStorePassword", "the trust store's password"),
            property(info, "trustStoreType", "the trust store's type (default PKCS12)"),
            property(info, "keyStore", "a key store with this client's key and certificate, for members that"
                    + " require client certificates (mutual TLS)"),
            property(info, "keyStorePassword", "the key store's password (also the key's)"),
            property(info, "keyStoreType", "the key store's type (default PKCS12)"),
        };
    }
}
