package dev.mnemo.sql.remote;

import dev.mnemo.sql.client.DatetimeText;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.IOException;
import java.io.InputStream;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.TrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * What a remote URL and its properties ask for:
 * {@code jdbc:mnemo://host:port[,host:port...][/][?key=value[&key=value...]]} (";" separates properties too),
 * with properties in the URL overriding those passed to {@code connect}.
 *
 * @param members the members to try, in order
 * @param cookie the cluster cookie's bytes: the UTF-8 of the {@code cookie} property, else of a non-empty
 *               {@code password} (where GUI tools and sqlline put a secret), else the content of the
 *               {@code cookieFile} (default {@code ~/.mnemo.cookie}, a member's own) without its trailing line break
 * @param linearizable whether reads wait for the replica to catch up ({@code consistency=linearizable})
 * @param connectTimeoutMillis how long reaching one member and authenticating may take
 * @param queryTimeoutSeconds each statement's default timeout (0: none), as Statement.setQueryTimeout sets it
 * @param fetchSize rows per result page asked of the member (0: the member chooses)
 * @param clientName shown in the member's logs
 * @param credentials how the channel is secured: plaintext, unless {@code tls=true} or a {@code trustStore} or
 *                    {@code keyStore} is named; TLS then checks the member's certificate against the
 *                    {@code trustStore} (default: the JDK's trusted authorities) and, for members that require
 *                    client certificates (mutual TLS), presents the {@code keyStore}'s key. Stores are PKCS12
 *                    unless {@code trustStoreType}/{@code keyStoreType} say otherwise; their passwords are
 *                    {@code trustStorePassword}/{@code keyStorePassword}
 * @param datetimeText whether getObject gives TIME and TIMESTAMP values that print as getString does
 */
record RemoteConfig(List<Member> members, byte[] cookie, boolean linearizable, long connectTimeoutMillis,
                    int queryTimeoutSeconds, int fetchSize, String clientName, ChannelCredentials credentials,
                    boolean datetimeText) {
    static final long CONNECT_TIMEOUT_MILLIS_DEFAULT = 10_000;
    static final int FETCH_SIZE_DEFAULT = 1000;

    /** One member's address. */
    record Member(String host, int port) {
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    static RemoteConfig parse(String url, Properties info) throws SQLException {
        String rest = url.substring(RemoteDriver.PREFIX.length());
        int cut = indexOfAny(rest, "?;");
        String hosts = cut < 0 ? rest : rest.substring(0, cut);
        if (hosts.endsWith("/")) {
            hosts = hosts.substring(0, hosts.length() - 1);
        }
        Properties p = new Properties();
        if (info != null) {
            p.putAll(info);
        }
        if (cut >= 0) {
            for (String pair : rest.substring(cut + 1).split("[;&]")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw bad("bad URL property '" + pair + "' in " + url + " (expected key=value)");
                }
                p.setProperty(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
        List<Member> members = new ArrayList<>();
        for (String hostPort : hosts.split(",")) {
            members.add(member(hostPort.trim(), url));
        }
        byte[] cookie = cookie(p);
        String consistency = p.getProperty("consistency", "local").trim().toLowerCase(Locale.ROOT);
        if (!consistency.equals("local") && !consistency.equals("linearizable")) {
            throw bad("consistency must be local or linearizable, got '" + consistency + "'");
        }
        return new RemoteConfig(List.copyOf(members), cookie,
                consistency.equals("linearizable"),
                number(p, "connectTimeout", CONNECT_TIMEOUT_MILLIS_DEFAULT, 1),
                (int) number(p, "queryTimeout", 0, 0),
                (int) number(p, "fetchSize", FETCH_SIZE_DEFAULT, 0),
                p.getProperty("clientName", "mnemo-jdbc"),
                credentials(p), DatetimeText.requested(p));
    }

    /** Whether the connection uses TLS: asked for with {@code tls}, or implied by naming a store. */
    static boolean tls(Properties p) throws SQLException {
        String tls = p.getProperty("tls");
        boolean stores = p.getProperty("trustStore") != null || p.getProperty("keyStore") != null;
        if (tls == null) {
            return stores;
        }
        String v = tls.trim().toLowerCase(Locale.ROOT);
        if (!v.equals("true") && !v.equals("false")) {
            throw bad("tls must be true or false, got '" + tls + "'");
        }
        if (v.equals("false") && stores) {
            throw bad("tls=false contradicts the trustStore/keyStore properties: drop one or the other");
        }
        return v.equals("true");
    }

    private static ChannelCredentials credentials(Properties p) throws SQLException {
        if (!tls(p)) {
            return InsecureChannelCredentials.create();
        }
        TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder();
        try {
            KeyStore trust = store(p, "trustStore");
            if (trust != null) {
                TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(trust);
                tls.trustManager(tmf.getTrustManagers());
            }
            KeyStore key = store(p, "keyStore");
            if (key != null) {
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(key, password(p, "keyStore"));
                tls.keyManager(kmf.getKeyManagers());
            }
        } catch (GeneralSecurityException e) {
            throw bad("cannot use the TLS key or trust store: " + e.getMessage());
        }
        return tls.build();
    }

    /** The key store named by property {@code name}, or null if none is. */
    private static KeyStore store(Properties p, String name) throws SQLException, GeneralSecurityException {
        String file = p.getProperty(name);
        if (file == null) {
            return null;
        }
        KeyStore store = KeyStore.getInstance(p.getProperty(name + "Type", "PKCS12"));
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            store.load(in, password(p, name));
        } catch (IOException e) {
            // A wrong password surfaces here too, as PKCS12's integrity check fails.
            throw bad("cannot read the " + name + " " + file + ": " + e.getMessage());
        }
        return store;
    }

    private static char[] password(Properties p, String store) {
        String password = p.getProperty(store + "Password");
        return password == null ? new char[0] : password.toCharArray();
    }

    private static byte[] cookie(Properties p) throws SQLException {
        // Tools that only know user and password (sqlline's -p, GUI clients) pass the cookie as the password.
        for (String key : new String[] {"cookie", "password"}) {
            String cookie = p.getProperty(key);
            if (cookie != null && !cookie.isEmpty()) {
                return cookie.getBytes(StandardCharsets.UTF_8);
            }
        }
        String named = p.getProperty("cookieFile");
        Path file = named != null ? Path.of(named) : Path.of(System.getProperty("user.home"), ".mnemo.cookie");
        if (named == null && !Files.exists(file)) {
            throw new SQLInvalidAuthorizationSpecException("no cookie: set the 'cookie', 'password' or 'cookieFile'"
                    + " property (in the URL or the Properties); there is no " + file + " to default to", "28000");
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            int length = bytes.length;
            while (length > 0 && (bytes[length - 1] == '\n' || bytes[length - 1] == '\r')) {
                length--;
            }
            if (length == 0) {
                throw new SQLInvalidAuthorizationSpecException("the cookie file " + file + " is empty", "28000");
            }
            return Arrays.copyOf(bytes, length);
        } catch (IOException e) {
            throw new SQLInvalidAuthorizationSpecException("cannot read the cookie file " + file + ": " + e, "28000",
                    e);
        }
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static Member member(String hostPort, String url) throws SQLException {
        int colon = hostPort.lastIndexOf(':');
        if (colon <= 0 || colon == hostPort.length() - 1) {
            throw bad("'" + hostPort + "' in " + url + " is not host:port");
        }
        String host = hostPort.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        try {
            int port = Integer.parseInt(hostPort.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw bad("port " + port + " in " + url + " is out of range 1..65535");
            }
            return new Member(host, port);
        } catch (NumberFormatException e) {
            throw bad("'" + hostPort + "' in " + url + " has no numeric port");
        }
    }

    private static long number(Properties p, String key, long dflt, long min) throws SQLException {
        String v = p.getProperty(key);
        if (v == null) {
            return dflt;
        }
        try {
            long n = Long.parseLong(v.trim());
            if (n < min || n > Integer.MAX_VALUE) {
                throw bad(key + " must be in " + min + ".." + Integer.MAX_VALUE + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw bad(key + " must be a whole number, got '" + v + "'");
        }
    }

    private static SQLException bad(String message) {
        return new SQLNonTransientConnectionException(message, "08001");
    }
}
