package dev.mnemo.sql.remote;

import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoteConfigTlsTest {
    private static final String URL = "jdbc:mnemo://127.0.0.1:7001/?cookie=c";

    @TempDir
    Path dir;

    @Test
    void plaintextUnlessTlsIsAskedForOrAStoreIsNamed() throws Exception {
        assertThat(RemoteConfig.parse(URL, null).credentials()).isInstanceOf(InsecureChannelCredentials.class);
        assertThat(RemoteConfig.parse(URL + "&tls=false", null).credentials())
                .isInstanceOf(InsecureChannelCredentials.class);
        assertThat(RemoteConfig.parse(URL + "&tls=TRUE", null).credentials())
                .isInstanceOf(TlsChannelCredentials.class);
        Properties p = new Properties();
        p.setProperty("tls", "true");
        assertThat(RemoteConfig.parse(URL, p).credentials()).isInstanceOf(TlsChannelCredentials.class);
    }

    @Test
    void badTlsPropertiesAreTypedConnectionErrors() throws Exception {
        assertThatThrownBy(() -> RemoteConfig.parse(URL + "&tls=yes", null)).isInstanceOf(SQLException.class)
                .hasMessageContaining("tls must be true or false")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
        Path missing = dir.resolve("missing.p12");
        assertThatThrownBy(() -> RemoteConfig.parse(URL + "&trustStore=" + missing, null))
                .isInstanceOf(SQLException.class).hasMessageContaining("cannot read the trustStore")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
        assertThatThrownBy(() -> RemoteConfig.parse(URL + "&tls=false&keyStore=" + missing, null))
                .isInstanceOf(SQLException.class).hasMessageContaining("contradicts");
        Path garbage = Files.writeString(dir.resolve("garbage.p12"), "not a key store");
        assertThatThrownBy(() -> RemoteConfig.parse(URL + "&keyStore=" + garbage + "&keyStorePassword=x", null))
                .isInstanceOf(SQLException.class).hasMessageContaining("cannot read the keyStore")
                .extracting(e -> ((SQLException) e).getSQLState()).isEqualTo("08001");
    }
}
