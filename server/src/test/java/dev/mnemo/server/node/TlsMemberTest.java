package dev.mnemo.server.node;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A member process started with {@code --tls-keystore/--tls-truststore/--tls-password-file} serves SQL clients over
 * mutual TLS only: a client with the key and trust stores works; a plaintext client and a client without a
 * certificate are refused, with the cookie still required on top.
 */
class TlsMemberTest {
    private static final String PASSWORD = "tls-member-test-password";

    @TempDir
    Path dir;

    private LocalCluster cluster;
    private Path store;

    @BeforeEach
    void start() throws Exception {
        store = dir.resolve("member.p12");
        // One self-signed key pair for 127.0.0.1: the member's key and, as the first certificate of its chain,
        // what both sides trust.
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        Process p = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "member", "-keyalg", "EC",
                "-groupname", "secp256r1", "-dname", "CN=mnemo-member", "-ext", "SAN=ip:127.0.0.1", "-validity", "2",
                "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD))
                .redirectErrorStream(true).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
        Path passwordFile = dir.resolve("tls-password");
        Files.writeString(passwordFile, PASSWORD + "\n");
        cluster = LocalCluster.start(dir.resolve("cluster"), LocalCluster.freePorts(1), false, Duration.ofSeconds(90),
                List.of("--tls-keystore", store.toString(), "--tls-truststore", store.toString(),
                        "--tls-password-file", passwordFile.toString()));
    }

    @AfterEach
    void stop() {
        if (cluster != null) {
            cluster.close();
        }
    }

    private String url(String tls) {
        return cluster.url() + "/?cookieFile=" + cluster.cookieFile() + "&connectTimeout=3000" + tls;
    }

    @Test
    void sqlOverMutualTlsWorksAndNothingElseGetsIn() throws SQLException, IOException {
        String stores = "&keyStore=" + store + "&keyStorePassword=" + PASSWORD + "&trustStore=" + store
                + "&trustStorePassword=" + PASSWORD;
        try (Connection c = DriverManager.getConnection(url(stores)); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, name VARCHAR(20))");
            s.execute("INSERT INTO t VALUES (1, 'ada'), (2, 'grace')");
            try (ResultSet rs = s.executeQuery("SELECT name FROM t ORDER BY id")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("ada");
                assertThat(rs.next()).isTrue();
                assertThat(rs.getString(1)).isEqualTo("grace");
                assertThat(rs.next()).isFalse();
            }
        }
        // Plaintext: the member speaks only TLS.
        assertThatThrownBy(() -> DriverManager.getConnection(url("")))
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
        // TLS, trusting the member, but with no certificate of its own: the member requires one.
        assertThatThrownBy(() -> DriverManager.getConnection(url("&trustStore=" + store + "&trustStorePassword="
                + PASSWORD))).isInstanceOf(SQLException.class)
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
        // The right certificate and the wrong cookie: TLS does not replace the cookie.
        Path wrongCookie = dir.resolve("wrong-cookie");
        Files.writeString(wrongCookie, "not-the-cluster-cookie");
        assertThatThrownBy(() -> DriverManager.getConnection(cluster.url() + "/?cookieFile=" + wrongCookie + stores))
                .isInstanceOf(SQLException.class).extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("28000");
    }
}
