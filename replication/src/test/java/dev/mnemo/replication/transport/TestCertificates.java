package dev.mnemo.replication.transport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Key pairs made at run time by the JDK's {@code keytool} (no network, nothing checked in), each a self-signed
 * certificate for {@code 127.0.0.1} in a PKCS12 store: {@link #CLUSTER} is what the members of a test cluster
 * share and trust, {@link #STRANGER} one that nobody trusts. Made once per JVM, on first use.
 */
final class TestCertificates {
    static final char[] PASSWORD = "test-store-password".toCharArray();
    private static final long KEYTOOL_WAIT_SECONDS = 60;

    /** The members' shared key pair. */
    static final TestCertificates CLUSTER;
    /** A key pair for 127.0.0.1 that the cluster does not trust. */
    static final TestCertificates STRANGER;

    static {
        // Each keytool is a JVM of its own: start both before waiting for either.
        Keytool cluster = new Keytool("mnemo-cluster");
        Keytool stranger = new Keytool("mnemo-stranger");
        CLUSTER = cluster.result();
        STRANGER = stranger.result();
    }

    final KeyStore keyStore;
    final Certificate certificate;

    private TestCertificates(KeyStore keyStore, Certificate certificate) {
        this.keyStore = keyStore;
        this.certificate = certificate;
    }

    /** Mutual TLS presenting this key pair and trusting only the certificates of {@code trusted}. */
    TransportOptions tls(TransportOptions options, TestCertificates... trusted) {
        return options.withMutualTls(keyStore, PASSWORD, trustStore(trusted));
    }

    private static KeyStore trustStore(TestCertificates... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("trusted-" + i, trusted[i].certificate);
            }
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One run of {@code keytool -genkeypair} into a temporary PKCS12 file, read back and deleted. */
    private static final class Keytool {
        private final Path dir;
        private final Path file;
        private final Process process;

        Keytool(String commonName) {
            try {
                dir = Files.createTempDirectory("mnemo-tls-");
                file = dir.resolve(commonName + ".p12");
                String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
                process = new ProcessBuilder(List.of(keytool, "-genkeypair", "-alias", "member",
                        "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + commonName,
                        "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                        "-keystore", file.toString(), "-storepass", new String(PASSWORD)))
                        .redirectErrorStream(true).start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        TestCertificates result() {
            try {
                String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (!process.waitFor(KEYTOOL_WAIT_SECONDS, TimeUnit.SECONDS) || process.exitValue() != 0) {
                    process.destroyForcibly();
                    throw new IllegalStateException("keytool failed: " + output);
                }
                KeyStore store = KeyStore.getInstance(file.toFile(), PASSWORD);
                Files.delete(file);
                Files.delete(dir);
                return new TestCertificates(store, store.getCertificate("member"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
