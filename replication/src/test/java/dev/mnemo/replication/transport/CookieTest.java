package dev.mnemo.replication.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CookieTest {
    private static final byte[] DIALER_NONCE = new byte[16];
    private static final byte[] ACCEPTOR_NONCE = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};

    @TempDir
    Path dir;

    @Test
    void aPrivateCookieFileIsReadWithoutItsLineBreak() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("cookie");
        Files.writeString(file, "s3cret\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));

        Cookie cookie = Cookie.fromFile(file);

        assertThat(cookie.bytes()).isEqualTo("s3cret".getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aCookieFileOthersCanReadIsRefusedWithAClearMessage() throws Exception {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        Path file = dir.resolve("cookie");
        Files.writeString(file, "s3cret");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> Cookie.fromFile(file)).isInstanceOf(CookieException.class)
                .hasMessageContaining("chmod 600").hasMessageNotContaining("s3cret");

        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw----r--"));
        assertThatThrownBy(() -> Cookie.fromFile(file)).isInstanceOf(CookieException.class);
    }

    @Test
    void aMissingOrEmptyCookieFileIsRefused() throws Exception {
        assertThatThrownBy(() -> Cookie.fromFile(dir.resolve("absent"))).isInstanceOf(CookieException.class);
        Path empty = dir.resolve("empty");
        Files.writeString(empty, "\n");
        Files.setPosixFilePermissions(empty, PosixFilePermissions.fromString("rw-------"));
        assertThatThrownBy(() -> Cookie.fromFile(empty)).isInstanceOf(CookieException.class)
                .hasMessageContaining("empty");
        assertThatThrownBy(() -> Cookie.of("")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void toStringNeverShowsTheSecret() {
        assertThat(Cookie.of("s3cret").toString()).doesNotContain("s3cret");
    }

    @Test
    void proofsBindTheRoleTheNamesTheNoncesAndTheCookie() {
        Cookie cookie = Cookie.of("s3cret");
        byte[] proof = cookie.proof(Cookie.Role.DIALER, "a@h:1", "b@h:2", DIALER_NONCE, ACCEPTOR_NONCE);

        assertThat(proof).hasSize(32);
        assertThat(cookie.verify(proof, Cookie.Role.DIALER, "a@h:1", "b@h:2", DIALER_NONCE, ACCEPTOR_NONCE))
                .isTrue();
        assertThat(cookie.verify(proof, Cookie.Role.ACCEPTOR, "a@h:1", "b@h:2", DIALER_NONCE, ACCEPTOR_NONCE))
                .isFalse();
        assertThat(cookie.verify(proof, Cookie.Role.DIALER, "b@h:2", "a@h:1", DIALER_NONCE, ACCEPTOR_NONCE))
                .isFalse();
        assertThat(cookie.verify(proof, Cookie.Role.DIALER, "a@h:1", "b@h:2", ACCEPTOR_NONCE, DIALER_NONCE))
                .isFalse();
        assertThat(Cookie.of("other").verify(proof, Cookie.Role.DIALER, "a@h:1", "b@h:2", DIALER_NONCE,
                ACCEPTOR_NONCE)).isFalse();
        // Length prefixes keep a name's end from sliding into the next field.
        assertThat(cookie.verify(proof, Cookie.Role.DIALER, "a@h:1b", "@h:2", DIALER_NONCE, ACCEPTOR_NONCE))
                .isFalse();
    }
}
